// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.bconv2d (rule N19): binary NHWC input (per tensor),
// binary OHWI weights (per tensor or per axis 0), optional f32 bias, the
// three result kinds of rule N19.3 (f32, quantized, binary), pad_value 0
// (default, elided) and 1.

// The example of the op description: f32 result, bias, pad 1.
// CHECK-LABEL: func.func @bconv2d_f32(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x8x70x!qnn.binary<f32, 1.000000e+00>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x3x3x70x!qnn.binary<f32:0, {5.000000e-01, 2.500000e-01}>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2xf32>)
func.func @bconv2d_f32(%x: tensor<1x8x8x70x!qnn.binary<f32, 1.0>>,
                       %w: tensor<2x3x3x70x!qnn.binary<f32:0, {0.5, 0.25}>>,
                       %b: tensor<2xf32>) -> tensor<1x8x8x2xf32> {
  // CHECK: %[[Y:.*]] = qnn.bconv2d %[[X]], %[[W]], %[[B]] {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x70x!qnn.binary<f32, 1.000000e+00>>, tensor<2x3x3x70x!qnn.binary<f32:0, {5.000000e-01, 2.500000e-01}>>, tensor<2xf32>) -> tensor<1x8x8x2xf32>
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>}
       : (tensor<1x8x8x70x!qnn.binary<f32, 1.0>>,
          tensor<2x3x3x70x!qnn.binary<f32:0, {0.5, 0.25}>>, tensor<2xf32>)
      -> tensor<1x8x8x2xf32>
  // CHECK: return %[[Y]]
  return %y : tensor<1x8x8x2xf32>
}

// Quantized result (per tensor, <= 8 bits), no bias, pad_value 1.
// CHECK-LABEL: func.func @bconv2d_quantized(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x5x5x3x!qnn.binary<f32, 5.000000e-01>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<4x3x3x3x!qnn.binary<f32, 2.500000e-01>>)
func.func @bconv2d_quantized(%x: tensor<1x5x5x3x!qnn.binary<f32, 0.5>>,
                             %w: tensor<4x3x3x3x!qnn.binary<f32, 0.25>>) {
  // CHECK: qnn.bconv2d %[[X]], %[[W]] {pad = array<i64: 1, 1, 1, 1>, pad_value = 1 : i64} : (tensor<1x5x5x3x!qnn.binary<f32, 5.000000e-01>>, tensor<4x3x3x3x!qnn.binary<f32, 2.500000e-01>>) -> tensor<1x5x5x4x!quant.uniform<i8:f32, 5.000000e-02>>
  %0 = qnn.bconv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, pad_value = 1 : i64}
       : (tensor<1x5x5x3x!qnn.binary<f32, 0.5>>, tensor<4x3x3x3x!qnn.binary<f32, 0.25>>)
      -> tensor<1x5x5x4x!quant.uniform<i8:f32, 0.05:0>>
  // CHECK: qnn.bconv2d %[[X]], %[[W]] : (tensor<1x5x5x3x!qnn.binary<f32, 5.000000e-01>>, tensor<4x3x3x3x!qnn.binary<f32, 2.500000e-01>>) -> tensor<1x3x3x4x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %1 = qnn.bconv2d %x, %w
       : (tensor<1x5x5x3x!qnn.binary<f32, 0.5>>, tensor<4x3x3x3x!qnn.binary<f32, 0.25>>)
      -> tensor<1x3x3x4x!quant.uniform<u8:f32, 0.1:128>>
  // CHECK: qnn.bconv2d %[[X]], %[[W]] : (tensor<1x5x5x3x!qnn.binary<f32, 5.000000e-01>>, tensor<4x3x3x3x!qnn.binary<f32, 2.500000e-01>>) -> tensor<1x3x3x4x!quant.uniform<i4:f32, 1.000000e+00:-2>>
  %2 = qnn.bconv2d %x, %w
       : (tensor<1x5x5x3x!qnn.binary<f32, 0.5>>, tensor<4x3x3x3x!qnn.binary<f32, 0.25>>)
      -> tensor<1x3x3x4x!quant.uniform<i4:f32, 1.0:-2>>
  return
}

