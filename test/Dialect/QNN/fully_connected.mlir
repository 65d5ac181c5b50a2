// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.fully_connected (rule N10): x [N, K], w [O, K] per
// tensor or per axis 0, optional i32 bias [O], every activation.

// The example of the op description.
// CHECK-LABEL: func.func @fc_bias_relu6(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x16x!quant.uniform<u8:f32, 2.000000e-02:128>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<8x16x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<8xi32>)
func.func @fc_bias_relu6(
    %x: tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
    %w: tensor<8x16x!quant.uniform<i8:f32, 0.1>>,
    %b: tensor<8xi32>) -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>> {
  // CHECK: %[[Y:.*]] = qnn.fully_connected %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu6>}
  // CHECK-SAME: : (tensor<2x16x!quant.uniform<u8:f32, 2.000000e-02:128>>, tensor<8x16x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<8xi32>) -> tensor<2x8x!quant.uniform<u8:f32, 5.000000e-02>>
  %y = qnn.fully_connected %x, %w, %b {activation = #qnn.activation<relu6>}
       : (tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
          tensor<8x16x!quant.uniform<i8:f32, 0.1>>, tensor<8xi32>)
       -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
  // CHECK: return %[[Y]]
  return %y : tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
}

// Per-axis weights (axis 0), no bias, default activation elided.
// CHECK-LABEL: func.func @fc_per_axis_no_bias(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x4x!quant.uniform<i8:f32, 5.000000e-02:-3>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<3x4x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01:5,3.000000e-01:-5}>>)
func.func @fc_per_axis_no_bias(
    %x: tensor<1x4x!quant.uniform<i8:f32, 0.05:-3>>,
    %w: tensor<3x4x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2:5, 0.3:-5}>>)
    -> tensor<1x3x!quant.uniform<i16:f32, 0.001:7>> {
  // CHECK: %[[Y:.*]] = qnn.fully_connected %[[X]], %[[W]] : (tensor<1x4x!quant.uniform<i8:f32, 5.000000e-02:-3>>, tensor<3x4x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01:5,3.000000e-01:-5}>>) -> tensor<1x3x!quant.uniform<i16:f32, 1.000000e-03:7>>
  %y = qnn.fully_connected %x, %w {activation = #qnn.activation<none>}
       : (tensor<1x4x!quant.uniform<i8:f32, 0.05:-3>>,
          tensor<3x4x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2:5, 0.3:-5}>>)
       -> tensor<1x3x!quant.uniform<i16:f32, 0.001:7>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x3x!quant.uniform<i16:f32, 0.001:7>>
}

// Every activation, bias present and absent; i4 input.
// CHECK-LABEL: func.func @fc_activations(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<4x5x!quant.uniform<i4:f32, 5.000000e-01:-1>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2xi32>)
func.func @fc_activations(
    %x: tensor<4x5x!quant.uniform<i4:f32, 0.5:-1>>,
    %w: tensor<2x5x!quant.uniform<i8:f32:0, {0.1, 0.2}>>,
    %b: tensor<2xi32>) {
  // CHECK: qnn.fully_connected %[[X]], %[[W]] : (
  %0 = qnn.fully_connected %x, %w
       : (tensor<4x5x!quant.uniform<i4:f32, 0.5:-1>>, tensor<2x5x!quant.uniform<i8:f32:0, {0.1, 0.2}>>)
       -> tensor<4x2x!quant.uniform<i8:f32, 0.3>>
  // CHECK: qnn.fully_connected %[[X]], %[[W]] {activation = #qnn.activation<relu>} : (
  %1 = qnn.fully_connected %x, %w {activation = #qnn.activation<relu>}
       : (tensor<4x5x!quant.uniform<i4:f32, 0.5:-1>>, tensor<2x5x!quant.uniform<i8:f32:0, {0.1, 0.2}>>)
       -> tensor<4x2x!quant.uniform<i8:f32, 0.3>>
  // CHECK: qnn.fully_connected %[[X]], %[[W]] {activation = #qnn.activation<relu6>} : (
  %2 = qnn.fully_connected %x, %w {activation = #qnn.activation<relu6>}
       : (tensor<4x5x!quant.uniform<i4:f32, 0.5:-1>>, tensor<2x5x!quant.uniform<i8:f32:0, {0.1, 0.2}>>)
       -> tensor<4x2x!quant.uniform<i8:f32, 0.3>>
  // CHECK: qnn.fully_connected %[[X]], %[[W]], %[[B]] : (
  %3 = qnn.fully_connected %x, %w, %b
       : (tensor<4x5x!quant.uniform<i4:f32, 0.5:-1>>, tensor<2x5x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2xi32>)
       -> tensor<4x2x!quant.uniform<i8:f32, 0.3>>
  // CHECK: qnn.fully_connected %[[X]], %[[W]], %[[B]] {activation = #qnn.activation<relu>} : (
  %4 = qnn.fully_connected %x, %w, %b {activation = #qnn.activation<relu>}
       : (tensor<4x5x!quant.uniform<i4:f32, 0.5:-1>>, tensor<2x5x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2xi32>)
       -> tensor<4x2x!quant.uniform<i8:f32, 0.3>>
  return
}
