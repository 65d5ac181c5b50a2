// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.conv2d (rule N8): NHWC input, OHWI weights, per-tensor
// and per-axis (axis 0) weights, bias present and absent, every activation,
// stride / pad / dilation, and default attributes elided.

// Defaults only: no attribute dictionary is printed.
// CHECK-LABEL: func.func @conv2d_per_tensor_no_bias(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x8x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<4x3x3x3x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @conv2d_per_tensor_no_bias(
    %x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.05:-3>>,
    %w: tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.2:1>> {
  // CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]] : (tensor<1x8x8x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>, tensor<4x3x3x3x!quant.uniform<i8:f32, 1.000000e-01>>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 2.000000e-01:1>>
  %y = qnn.conv2d %x, %w
      : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.05:-3>>,
         tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.2:1>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x6x6x4x!quant.uniform<i8:f32, 0.2:1>>
}

// Explicit default values are elided when printed.
// CHECK-LABEL: func.func @conv2d_explicit_defaults(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
// CHECK-SAME:    %[[B:[^:]+]]: tensor<4xi32>)
func.func @conv2d_explicit_defaults(
    %x: tensor<1x8x8x3x!quant.uniform<i8:f32, 0.05>>,
    %w: tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>,
    %b: tensor<4xi32>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.2>> {
  // CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] : (tensor<1x8x8x3x!quant.uniform<i8:f32, 5.000000e-02>>, tensor<4x3x3x3x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<4xi32>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 2.000000e-01>>
  %y = qnn.conv2d %x, %w, %b {stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
                              dilation = array<i64: 1, 1>, activation = #qnn.activation<none>}
      : (tensor<1x8x8x3x!quant.uniform<i8:f32, 0.05>>,
         tensor<4x3x3x3x!quant.uniform<i8:f32, 0.1>>, tensor<4xi32>)
      -> tensor<1x6x6x4x!quant.uniform<i8:f32, 0.2>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x6x6x4x!quant.uniform<i8:f32, 0.2>>
}

// The example of the op description: per-axis narrow-range weights, bias,
// stride 2, pad 1, relu.
// CHECK-LABEL: func.func @conv2d_per_axis_bias_relu(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x8x3x!quant.uniform<u8:f32, 2.000000e-02:128>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<4x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<4xi32>)
func.func @conv2d_per_axis_bias_relu(
    %x: tensor<1x8x8x3x!quant.uniform<u8:f32, 0.02:128>>,
    %w: tensor<4x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4}>>,
    %b: tensor<4xi32>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:0>> {
  // CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>}
  // CHECK-SAME: : (tensor<1x8x8x3x!quant.uniform<u8:f32, 2.000000e-02:128>>, tensor<4x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>>, tensor<4xi32>)
  // CHECK-SAME: -> tensor<1x4x4x4x!quant.uniform<u8:f32, 5.000000e-02>>
  %y = qnn.conv2d %x, %w, %b {stride = array<i64: 2, 2>,
         pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu>}
       : (tensor<1x8x8x3x!quant.uniform<u8:f32, 0.02:128>>,
          tensor<4x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4}>>,
          tensor<4xi32>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:0>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.05:0>>
}

// Dilation 2 with pad and stride (rule N8.2 example: H = 7, KH = 3, dh = 2,
// pt = pb = 1, sh = 2 -> OH = 3), relu6, 16-bit result.
// CHECK-LABEL: func.func @conv2d_dilation_relu6(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2xi32>)
func.func @conv2d_dilation_relu6(
    %x: tensor<1x7x7x2x!quant.uniform<u8:f32, 0.02:128>>,
    %w: tensor<2x3x3x2x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-1}>>,
    %b: tensor<2xi32>) -> tensor<1x3x3x2x!quant.uniform<i16:f32, 0.001:-5>> {
  // CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu6>, dilation = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>}
  // CHECK-SAME: -> tensor<1x3x3x2x!quant.uniform<i16:f32, 1.000000e-03:-5>>
  %y = qnn.conv2d %x, %w, %b {stride = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>,
                              dilation = array<i64: 2, 2>, activation = #qnn.activation<relu6>}
       : (tensor<1x7x7x2x!quant.uniform<u8:f32, 0.02:128>>,
          tensor<2x3x3x2x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-1}>>,
          tensor<2xi32>) -> tensor<1x3x3x2x!quant.uniform<i16:f32, 0.001:-5>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x3x3x2x!quant.uniform<i16:f32, 0.001:-5>>
}

// Asymmetric pad, different strides and dilations per dimension:
// OH = (5 + 1 + 0 - 1*(3-1) - 1) / 1 + 1 = 4,
// OW = (6 + 2 + 0 - 2*(2-1) - 1) / 2 + 1 = 3.
// CHECK-LABEL: func.func @conv2d_asymmetric(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
func.func @conv2d_asymmetric(
    %x: tensor<2x5x6x3x!quant.uniform<i8:f32, 0.05>>,
    %w: tensor<5x3x2x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x4x3x5x!quant.uniform<i8:f32, 0.2>> {
  // CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]] {dilation = array<i64: 1, 2>, pad = array<i64: 1, 0, 2, 0>, stride = array<i64: 1, 2>}
  // CHECK-SAME: -> tensor<2x4x3x5x!quant.uniform<i8:f32, 2.000000e-01>>
  %y = qnn.conv2d %x, %w {stride = array<i64: 1, 2>, pad = array<i64: 1, 0, 2, 0>,
                          dilation = array<i64: 1, 2>}
       : (tensor<2x5x6x3x!quant.uniform<i8:f32, 0.05>>,
          tensor<5x3x2x3x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x4x3x5x!quant.uniform<i8:f32, 0.2>>
  // CHECK: return %[[Y]]
  return %y : tensor<2x4x3x5x!quant.uniform<i8:f32, 0.2>>
}

// Per-tensor weights with bias; i4 and u8 storage (<= 8 bits, rule N8.3).
// CHECK-LABEL: func.func @conv2d_small_storage(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x4x4x2x!quant.uniform<i4:f32, 5.000000e-01:-1>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<3x1x1x2x!quant.uniform<u8:f32, 1.000000e-01:7>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<3xi32>)
func.func @conv2d_small_storage(
    %x: tensor<1x4x4x2x!quant.uniform<i4:f32, 0.5:-1>>,
    %w: tensor<3x1x1x2x!quant.uniform<u8:f32, 0.1:7>>,
    %b: tensor<3xi32>) -> tensor<1x4x4x3x!quant.uniform<i4:f32, 1.0:2>> {
  // CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu>}
  // CHECK-SAME: : (tensor<1x4x4x2x!quant.uniform<i4:f32, 5.000000e-01:-1>>, tensor<3x1x1x2x!quant.uniform<u8:f32, 1.000000e-01:7>>, tensor<3xi32>) -> tensor<1x4x4x3x!quant.uniform<i4:f32, 1.000000e+00:2>>
  %y = qnn.conv2d %x, %w, %b {activation = #qnn.activation<relu>}
       : (tensor<1x4x4x2x!quant.uniform<i4:f32, 0.5:-1>>,
          tensor<3x1x1x2x!quant.uniform<u8:f32, 0.1:7>>,
          tensor<3xi32>) -> tensor<1x4x4x3x!quant.uniform<i4:f32, 1.0:2>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x4x4x3x!quant.uniform<i4:f32, 1.0:2>>
}

// Every activation, with and without bias, on per-axis weights.
// CHECK-LABEL: func.func @conv2d_activations(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2xi32>)
func.func @conv2d_activations(
    %x: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.05>>,
    %w: tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>,
    %b: tensor<2xi32>) {
  // CHECK: qnn.conv2d %[[X]], %[[W]] : (
  %0 = qnn.conv2d %x, %w {activation = #qnn.activation<none>}
       : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.conv2d %[[X]], %[[W]] {activation = #qnn.activation<relu>} : (
  %1 = qnn.conv2d %x, %w {activation = #qnn.activation<relu>}
       : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.conv2d %[[X]], %[[W]] {activation = #qnn.activation<relu6>} : (
  %2 = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>}
       : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.conv2d %[[X]], %[[W]], %[[B]] : (
  %3 = qnn.conv2d %x, %w, %b
       : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2xi32>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.conv2d %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu>} : (
  %4 = qnn.conv2d %x, %w, %b {activation = #qnn.activation<relu>}
       : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2xi32>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.2>>
  // CHECK: qnn.conv2d %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu6>} : (
  %5 = qnn.conv2d %x, %w, %b {activation = #qnn.activation<relu6>}
       : (tensor<1x3x3x1x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x1x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2xi32>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.2>>
  return
}

// A window that exactly covers the padded input (N8.2 numerator = 0).
// CHECK-LABEL: func.func @conv2d_window_fits_exactly(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
func.func @conv2d_window_fits_exactly(
    %x: tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05>>,
    %w: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.2>> {
  // CHECK: %[[Y:.*]] = qnn.conv2d %[[X]], %[[W]] {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 3, 3>}
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 3, 3>}
       : (tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05>>, tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.2>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.2>>
}
