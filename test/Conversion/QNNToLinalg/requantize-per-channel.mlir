// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N7 with per-axis types: M[c] = s_in[c] / s_out[c], indexed by the
// axis loop. The plan tensors follow the axis (d1 or d0).

// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$AX1:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$AX0:.+]] = affine_map<(d0, d1) -> (d0)>

// Per-axis input (axis 1), per-tensor output:
// 0.05 / 0.2 = 0.25 -> (1073741824, -1)
// 0.5 / 0.2 = 2.5 = 0.625 * 2^2 -> (1342177280, 2)
// 0.6 / 0.2 = 2.9999999999999996 -> f * 2^31 = 1610612735.99... -> (1610612736, 2)
// CHECK-LABEL: func.func @requantize_in_per_axis
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi8>) -> tensor<2x3xi8>
// CHECK-DAG: %[[M:.*]] = arith.constant dense<[1073741824, 1342177280, 1610612736]> : tensor<3xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<[0, 2, 2]> : tensor<3xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<[1, 0, 0]> : tensor<3xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<128> : tensor<3xi32>
// CHECK-DAG: %[[ZX:.*]] = arith.constant dense<[-3, 0, 7]> : tensor<3xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$AX1]], #[[$AX1]], #[[$AX1]], #[[$AX1]], #[[$AX1]], #[[$ID2]]]
// CHECK-SAME: ins(%[[X]], %[[M]], %[[L]], %[[R]], %[[ZY]], %[[ZX]] :
// i8 input sign-extended, u8 output clamped to [0, 255].
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: %[[HI:.*]] = arith.constant 255 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %{{c0_i64.*}} : i64
// CHECK-NEXT: arith.minsi %[[C1]], %[[HI]] : i64
func.func @requantize_in_per_axis(
    %x: tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>)
    -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>> {
  %y = qnn.requantize %x : tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>
                        -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
}

// Per-tensor input, per-axis output (axis 0):
// 0.5 / 0.25 = 2.0 -> (1073741824, 2); 0.5 / 2.0 = 0.25 -> (1073741824, -1).
// CHECK-LABEL: func.func @requantize_out_per_axis
// CHECK-DAG: %[[M:.*]] = arith.constant dense<1073741824> : tensor<2xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<[2, 0]> : tensor<2xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<[0, 1]> : tensor<2xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<[1, -1]> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$AX0]], #[[$AX0]], #[[$AX0]], #[[$AX0]], #[[$AX0]], #[[$ID2]]]
// CHECK-SAME: ins(%{{.*}}, %[[M]], %[[L]], %[[R]], %[[ZY]], %{{.*}} :
func.func @requantize_out_per_axis(%x: tensor<2x2x!quant.uniform<i8:f32, 0.5:0>>)
    -> tensor<2x2x!quant.uniform<i8:f32:0, {0.25:1, 2.0:-1}>> {
  %y = qnn.requantize %x : tensor<2x2x!quant.uniform<i8:f32, 0.5:0>>
                        -> tensor<2x2x!quant.uniform<i8:f32:0, {0.25:1, 2.0:-1}>>
  return %y : tensor<2x2x!quant.uniform<i8:f32:0, {0.25:1, 2.0:-1}>>
}

// Both per-axis on the same axis: M[c] = {0.1 / 0.05, 0.3 / 0.1}
// = {2.0, 2.9999999999999996} -> (1073741824, 2), (1610612736, 2).
// CHECK-LABEL: func.func @requantize_both_per_axis
// CHECK-DAG: %[[M:.*]] = arith.constant dense<[1073741824, 1610612736]> : tensor<2xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<2> : tensor<2xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<[5, 6]> : tensor<2xi32>
// CHECK-DAG: %[[ZX:.*]] = arith.constant dense<[1, 2]> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$AX1]], #[[$AX1]], #[[$AX1]], #[[$AX1]], #[[$AX1]], #[[$ID2]]]
// CHECK-SAME: ins(%{{.*}}, %[[M]], %[[L]], %{{.*}}, %[[ZY]], %[[ZX]] :
// i4 storage: i8 container, range [-8, 7].
// CHECK: arith.constant -8 : i64
// CHECK: arith.constant 7 : i64
func.func @requantize_both_per_axis(
    %x: tensor<3x2x!quant.uniform<i8:f32:1, {0.1:1, 0.3:2}>>)
    -> tensor<3x2x!quant.uniform<i4:f32:1, {0.05:5, 0.1:6}>> {
  %y = qnn.requantize %x : tensor<3x2x!quant.uniform<i8:f32:1, {0.1:1, 0.3:2}>>
                        -> tensor<3x2x!quant.uniform<i4:f32:1, {0.05:5, 0.1:6}>>
  return %y : tensor<3x2x!quant.uniform<i4:f32:1, {0.05:5, 0.1:6}>>
}
