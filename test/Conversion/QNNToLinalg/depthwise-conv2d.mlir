// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N9: loops n, oh, ow, c, m | kh, kw over an accumulator [N,OH,OW,C,M]
// that is collapsed to [N,OH,OW,C*M]; output channel oc = c*M + m.

// The bias [C*M] is read at c * M + m (M = 3 here).
// CHECK-DAG: #[[$BIAS:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d3 * 3 + d4)>
// CHECK-DAG: #[[$ID5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d5, d2 + d6, d3)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d5, d6, d3, d4)>
// CHECK-DAG: #[[$ZW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3)>
// CHECK-DAG: #[[$ACC:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[$XS:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 * 2 + d5, d2 * 2 + d6 * 2, d3)>

// Per-axis weights (axis 2, one scale per input channel c) shared by the
// M = 3 outputs of each channel:
// M[oc] = 0.5 * s_w[oc / 3] / 0.5 -> {0.25 x3, 3.0 x3}
// 0.25 -> (1073741824, -1); 3.0 -> (1610612736, 2).
// The output zero point 4 is the same for all six channels: the result is
// clamped in i32 to [-128 - 4, 127 - 4] = [-132, 123], then 4 is added in
// i32 and the sum truncated i32 -> i8.

// CHECK-LABEL: func.func @depthwise_per_channel
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>, %[[W:.*]]: tensor<3x3x2x3xi8>, %[[B:.*]]: tensor<6xi32>)
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x2x2x3xi32>
// CHECK: %[[INIT:.*]] = linalg.generic {indexing_maps = [#[[$BIAS]], #[[$ID5]]]
// CHECK-SAME: ins(%[[B]] : tensor<6xi32>) outs(%[[E]] : tensor<1x2x2x2x3xi32>)
// CHECK: %[[ZWC:.*]] = arith.constant dense<[1, -2]> : tensor<2xi32>
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #[[$ZW]], #[[$ACC]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[W]], %[[ZWC]] : tensor<1x4x4x2xi8>, tensor<3x3x2x3xi8>, tensor<2xi32>) outs(%[[INIT]] : tensor<1x2x2x2x3xi32>)
// CHECK: arith.muli
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[ACC]] {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x2x2x2x3xi32> into tensor<1x2x2x6xi32>
// CHECK-DAG: %[[M:.*]] = arith.constant dense<[1073741824, 1073741824, 1073741824, 1610612736, 1610612736, 1610612736]> : tensor<6xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<[0, 0, 0, 2, 2, 2]> : tensor<6xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<[1, 1, 1, 0, 0, 0]> : tensor<6xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<4> : tensor<6xi32>
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[FLAT]], %[[M]], %[[L]], %[[R]], %[[ZY]] :
// CHECK: %[[LO:.*]] = arith.constant -132 : i32
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 123 : i32
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 4 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[C2]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK: return %[[Y]] : tensor<1x2x2x6xi8>
func.func @depthwise_per_channel(
    %x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>,
    %w: tensor<3x3x2x3x!quant.uniform<i8:f32:2, {0.25:1, 3.0:-2}>>,
    %b: tensor<6xi32>) -> tensor<1x2x2x6x!quant.uniform<i8:f32, 0.5:4>> {
  %y = qnn.depthwise_conv2d %x, %w, %b
      : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<3x3x2x3x!quant.uniform<i8:f32:2, {0.25:1, 3.0:-2}>>,
         tensor<6xi32>) -> tensor<1x2x2x6x!quant.uniform<i8:f32, 0.5:4>>
  return %y : tensor<1x2x2x6x!quant.uniform<i8:f32, 0.5:4>>
}

// Per-tensor weights, no bias, u8 input with zero point 130 (pad value
// 130 - 256 = -126 : i8), stride 2 and width dilation 2.
// M = 0.5 * 0.25 / 0.5 = 0.25 -> (1073741824, -1).

// CHECK-LABEL: func.func @depthwise_per_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>, %[[W:.*]]: tensor<3x3x2x1xi8>)
// CHECK: %[[PV:.*]] = arith.constant -126 : i8
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 2, 0] high[0, 0, 1, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<1x2x2x2x1xi32>)
// CHECK: %[[ZWC:.*]] = arith.constant dense<3> : tensor<1xi32>
// CHECK: %[[ZX:.*]] = arith.constant 130 : i32
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#[[$XS]], #[[$W]], #{{.*}}, #[[$ACC]]]
// CHECK-SAME: ins(%[[P]], %[[W]], %[[ZWC]] : tensor<1x5x7x2xi8>, tensor<3x3x2x1xi8>, tensor<1xi32>) outs(%[[F]] : tensor<1x2x2x2x1xi32>)
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: tensor.collapse_shape %[[ACC]] {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x2x2x2x1xi32> into tensor<1x2x2x2xi32>
// CHECK-DAG: arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: arith.constant dense<1> : tensor<1xi32>
func.func @depthwise_per_tensor(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:130>>,
                                %w: tensor<3x3x2x1x!quant.uniform<i8:f32, 0.25:3>>)
    -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:4>> {
  %y = qnn.depthwise_conv2d %x, %w {stride = array<i64: 2, 2>, dilation = array<i64: 1, 2>,
                                    pad = array<i64: 1, 0, 2, 1>}
      : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:130>>,
         tensor<3x3x2x1x!quant.uniform<i8:f32, 0.25:3>>)
      -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:4>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:4>>
}

// relu6 on depthwise: [zp, zp + round(6 / 0.1)] = [0, 60]; with zp = 0 the
// i32 clamp bounds [0 - 0, 60 - 0] are the same, then + 0 and i32 -> i8.
// CHECK-LABEL: func.func @depthwise_relu6
// (lo = 0 is named %c0_i32... by the printer.)
// CHECK: %[[A:.*]] = arith.maxsi %{{.*}}, %[[LO:c0_i32.*]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 60 : i32
// CHECK-NEXT: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[B]], %[[Z]] : i32
// CHECK-NEXT: arith.trunci %[[S]] : i32 to i8
func.func @depthwise_relu6(%x: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:0>>,
                           %w: tensor<3x3x1x1x!quant.uniform<i8:f32, 0.25>>)
    -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.1:0>> {
  %y = qnn.depthwise_conv2d %x, %w {activation = #qnn.activation<relu6>}
      : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:0>>,
         tensor<3x3x1x1x!quant.uniform<i8:f32, 0.25>>)
      -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.1:0>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.1:0>>
}