// Binary result: per tensor, or per axis 3 (the output channels); with and
// without bias.
// CHECK-LABEL: func.func @bconv2d_binary(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x4x4x64x!qnn.binary<f32, 1.000000e+00>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<3x2x2x64x!qnn.binary<f32:0, {1.000000e+00, 2.000000e+00, 3.000000e+00}>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<3xf32>)
func.func @bconv2d_binary(%x: tensor<2x4x4x64x!qnn.binary<f32, 1.0>>,
                          %w: tensor<3x2x2x64x!qnn.binary<f32:0, {1.0, 2.0, 3.0}>>,
                          %b: tensor<3xf32>) {
  // CHECK: qnn.bconv2d %[[X]], %[[W]], %[[B]] {stride = array<i64: 2, 2>} : ({{.*}}) -> tensor<2x2x2x3x!qnn.binary<f32, 1.000000e+00>>
  %0 = qnn.bconv2d %x, %w, %b {stride = array<i64: 2, 2>}
       : (tensor<2x4x4x64x!qnn.binary<f32, 1.0>>, tensor<3x2x2x64x!qnn.binary<f32:0, {1.0, 2.0, 3.0}>>, tensor<3xf32>)
      -> tensor<2x2x2x3x!qnn.binary<f32, 1.0>>
  // CHECK: qnn.bconv2d %[[X]], %[[W]] {stride = array<i64: 2, 2>} : ({{.*}}) -> tensor<2x2x2x3x!qnn.binary<f32:3, {1.000000e+00, 5.000000e-01, 2.500000e-01}>>
  %1 = qnn.bconv2d %x, %w {stride = array<i64: 2, 2>}
       : (tensor<2x4x4x64x!qnn.binary<f32, 1.0>>, tensor<3x2x2x64x!qnn.binary<f32:0, {1.0, 2.0, 3.0}>>)
      -> tensor<2x2x2x3x!qnn.binary<f32:3, {1.0, 0.5, 0.25}>>
  return
}

// Every window attribute: dilation, asymmetric pad and stride;
// OH = (5 + 1 + 0 - 2*(3-1) - 1) / 1 + 1 = 2, OW = (6 + 0 + 2 - 1*(2-1) - 1) / 3 + 1 = 3.
// Explicit defaults (pad_value = 0 included) are elided.
// CHECK-LABEL: func.func @bconv2d_window(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
func.func @bconv2d_window(%x: tensor<1x5x6x8x!qnn.binary<f32, 1.0>>,
                          %w: tensor<2x3x2x8x!qnn.binary<f32, 1.0>>) {
  // CHECK: qnn.bconv2d %[[X]], %[[W]] {dilation = array<i64: 2, 1>, pad = array<i64: 1, 0, 0, 2>, stride = array<i64: 1, 3>} : ({{.*}}) -> tensor<1x2x3x2xf32>
  %0 = qnn.bconv2d %x, %w {stride = array<i64: 1, 3>, pad = array<i64: 1, 0, 0, 2>,
                           dilation = array<i64: 2, 1>, pad_value = 0 : i64}
       : (tensor<1x5x6x8x!qnn.binary<f32, 1.0>>, tensor<2x3x2x8x!qnn.binary<f32, 1.0>>)
      -> tensor<1x2x3x2xf32>
  // CHECK: qnn.bconv2d %[[X]], %[[W]] : ({{.*}}) -> tensor<1x3x5x2xf32>
  %1 = qnn.bconv2d %x, %w {stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
                           dilation = array<i64: 1, 1>, pad_value = 0 : i64}
       : (tensor<1x5x6x8x!qnn.binary<f32, 1.0>>, tensor<2x3x2x8x!qnn.binary<f32, 1.0>>)
      -> tensor<1x3x5x2xf32>
  return
}
