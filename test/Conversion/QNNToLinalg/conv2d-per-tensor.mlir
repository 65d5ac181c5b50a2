// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N8 with per-tensor weights and a bias: the bias initializes the i32
// accumulator, the window sum subtracts both zero points, and the result is
// requantized with M = 0.02 * 0.1 / 0.05 = 0.04 = 0.64 * 2^-4
// -> (m, e) = (round(0.64 * 2^31), -4) = (1374389535, -4) (rule N4).
// No left shift: SRDHM takes the accumulator directly (no saturating i64
// pre-shift, no INT32_MIN saturation select). The output zero point z = -3
// is added after an i32 clamp to [-128 - z, 127 - z] = [-125, 130].

// CHECK-DAG: #[[$CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[$ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d4, d2 + d5, d6)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>
// CHECK-DAG: #[[$ZW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (0)>
// CHECK-DAG: #[[$ACC:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$SCALAR:.+]] = affine_map<(d0, d1, d2, d3) -> (0)>

// CHECK-LABEL: func.func @conv_per_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x3xi8>, %[[W:.*]]: tensor<2x3x3x3xi8>, %[[B:.*]]: tensor<2xi32>) -> tensor<1x2x2x2xi8>
// CHECK-NOT: tensor.pad
// CHECK: %[[INIT:.*]] = tensor.empty() : tensor<1x2x2x2xi32>
// CHECK: %[[BIAS:.*]] = linalg.generic {indexing_maps = [#[[$CHAN]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[B]] : tensor<2xi32>) outs(%[[INIT]] : tensor<1x2x2x2xi32>)
// CHECK: %[[ZWC:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK: %[[ZX:.*]] = arith.constant 128 : i32
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #[[$ZW]], #[[$ACC]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[W]], %[[ZWC]] : tensor<1x4x4x3xi8>, tensor<2x3x3x3xi8>, tensor<1xi32>) outs(%[[BIAS]] : tensor<1x2x2x2xi32>)
// CHECK: ^bb0(%[[XV:.*]]: i8, %[[WV:.*]]: i8, %[[ZWV:.*]]: i32, %[[OUT:.*]]: i32):
// u8 input: zero extension; i8 weight: sign extension.
// CHECK: %[[XE:.*]] = arith.extui %[[XV]] : i8 to i32
// CHECK: %[[XD:.*]] = arith.subi %[[XE]], %[[ZX]] : i32
// CHECK: %[[WE:.*]] = arith.extsi %[[WV]] : i8 to i32
// CHECK: %[[WD:.*]] = arith.subi %[[WE]], %[[ZWV]] : i32
// CHECK: %[[P:.*]] = arith.muli %[[XD]], %[[WD]] : i32
// CHECK: %[[S:.*]] = arith.addi %[[OUT]], %[[P]] : i32
// CHECK: linalg.yield %[[S]] : i32
// CHECK-DAG: %[[M:.*]] = arith.constant dense<1374389535> : tensor<1xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<4> : tensor<1xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<-3> : tensor<1xi32>
// CHECK: %[[YINIT:.*]] = tensor.empty() : tensor<1x2x2x2xi8>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$SCALAR]], #[[$SCALAR]], #[[$SCALAR]], #[[$SCALAR]], #[[$ID4]]]
// CHECK-SAME: ins(%[[ACC]], %[[M]], %[[L]], %[[R]], %[[ZY]] : {{.*}}) outs(%[[YINIT]] : tensor<1x2x2x2xi8>)
// CHECK: ^bb0(%[[A:[^:]*]]: i32, %[[MV:[^:]*]]: i32,
// CHECK-NEXT: arith.extsi %[[A]] : i32 to i64
// CHECK-NEXT: arith.extsi %[[MV]] : i32 to i64
// CHECK-NOT: arith.cmpi eq
// CHECK: %[[LO:.*]] = arith.constant -125 : i32
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 130 : i32
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant -3 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[C2]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK: return %[[Y]] : tensor<1x2x2x2xi8>
func.func @conv_per_tensor(%x: tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
                           %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>,
                           %b: tensor<2xi32>)
    -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w, %b
      : (tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>, tensor<2xi32>)
      -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
}

// Without a bias the accumulator starts from a zero fill.

// CHECK-LABEL: func.func @conv_no_bias
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x3x1xi8>, %[[W:.*]]: tensor<1x3x3x1xi8>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x1x1x1xi32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i32
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : i32) outs(%[[E]] : tensor<1x1x1x1xi32>)
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %[[W]], %{{.*}} : tensor<1x3x3x1xi8>, tensor<1x3x3x1xi8>, tensor<1xi32>) outs(%[[F]] : tensor<1x1x1x1xi32>)
// i8 input: sign extension.
// CHECK: arith.extsi %{{.*}} : i8 to i32
// M = 0.5 * 0.25 / 0.5 = 0.25 -> (2^30, -1): no left shift, right shift 1.
// CHECK-DAG: %[[M:.*]] = arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<1> : tensor<1xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[M]], %[[L]], %[[R]], %[[ZY]] :
func.func @conv_no_bias(%x: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:-1>>,
                        %w: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.25>>)
    -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>> {
  %y = qnn.conv2d %x, %w
      : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<1x3x3x1x!quant.uniform<i8:f32, 0.25>>)
      -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.5>>
}
