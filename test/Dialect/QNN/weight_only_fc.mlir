// RUN: qnn-opt %s | qnn-opt | FileCheck %s

// qnn.weight_only_fc (rule N25): f32 activations against stored weights,
// uniform or as a codebook (per output channel or one table).

// CHECK-LABEL: func.func @uniform
// CHECK: qnn.weight_only_fc %arg0, %arg1, %arg2 : (tensor<2x8xf32>, tensor<3x8x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>>, tensor<3xf32>) -> tensor<2x3xf32>
func.func @uniform(%x: tensor<2x8xf32>, %w: tensor<3x8x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3}>>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = qnn.weight_only_fc %x, %w, %b : (tensor<2x8xf32>, tensor<3x8x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3}>>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @codebook
// CHECK: qnn.weight_only_fc %arg0, %arg1, %arg2 : (tensor<1x8xf32>, tensor<2x8x!qnn.codebook<2, !quant.uniform<i8:f32, 5.000000e-01>, 0:{{\{}}{-3, 0, 3}, {-1, 0, 2}}>>, tensor<2xf32>) -> tensor<1x2xf32>
func.func @codebook(%x: tensor<1x8xf32>, %w: tensor<2x8x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 0:{{-3, 0, 3}, {-1, 0, 2}}>>, %b: tensor<2xf32>) -> tensor<1x2xf32> {
  %y = qnn.weight_only_fc %x, %w, %b : (tensor<1x8xf32>, tensor<2x8x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 0:{{-3, 0, 3}, {-1, 0, 2}}>>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
