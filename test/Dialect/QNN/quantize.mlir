// RUN: qnn-opt %s | qnn-opt | FileCheck %s

// CHECK-LABEL: func @quantize_per_tensor
func.func @quantize_per_tensor(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>> {
  // CHECK: qnn.quantize %{{.*}} : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
  return %q : tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
}
