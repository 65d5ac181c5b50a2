// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N10: loops n, o | k; acc[n,o] = bias[o] + sum_k (x - zx) * (w - zw[o]).

// CHECK-DAG: #[[$BIAS:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$ZW0:.+]] = affine_map<(d0, d1, d2) -> (0)>
// CHECK-DAG: #[[$ZWO:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-DAG: #[[$ACC:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR:.+]] = affine_map<(d0, d1) -> (0)>

// Per-tensor weights with bias and relu6:
// M = 0.02 * 0.1 / 0.05 = 0.04 -> (1374389535, -4); u8 output with zp 0,
// relu6 -> [0, round(6 / 0.05)] = [0, 120]. The single zero point z = 0 is
// added after an i32 clamp to [0 - 0, 120 - 0] = [0, 120]; the sum is
// truncated i32 -> i8. No left shift: no i64 pre-shift.

// CHECK-LABEL: func.func @fc_per_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<2x16xi8>, %[[W:.*]]: tensor<8x16xi8>, %[[B:.*]]: tensor<8xi32>) -> tensor<2x8xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x8xi32>
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[$BIAS]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[B]] : tensor<8xi32>) outs(%[[E]] : tensor<2x8xi32>)
// CHECK: %[[ZWC:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK: %[[ZX:.*]] = arith.constant 128 : i32
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #[[$ZW0]], #[[$ACC]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[W]], %[[ZWC]] : tensor<2x16xi8>, tensor<8x16xi8>, tensor<1xi32>) outs(%[[INIT]] : tensor<2x8xi32>)
// CHECK: ^bb0(%[[XV:.*]]: i8, %[[WV:.*]]: i8, %[[ZWV:.*]]: i32, %[[OUT:.*]]: i32):
// CHECK-NEXT: %[[XE:.*]] = arith.extui %[[XV]] : i8 to i32
// CHECK-NEXT: %[[XD:.*]] = arith.subi %[[XE]], %[[ZX]] : i32
// CHECK-NEXT: %[[WE:.*]] = arith.extsi %[[WV]] : i8 to i32
// CHECK-NEXT: %[[WD:.*]] = arith.subi %[[WE]], %[[ZWV]] : i32
// CHECK-NEXT: %[[P:.*]] = arith.muli %[[XD]], %[[WD]] : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[OUT]], %[[P]] : i32
// CHECK-NEXT: linalg.yield %[[S]] : i32
// CHECK-DAG: %[[M:.*]] = arith.constant dense<1374389535> : tensor<1xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<4> : tensor<1xi32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$SCALAR]], #[[$SCALAR]], #[[$SCALAR]], #[[$SCALAR]], #[[$ID2]]]
// CHECK-SAME: ins(%[[ACC]], %[[M]], %{{.*}}, %[[R]], %{{.*}} :
// CHECK-NOT: arith.shli %{{.*}} : i64
// RDBPOT's result feeds the clamp (0 : i32 also appears inside RDBPOT).
// CHECK: arith.cmpi sgt
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK-NEXT: %[[RES:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %[[RES]], %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 120 : i32
// CHECK-NEXT: %[[C:.*]] = arith.minsi %[[A]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[C]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK: return %[[Y]] : tensor<2x8xi8>
func.func @fc_per_tensor(%x: tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
                         %w: tensor<8x16x!quant.uniform<i8:f32, 0.1>>,
                         %b: tensor<8xi32>) -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>> {
  %y = qnn.fully_connected %x, %w, %b {activation = #qnn.activation<relu6>}
      : (tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<8x16x!quant.uniform<i8:f32, 0.1>>, tensor<8xi32>)
      -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
  return %y : tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
}

// Per-axis weights on axis 0, no bias:
// M[o] = 0.5 * {0.25, 0.5, 0.001} / 0.5 = {0.25, 0.5, 0.001}
// -> (1073741824, -1), (1073741824, 0), (1099511628, -9).
// No left shift in any channel and one output zero point z = 4 for all:
// SRDHM on the accumulator, i32 clamp to [-128 - 4, 127 - 4] = [-132, 123],
// + 4, truncation i32 -> i8.

// CHECK-LABEL: func.func @fc_per_channel
// CHECK-SAME: (%[[X:.*]]: tensor<2x4xi8>, %[[W:.*]]: tensor<3x4xi8>) -> tensor<2x3xi8>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<2x3xi32>)
// CHECK: %[[ZWC:.*]] = arith.constant dense<[1, -2, 0]> : tensor<3xi32>
// CHECK: %[[ZX:.*]] = arith.constant -1 : i32
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #[[$ZWO]], #[[$ACC]]]
// CHECK-SAME: ins(%[[X]], %[[W]], %[[ZWC]] : tensor<2x4xi8>, tensor<3x4xi8>, tensor<3xi32>) outs(%[[F]] : tensor<2x3xi32>)
// CHECK-DAG: %[[M:.*]] = arith.constant dense<[1073741824, 1073741824, 1099511628]> : tensor<3xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<0> : tensor<3xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<[1, 0, 9]> : tensor<3xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<4> : tensor<3xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$BIAS]], #[[$BIAS]], #[[$BIAS]], #[[$BIAS]], #[[$ID2]]]
// CHECK-SAME: ins(%[[ACC]], %[[M]], %[[L]], %[[R]], %[[ZY]] :
// CHECK: ^bb0(%[[A:[^:]*]]: i32, %[[MV:[^:]*]]: i32,
// CHECK-NEXT: arith.extsi %[[A]] : i32 to i64
// CHECK-NEXT: arith.extsi %[[MV]] : i32 to i64
// CHECK-NOT: arith.cmpi eq
// CHECK: %[[LO:.*]] = arith.constant -132 : i32
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 123 : i32
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 4 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[C2]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
func.func @fc_per_channel(%x: tensor<2x4x!quant.uniform<i8:f32, 0.5:-1>>,
                          %w: tensor<3x4x!quant.uniform<i8:f32:0, {0.25:1, 0.5:-2, 0.001}>>)
    -> tensor<2x3x!quant.uniform<i8:f32, 0.5:4>> {
  %y = qnn.fully_connected %x, %w
      : (tensor<2x4x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<3x4x!quant.uniform<i8:f32:0, {0.25:1, 0.5:-2, 0.001}>>)
      -> tensor<2x3x!quant.uniform<i8:f32, 0.5:4>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.5:4>>
}
