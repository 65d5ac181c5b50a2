// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.depthwise_conv2d (rule N9): weights [KH, KW, C, M],
// per tensor or per axis 2, result channels C * M.

// The example of the op description: per-tensor weights, multiplier 2, pad.
// CHECK-LABEL: func.func @depthwise_per_tensor(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x8x3x!quant.uniform<i8:f32, 2.000000e-02:-1>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<3x3x3x2x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @depthwise_per_tensor(
    %x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.02:-1>>,
    %w: tensor<3x3x3x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x8x8x6x!quant.uniform<i8:f32, 0.05:0>> {
  // CHECK: %[[Y:.*]] = qnn.depthwise_conv2d %[[X]], %[[W]] {pad = array<i64: 1, 1, 1, 1>}
  // CHECK-SAME: : (tensor<1x8x8x3x!quant.uniform<i8:f32, 2.000000e-02:-1>>, tensor<3x3x3x2x!quant.uniform<i8:f32, 1.000000e-01>>) -> tensor<1x8x8x6x!quant.uniform<i8:f32, 5.000000e-02>>
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>}
       : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.02:-1>>,
          tensor<3x3x3x2x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x8x8x6x!quant.uniform<i8:f32, 0.05:0>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x8x8x6x!quant.uniform<i8:f32, 0.05:0>>
}

// Per-axis weights on axis 2 (one scale per input channel), bias of C * M
// values, stride, dilation and relu6.
// CHECK-LABEL: func.func @depthwise_per_axis_bias(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x9x9x3x!quant.uniform<u8:f32, 2.000000e-02:128>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<3x3x3x1x!quant.uniform<i8<-127:127>:f32:2, {1.000000e-01,2.000000e-01,3.000000e-01}>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<3xi32>)
func.func @depthwise_per_axis_bias(
    %x: tensor<1x9x9x3x!quant.uniform<u8:f32, 0.02:128>>,
    %w: tensor<3x3x3x1x!quant.uniform<i8<-127:127>:f32:2, {0.1, 0.2, 0.3}>>,
    %b: tensor<3xi32>) -> tensor<1x3x3x3x!quant.uniform<u8:f32, 0.05:3>> {
  // CHECK: %[[Y:.*]] = qnn.depthwise_conv2d %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu6>, dilation = array<i64: 2, 2>, stride = array<i64: 2, 2>}
  // CHECK-SAME: -> tensor<1x3x3x3x!quant.uniform<u8:f32, 5.000000e-02:3>>
  %y = qnn.depthwise_conv2d %x, %w, %b {stride = array<i64: 2, 2>, dilation = array<i64: 2, 2>,
                                        activation = #qnn.activation<relu6>}
       : (tensor<1x9x9x3x!quant.uniform<u8:f32, 0.02:128>>,
          tensor<3x3x3x1x!quant.uniform<i8<-127:127>:f32:2, {0.1, 0.2, 0.3}>>,
          tensor<3xi32>) -> tensor<1x3x3x3x!quant.uniform<u8:f32, 0.05:3>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x3x3x3x!quant.uniform<u8:f32, 0.05:3>>
}

// Explicit defaults are elided; relu; bias with multiplier 2.
// CHECK-LABEL: func.func @depthwise_defaults_and_activations(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
// CHECK-SAME:    %[[B:[^:]+]]: tensor<4xi32>)
func.func @depthwise_defaults_and_activations(
    %x: tensor<2x4x4x2x!quant.uniform<i8:f32, 0.05>>,
    %w: tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.1:1, 0.2:-1}>>,
    %b: tensor<4xi32>) {
  // CHECK: qnn.depthwise_conv2d %[[X]], %[[W]] : (
  %0 = qnn.depthwise_conv2d %x, %w {stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
                                    dilation = array<i64: 1, 1>, activation = #qnn.activation<none>}
       : (tensor<2x4x4x2x!quant.uniform<i8:f32, 0.05>>, tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.1:1, 0.2:-1}>>)
       -> tensor<2x2x2x4x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.depthwise_conv2d %[[X]], %[[W]], %[[B]] : (
  %1 = qnn.depthwise_conv2d %x, %w, %b
       : (tensor<2x4x4x2x!quant.uniform<i8:f32, 0.05>>, tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.1:1, 0.2:-1}>>, tensor<4xi32>)
       -> tensor<2x2x2x4x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.depthwise_conv2d %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu>} : (
  %2 = qnn.depthwise_conv2d %x, %w, %b {activation = #qnn.activation<relu>}
       : (tensor<2x4x4x2x!quant.uniform<i8:f32, 0.05>>, tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.1:1, 0.2:-1}>>, tensor<4xi32>)
       -> tensor<2x2x2x4x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.depthwise_conv2d %[[X]], %[[W]] {activation = #qnn.activation<relu6>, pad = array<i64: 0, 1, 2, 0>} : (
  // CHECK-SAME: -> tensor<2x3x4x4x!quant.uniform<i16:f32, 1.000000e-03>>
  %3 = qnn.depthwise_conv2d %x, %w {pad = array<i64: 0, 1, 2, 0>, activation = #qnn.activation<relu6>}
       : (tensor<2x4x4x2x!quant.uniform<i8:f32, 0.05>>, tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.1:1, 0.2:-1}>>)
       -> tensor<2x3x4x4x!quant.uniform<i16:f32, 0.001>>
  return
}
