// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N8.5 with weights per axis 0: one multiplier, shift and weight zero
// point per output channel o, all indexed by the o loop (d3).
// M[o] = s_x * s_w[o] / s_y = 0.5 * {0.25, 0.5, 3.0} / 0.5 = {0.25, 0.5, 3.0}
// Rule N4: 0.25 = 0.5 * 2^-1  -> (1073741824, -1): left 0, right 1
//          0.5  = 0.5 * 2^0   -> (1073741824,  0): left 0, right 0
//          3.0  = 0.75 * 2^2  -> (1610612736,  2): left 2, right 0

// CHECK-DAG: #[[$ZW:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3)>
// CHECK-DAG: #[[$CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>
// CHECK-DAG: #[[$ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// CHECK-LABEL: func.func @conv_per_channel
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>, %[[W:.*]]: tensor<3x3x3x2xi8>, %[[B:.*]]: tensor<3xi32>) -> tensor<1x2x2x3xi8>
// CHECK: %[[ZWC:.*]] = arith.constant dense<[1, -2, 0]> : tensor<3xi32>
// CHECK: %[[ZX:.*]] = arith.constant -1 : i32
// CHECK: %[[ACC:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #[[$ZW]], #{{.*}}]
// CHECK-SAME: ins(%[[X]], %[[W]], %[[ZWC]] : tensor<1x4x4x2xi8>, tensor<3x3x3x2xi8>, tensor<3xi32>)
// CHECK: ^bb0(%[[XV:.*]]: i8, %[[WV:.*]]: i8, %[[ZWV:.*]]: i32, %[[OUT:.*]]: i32):
// CHECK: %[[XE:.*]] = arith.extsi %[[XV]] : i8 to i32
// CHECK: arith.subi %[[XE]], %[[ZX]] : i32
// CHECK: %[[WE:.*]] = arith.extsi %[[WV]] : i8 to i32
// CHECK: arith.subi %[[WE]], %[[ZWV]] : i32
// CHECK-DAG: %[[M:.*]] = arith.constant dense<[1073741824, 1073741824, 1610612736]> : tensor<3xi32>
// CHECK-DAG: %[[L:.*]] = arith.constant dense<[0, 0, 2]> : tensor<3xi32>
// CHECK-DAG: %[[R:.*]] = arith.constant dense<[1, 0, 0]> : tensor<3xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<4> : tensor<3xi32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$CHAN]], #[[$CHAN]], #[[$CHAN]], #[[$CHAN]], #[[$ID4]]]
// CHECK-SAME: ins(%[[ACC]], %[[M]], %[[L]], %[[R]], %[[ZY]] : tensor<1x2x2x3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>)
// CHECK: return %[[Y]]
func.func @conv_per_channel(
    %x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>,
    %w: tensor<3x3x3x2x!quant.uniform<i8<-127:127>:f32:0, {0.25:1, 0.5:-2, 3.0}>>,
    %b: tensor<3xi32>) -> tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5:4>> {
  %y = qnn.conv2d %x, %w, %b
      : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<3x3x3x2x!quant.uniform<i8<-127:127>:f32:0, {0.25:1, 0.5:-2, 3.0}>>,
         tensor<3xi32>) -> tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5:4>>
  return %y : tensor<1x2x2x3x!quant.uniform<i8:f32, 0.5:4>>
}

// Unsigned per-channel weights are zero-extended.
// M[o] = 0.1 * {0.001, 0.002} / 0.1 = {0.001, 0.002}:
// 0.001 = 0.512 * 2^-9 -> (1099511628, -9); 0.002 = 0.512 * 2^-8 -> (1099511628, -8).

// CHECK-LABEL: func.func @conv_per_channel_u8_weights
// CHECK: arith.constant dense<[10, 250]> : tensor<2xi32>
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK-DAG: arith.constant dense<1099511628> : tensor<2xi32>
// CHECK-DAG: arith.constant dense<0> : tensor<2xi32>
// CHECK-DAG: arith.constant dense<[9, 8]> : tensor<2xi32>
// CHECK-DAG: arith.constant dense<0> : tensor<2xi32>
func.func @conv_per_channel_u8_weights(
    %x: tensor<1x2x2x1x!quant.uniform<u8:f32, 0.1:0>>,
    %w: tensor<2x2x2x1x!quant.uniform<u8:f32:0, {0.001:10, 0.002:250}>>)
    -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.conv2d %x, %w
      : (tensor<1x2x2x1x!quant.uniform<u8:f32, 0.1:0>>,
         tensor<2x2x2x1x!quant.uniform<u8:f32:0, {0.001:10, 0.002:250}>>)
      -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
}
