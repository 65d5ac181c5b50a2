// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Errors that only the generic op form can produce: operand counts, missing
// required properties, property types, and result types that the custom
// form infers.

!q = !quant.uniform<i8:f32, 0.1>
func.func @conv2d_two_biases(%x: tensor<1x3x3x1x!q>, %w: tensor<1x3x3x1x!q>, %b: tensor<1xi32>) {
  // expected-error @+1 {{'qnn.conv2d' op operand group starting at #2 requires 0 or 1 element, but found 2}}
  %y = "qnn.conv2d"(%x, %w, %b, %b) : (tensor<1x3x3x1x!q>, tensor<1x3x3x1x!q>, tensor<1xi32>, tensor<1xi32>) -> tensor<1x1x1x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @fully_connected_one_operand(%x: tensor<1x4x!q>) {
  // expected-error @+1 {{'qnn.fully_connected' op expected 2 or more operands, but found 1}}
  %y = "qnn.fully_connected"(%x) : (tensor<1x4x!q>) -> tensor<1x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @add_two_results(%a: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.add' op requires one result}}
  %y:2 = "qnn.add"(%a, %a) : (tensor<4x!q>, tensor<4x!q>) -> (tensor<4x!q>, tensor<4x!q>)
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @quantize_no_operand() {
  // expected-error @+1 {{'qnn.quantize' op requires a single operand}}
  %y = "qnn.quantize"() : () -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @max_pool_no_kernel(%x: tensor<1x4x4x1x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op requires attribute 'kernel'}}
  %y = "qnn.max_pool2d"(%x) : (tensor<1x4x4x1x!q>) -> tensor<1x3x3x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @avg_pool_no_kernel(%x: tensor<1x4x4x1x!q>) {
  // expected-error @+1 {{'qnn.avg_pool2d' op requires attribute 'kernel'}}
  %y = "qnn.avg_pool2d"(%x) <{stride = array<i64: 1, 1>}> : (tensor<1x4x4x1x!q>) -> tensor<1x3x3x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @clamp_no_max(%x: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.clamp' op requires attribute 'max'}}
  %y = "qnn.clamp"(%x) <{min = 0 : i64}> : (tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @concat_no_axis(%x: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.concat' op requires attribute 'axis'}}
  %y = "qnn.concat"(%x) : (tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @observe_no_id(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.observe' op requires attribute 'id'}}
  %y = "qnn.observe"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @stride_property_type(%x: tensor<1x3x3x1x!q>, %w: tensor<1x3x3x1x!q>) {
  // expected-error @+1 {{invalid properties {stride = [1, 1]} for op qnn.conv2d: Invalid attribute `stride` in property conversion: [1, 1]}}
  %y = "qnn.conv2d"(%x, %w) <{stride = [1, 1]}> : (tensor<1x3x3x1x!q>, tensor<1x3x3x1x!q>) -> tensor<1x1x1x1x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @activation_property_type(%a: tensor<4x!q>) {
  // expected-error @+1 {{invalid properties {activation = 1 : i32} for op qnn.add: Invalid attribute `activation` in property conversion: 1 : i32}}
  %y = "qnn.add"(%a, %a) <{activation = 1 : i32}> : (tensor<4x!q>, tensor<4x!q>) -> tensor<4x!q>
  return
}

// -----

// Clamp does not requantize: input and result have one type (rule N14).
!q = !quant.uniform<i8:f32, 0.1>
func.func @clamp_result_type(%x: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.clamp' op requires the same type for all operands and results}}
  %y = "qnn.clamp"(%x) <{min = 0 : i64, max = 1 : i64}> : (tensor<4x!q>) -> tensor<4x!quant.uniform<i8:f32, 0.2>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @observe_result_type(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.observe' op requires the same type for all operands and results}}
  %y = "qnn.observe"(%x) <{id = 0 : i64}> : (tensor<4xf32>) -> tensor<2x2xf32>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @binarize_shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.binarize' op requires the same shape for all operands and results}}
  %y = "qnn.binarize"(%x) : (tensor<4xf32>) -> tensor<4x1x!qnn.binary<f32, 1.0>>
  return
}
