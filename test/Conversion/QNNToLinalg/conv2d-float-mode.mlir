// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s

// Rule N6.2 for conv2d: the same accumulator as in fixed-point mode, then
// y = clamp(round_half_to_even(f32(acc) * f32(M[o])) + zp, lo, hi) with one
// f32 multiplier per output channel and no fixed-point constants.
// M = 0.5 * {0.25, 0.1} / 0.5 = {0.25, 0.1}.
// The zero point z = -5 is shared by both channels, so the rounded f32 value
// is clamped in f32 to [-128 - z, 127 - z] = [-123, 132], converted to i32
// and z added in i32 before truncating i32 -> i8 (the bounds lie in the i32
// range, so rule N6.2's saturation to i32 is implied).

// CHECK-DAG: #[[$CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>

// CHECK-LABEL: func.func @conv_float
// CHECK: %[[ACC:.*]] = linalg.generic
// CHECK: arith.muli %{{.*}}, %{{.*}} : i32
// CHECK-DAG: %[[MF:.*]] = arith.constant dense<[2.500000e-01, 1.000000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<-5> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#{{.*}}, #[[$CHAN]], #[[$CHAN]], #{{.*}}]
// CHECK-SAME: ins(%[[ACC]], %[[MF]], %[[ZY]] : tensor<1x1x1x2xi32>, tensor<2xf32>, tensor<2xi32>)
// CHECK: ^bb0(%[[A:.*]]: i32, %[[M:.*]]: f32, %{{.*}}: i32, %{{.*}}: i8):
// CHECK: %[[F:.*]] = arith.sitofp %[[A]] : i32 to f32
// CHECK: %[[P:.*]] = arith.mulf %[[F]], %[[M]] : f32
// CHECK: %[[R:.*]] = math.roundeven %[[P]] : f32
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.230000e+02 : f32
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[R]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.320000e+02 : f32
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f32
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[C2]] : f32 to i32
// CHECK-NEXT: %[[ZC:.*]] = arith.constant -5 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[I]], %[[ZC]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK-NOT: : i64
// CHECK-NOT: arith.shrsi {{.*}} : i64
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
