// RUN: qnn-opt %s --qnn-cluster-weights -verify-diagnostics | FileCheck %s

// Weights that are not constants are left as they are, with a remark; a
// layer whose weights already are a codebook is left silently.

!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8<-127:127>:f32, 0.01>
!y = !quant.uniform<u8:f32, 0.05:0>
// CHECK-LABEL: func.func @runtime_weights(
// CHECK-NOT: qnn.decode
func.func @runtime_weights(%x: tensor<1x8x!x>, %w: tensor<2x8x!w>) -> tensor<1x2x!y> {
  // expected-remark @+1 {{qnn-cluster-weights: weights are not constants; left as they are}}
  %y = qnn.fully_connected %x, %w : (tensor<1x8x!x>, tensor<2x8x!w>) -> tensor<1x2x!y>
  return %y : tensor<1x2x!y>
}

!c = !qnn.codebook<1, !w, {-100, 100}>
// CHECK-LABEL: func.func @codebook_weights(
// CHECK: qnn.decode %arg1 : tensor<2x8x!qnn.codebook<1, !quant.uniform<i8<-127:127>:f32, 1.000000e-02>, {-100, 100}>>
func.func @codebook_weights(%x: tensor<1x8x!x>, %c: tensor<2x8x!c>) -> tensor<1x2x!y> {
  %w = qnn.decode %c : tensor<2x8x!c> -> tensor<2x8x!w>
  %y = qnn.fully_connected %x, %w : (tensor<1x8x!x>, tensor<2x8x!w>) -> tensor<1x2x!y>
  return %y : tensor<1x2x!y>
}
