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
// i8 input sign-extended, u8 output clamped to [0, 255]. Channels 1 and 2
// have a left shift, so the saturating i64 pre-shift stays. The output zero
// point z = 128 is the same for every channel: the clamp is done in i32 to
// [0 - 128, 255 - 128] = [-128, 127], then + 128 and i32 -> i8 truncation.
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.shli %{{.*}}, %{{.*}} : i64
// CHECK: %[[LO:.*]] = arith.constant -128 : i32
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i32
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 128 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[C2]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
func.func @requantize_in_per_axis(
    %x: tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>)
    -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>> {
  %y = qnn.requantize %x : tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>
                        -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
}

// Per-tensor input, per-axis output (axis 0):
// 0.5 / 0.25 = 2.0 -> (1073741824, 2); 0.5 / 2.0 = 0.25 -> (1073741824, -1).
// The output zero points differ per channel ({1, -1}), so the zero point
// (the block argument) is still added in i64 and the sum clamped to
// [-128, 127] in i64 before the i64 -> i8 truncation.
// CHECK-LABEL: func.func @requantize_out_per_axis
// CHECK-DAG: %[[M:.*]] = arith.constant dense<1073741824> : tensor<2xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<[2, 0]> : tensor<2xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<[0, 1]> : tensor<2xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<[1, -1]> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$AX0]], #[[$AX0]], #[[$AX0]], #[[$AX0]], #[[$AX0]], #[[$ID2]]]
// CHECK-SAME: ins(%{{.*}}, %[[M]], %[[L]], %[[R]], %[[ZY]], %{{.*}} :
// CHECK: ^bb0(%{{[^:]*}}: i8, %{{[^:]*}}: i32, %{{[^:]*}}: i32, %{{[^:]*}}: i32, %[[ZYA:[^:]*]]: i32, %{{[^:]*}}: i32, %{{[^:]*}}: i8):
// CHECK: %[[ZY64:.*]] = arith.extsi %[[ZYA]] : i32 to i64
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %{{.*}}, %[[ZY64]] : i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -128 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %[[SUM]], %[[LO]] : i64
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i64
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[C2]] : i64 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
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
// i4 storage: i8 container, range [-8, 7]. The zero points {5, 6} differ,
// so the clamp stays in i64 after adding the zero point.
// CHECK: ^bb0(%{{[^:]*}}: i8, %{{[^:]*}}: i32, %{{[^:]*}}: i32, %{{[^:]*}}: i32, %[[ZYA:[^:]*]]: i32, %{{[^:]*}}: i32, %{{[^:]*}}: i8):
// CHECK: %[[ZY64:.*]] = arith.extsi %[[ZYA]] : i32 to i64
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %{{.*}}, %[[ZY64]] : i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -8 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 7 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %[[SUM]], %[[LO]] : i64
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i64
// CHECK-NEXT: arith.trunci %[[C2]] : i64 to i8
func.func @requantize_both_per_axis(
    %x: tensor<3x2x!quant.uniform<i8:f32:1, {0.1:1, 0.3:2}>>)
    -> tensor<3x2x!quant.uniform<i4:f32:1, {0.05:5, 0.1:6}>> {
  %y = qnn.requantize %x : tensor<3x2x!quant.uniform<i8:f32:1, {0.1:1, 0.3:2}>>
                        -> tensor<3x2x!quant.uniform<i4:f32:1, {0.05:5, 0.1:6}>>
  return %y : tensor<3x2x!quant.uniform<i4:f32:1, {0.05:5, 0.1:6}>>
}
