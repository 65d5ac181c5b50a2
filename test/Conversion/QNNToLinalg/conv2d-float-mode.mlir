// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s

// Rule N6.2 for conv2d: the same accumulator as in fixed-point mode, then
// y = clamp(round_half_to_even(f32(acc) * f32(M[o])) + zp, lo, hi) with one
// f32 multiplier per output channel and no fixed-point constants.
// M = 0.5 * {0.25, 0.1} / 0.5 = {0.25, 0.1}.

// CHECK-DAG: #[[$CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>

// CHECK-LABEL: func.func @conv_float
// CHECK: %[[ACC:.*]] = linalg.generic
// CHECK: arith.muli %{{.*}}, %{{.*}} : i32
// CHECK-DAG: %[[MF:.*]] = arith.constant dense<[2.500000e-01, 1.000000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<-5> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$CHAN]], #[[$CHAN]], #{{.*}}]
// CHECK-SAME: ins(%[[ACC]], %[[MF]], %[[ZY]] : tensor<1x1x1x2xi32>, tensor<2xf32>, tensor<2xi32>)
// CHECK: ^bb0(%[[A:.*]]: i32, %[[M:.*]]: f32, %[[Z:.*]]: i32, %{{.*}}: i8):
// CHECK: %[[F:.*]] = arith.sitofp %[[A]] : i32 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[F]], %[[M]] : f32
// CHECK: %[[R:.*]] = math.roundeven %[[P]] : f32
// CHECK: arith.maximumf %[[R]]
// CHECK: %[[I:.*]] = arith.fptosi %{{.*}} : f32 to i64
// Saturated to i32 (rule N6.2) before the zero point is added.
// CHECK: %[[I32:.*]] = arith.trunci %{{.*}} : i64 to i32
// CHECK-NEXT: %[[I64:.*]] = arith.extsi %[[I32]] : i32 to i64
// CHECK: %[[ZE:.*]] = arith.extsi %[[Z]] : i32 to i64
// CHECK: %[[S:.*]] = arith.addi %[[I64]], %[[ZE]] : i64
// CHECK: arith.maxsi %[[S]]
// CHECK: arith.trunci %{{.*}} : i64 to i8
// CHECK-NOT: arith.divsi
// CHECK-NOT: arith.shrsi
// CHECK: return
func.func @conv_float(%x: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:0>>,
                      %w: tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.25, 0.1}>>)
    -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5:-5>> {
  %y = qnn.conv2d %x, %w
      : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:0>>,
         tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.25, 0.1}>>)
      -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5:-5>>
  return %y : tensor<1x1x1x2x!quant.uniform<i8:f32, 0.5:-5>>
}
