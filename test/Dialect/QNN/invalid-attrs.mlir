// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Parse errors of #qnn.activation and type errors of every op attribute
// (ODS attribute constraints).

!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_unknown(%a: tensor<4x!q>) {
  // expected-error @+2 {{failed to parse QNN_ActivationAttr parameter 'value' which is to be a `::mlir::qnn::Activation`}}
  // expected-error @+1 {{expected ::mlir::qnn::Activation to be one of: none, relu, relu6}}
  %y = qnn.add %a, %a {activation = #qnn.activation<relu7>} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_integer_value(%a: tensor<4x!q>) {
  // expected-error @+2 {{failed to parse QNN_ActivationAttr parameter 'value' which is to be a `::mlir::qnn::Activation`}}
  // expected-error @+1 {{expected valid keyword or string}}
  %y = qnn.add %a, %a {activation = #qnn.activation<2>} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_no_value(%a: tensor<4x!q>) {
  // expected-error @+1 {{expected '<'}}
  %y = qnn.add %a, %a {activation = #qnn.activation} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

// Case matters.
!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_uppercase(%a: tensor<4x!q>) {
  // expected-error @+2 {{failed to parse QNN_ActivationAttr parameter 'value' which is to be a `::mlir::qnn::Activation`}}
  // expected-error @+1 {{expected ::mlir::qnn::Activation to be one of: none, relu, relu6}}
  %y = qnn.add %a, %a {activation = #qnn.activation<RELU>} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_unknown_attr(%a: tensor<4x!q>) {
  // expected-error @+1 {{unknown attribute `act` in dialect `qnn`}}
  %y = qnn.add %a, %a {activation = #qnn.act<relu>} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

// The enum is only accepted as #qnn.activation, not as its integer value.
!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_integer(%a: tensor<4x!q>) {
  // expected-error @+1 {{attribute 'activation' failed to satisfy constraint: activation fused into the requantization clamp (rule N6.3)}}
  %y = qnn.add %a, %a {activation = 1 : i32} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_string(%a: tensor<4x!q>) {
  // expected-error @+1 {{attribute 'activation' failed to satisfy constraint: activation fused into the requantization clamp (rule N6.3)}}
  %y = qnn.add %a, %a {activation = "relu"} : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @stride_array_attr(%x: tensor<1x3x3x1x!q>, %w: tensor<1x3x3x1x!q>) {
  // expected-error @+1 {{attribute 'stride' failed to satisfy constraint: i64 dense array attribute}}
  %y = qnn.conv2d %x, %w {stride = [1, 1]} : (tensor<1x3x3x1x!q>, tensor<1x3x3x1x!q>) -> tensor<1x1x1x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @pad_i32_array(%x: tensor<1x3x3x1x!q>, %w: tensor<1x3x3x1x!q>) {
  // expected-error @+1 {{attribute 'pad' failed to satisfy constraint: i64 dense array attribute}}
  %y = qnn.conv2d %x, %w {pad = array<i32: 0, 0, 0, 0>} : (tensor<1x3x3x1x!q>, tensor<1x3x3x1x!q>) -> tensor<1x1x1x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @dilation_dense(%x: tensor<1x3x3x1x!q>, %w: tensor<1x3x3x1x!q>) {
  // expected-error @+1 {{attribute 'dilation' failed to satisfy constraint: i64 dense array attribute}}
  %y = qnn.conv2d %x, %w {dilation = dense<1> : tensor<2xi64>} : (tensor<1x3x3x1x!q>, tensor<1x3x3x1x!q>) -> tensor<1x1x1x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @kernel_i32_array(%x: tensor<1x4x4x1x!q>) {
  // expected-error @+1 {{attribute 'kernel' failed to satisfy constraint: i64 dense array attribute}}
  %y = qnn.max_pool2d %x {kernel = array<i32: 2, 2>} : tensor<1x4x4x1x!q> -> tensor<1x3x3x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @clamp_min_f32(%x: tensor<4x!q>) {
  // expected-error @+1 {{attribute 'min' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = qnn.clamp %x {min = 0.0 : f32, max = 1 : i64} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @concat_axis_index(%x: tensor<4x!q>) {
  // expected-error @+1 {{attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = qnn.concat %x {axis = 0 : index} : (tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @threshold_integer(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'threshold' failed to satisfy constraint: 32-bit float attribute}}
  %y = qnn.binarize %x {threshold = 0 : i32} : tensor<4xf32> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @pad_value_unsigned(%x: tensor<1x3x3x1x!qnn.binary<f32, 1.0>>) {
  // expected-error @+1 {{attribute 'pad_value' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = qnn.bconv2d %x, %x {pad_value = 1 : ui64} : (tensor<1x3x3x1x!qnn.binary<f32, 1.0>>, tensor<1x3x3x1x!qnn.binary<f32, 1.0>>) -> tensor<1x1x1x1xf32>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @epsilon_f16(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'epsilon' failed to satisfy constraint: 32-bit float attribute}}
  %y = qnn.batch_norm %x, %x, %x, %x, %x {epsilon = 1.0e-3 : f16} : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @id_string(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'id' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = qnn.observe %x {id = "a"} : tensor<4xf32>
  return
}
