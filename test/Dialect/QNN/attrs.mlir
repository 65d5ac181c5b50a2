// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Attributes: #qnn.activation<none|relu|relu6> (rule N6.3) and the default
// values of every defaulted op attribute, which are elided when printed.

// The attribute on its own.
// CHECK-LABEL: func.func private @activation_attr()
// CHECK-SAME:    attributes {qnn.acts = [#qnn.activation<none>, #qnn.activation<relu>, #qnn.activation<relu6>], qnn.default = #qnn.activation<none>}
func.func private @activation_attr()
    attributes {qnn.acts = [#qnn.activation<none>, #qnn.activation<relu>, #qnn.activation<relu6>],
                qnn.default = #qnn.activation<none>}

// activation on every op that carries it: none is the default and elided,
// relu and relu6 are printed.
// CHECK-LABEL: func.func @activation_on_ops(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x3x3x2x!quant.uniform<i8:f32, 5.000000e-02>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x3x3x2x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[D:[^:]+]]: tensor<3x3x2x1x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[A:[^:]+]]: tensor<1x18x!quant.uniform<i8:f32, 5.000000e-02>>,
// CHECK-SAME:    %[[F:[^:]+]]: tensor<4x18x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @activation_on_ops(%x: tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>,
                             %w: tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>,
                             %d: tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>,
                             %a: tensor<1x18x!quant.uniform<i8:f32, 0.05>>,
                             %f: tensor<4x18x!quant.uniform<i8:f32, 0.1>>) {
  // CHECK: qnn.conv2d %[[X]], %[[W]] : (
  %c0 = qnn.conv2d %x, %w {activation = #qnn.activation<none>}
        : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.conv2d %[[X]], %[[W]] {activation = #qnn.activation<relu>} : (
  %c1 = qnn.conv2d %x, %w {activation = #qnn.activation<relu>}
        : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.conv2d %[[X]], %[[W]] {activation = #qnn.activation<relu6>} : (
  %c2 = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>}
        : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>, tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.depthwise_conv2d %[[X]], %[[D]] : (
  %d0 = qnn.depthwise_conv2d %x, %d {activation = #qnn.activation<none>}
        : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>, tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.depthwise_conv2d %[[X]], %[[D]] {activation = #qnn.activation<relu>} : (
  %d1 = qnn.depthwise_conv2d %x, %d {activation = #qnn.activation<relu>}
        : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>, tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.depthwise_conv2d %[[X]], %[[D]] {activation = #qnn.activation<relu6>} : (
  %d2 = qnn.depthwise_conv2d %x, %d {activation = #qnn.activation<relu6>}
        : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.05>>, tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x1x1x2x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.fully_connected %[[A]], %[[F]] : (
  %f0 = qnn.fully_connected %a, %f {activation = #qnn.activation<none>}
        : (tensor<1x18x!quant.uniform<i8:f32, 0.05>>, tensor<4x18x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.fully_connected %[[A]], %[[F]] {activation = #qnn.activation<relu>} : (
  %f1 = qnn.fully_connected %a, %f {activation = #qnn.activation<relu>}
        : (tensor<1x18x!quant.uniform<i8:f32, 0.05>>, tensor<4x18x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.fully_connected %[[A]], %[[F]] {activation = #qnn.activation<relu6>} : (
  %f2 = qnn.fully_connected %a, %f {activation = #qnn.activation<relu6>}
        : (tensor<1x18x!quant.uniform<i8:f32, 0.05>>, tensor<4x18x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.add %[[A]], %[[A]] : (
  %a0 = qnn.add %a, %a {activation = #qnn.activation<none>}
        : (tensor<1x18x!quant.uniform<i8:f32, 0.05>>, tensor<1x18x!quant.uniform<i8:f32, 0.05>>)
       -> tensor<1x18x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.add %[[A]], %[[A]] {activation = #qnn.activation<relu>} : (
  %a1 = qnn.add %a, %a {activation = #qnn.activation<relu>}
        : (tensor<1x18x!quant.uniform<i8:f32, 0.05>>, tensor<1x18x!quant.uniform<i8:f32, 0.05>>)
       -> tensor<1x18x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.add %[[A]], %[[A]] {activation = #qnn.activation<relu6>} : (
  %a2 = qnn.add %a, %a {activation = #qnn.activation<relu6>}
        : (tensor<1x18x!quant.uniform<i8:f32, 0.05>>, tensor<1x18x!quant.uniform<i8:f32, 0.05>>)
       -> tensor<1x18x!quant.uniform<i8:f32, 0.1>>
  return
}

// Every other defaulted attribute given at its default value is elided:
// stride, pad, dilation (window ops), threshold (binarize), pad_value
// (bconv2d), epsilon (batch_norm).
// CHECK-LABEL: func.func @defaults_elided(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<1x4x4x1x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x4x4x1xf32>,
// CHECK-SAME:    %[[C:[^:]+]]: tensor<1xf32>)
func.func @defaults_elided(%q: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>>,
                           %x: tensor<1x4x4x1xf32>, %c: tensor<1xf32>) {
  // CHECK: qnn.avg_pool2d %[[Q]] {kernel = array<i64: 2, 2>} : tensor
  %0 = qnn.avg_pool2d %q {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>}
       : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.max_pool2d %[[Q]] {kernel = array<i64: 2, 2>} : tensor
  %1 = qnn.max_pool2d %q {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>}
       : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>
  // CHECK: %[[B:.*]] = qnn.binarize %[[X]] : tensor
  %b = qnn.binarize %x {threshold = 0.0 : f32} : tensor<1x4x4x1xf32> -> tensor<1x4x4x1x!qnn.binary<f32, 1.0>>
  // CHECK: qnn.bconv2d %[[B]], %[[B]] : (
  %2 = qnn.bconv2d %b, %b {stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>,
                           dilation = array<i64: 1, 1>, pad_value = 0 : i64}
       : (tensor<1x4x4x1x!qnn.binary<f32, 1.0>>, tensor<1x4x4x1x!qnn.binary<f32, 1.0>>) -> tensor<1x1x1x1xf32>
  // CHECK: qnn.batch_norm %[[X]], %[[C]], %[[C]], %[[C]], %[[C]] : (
  %3 = qnn.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-5 : f32}
       : (tensor<1x4x4x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  return
}

// Non-default values of the same attributes are printed.
// CHECK-LABEL: func.func @non_defaults_printed(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<1x4x4x1x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x4x4x1xf32>,
// CHECK-SAME:    %[[C:[^:]+]]: tensor<1xf32>)
func.func @non_defaults_printed(%q: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>>,
                                %x: tensor<1x4x4x1xf32>, %c: tensor<1xf32>) {
  // CHECK: qnn.max_pool2d %[[Q]] {kernel = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>} : tensor
  %0 = qnn.max_pool2d %q {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
       : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>>
  // CHECK: %[[B:.*]] = qnn.binarize %[[X]] {threshold = 2.500000e-01 : f32} : tensor
  %b = qnn.binarize %x {threshold = 0.25 : f32} : tensor<1x4x4x1xf32> -> tensor<1x4x4x1x!qnn.binary<f32, 1.0>>
  // CHECK: qnn.bconv2d %[[B]], %[[B]] {dilation = array<i64: 2, 2>, pad = array<i64: 2, 2, 2, 2>, pad_value = 1 : i64} : (
  %1 = qnn.bconv2d %b, %b {pad = array<i64: 2, 2, 2, 2>, dilation = array<i64: 2, 2>, pad_value = 1 : i64}
       : (tensor<1x4x4x1x!qnn.binary<f32, 1.0>>, tensor<1x4x4x1x!qnn.binary<f32, 1.0>>) -> tensor<1x2x2x1xf32>
  // CHECK: qnn.batch_norm %[[X]], %[[C]], %[[C]], %[[C]], %[[C]] {epsilon = 1.000000e-03 : f32} : (
  %2 = qnn.batch_norm %x, %c, %c, %c, %c {epsilon = 1.0e-3 : f32}
       : (tensor<1x4x4x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  return
}
