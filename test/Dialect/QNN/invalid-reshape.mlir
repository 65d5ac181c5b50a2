// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.reshape (rules N1.2, N16) and its ODS constraints.

!q = !quant.uniform<i8:f32, 0.1>
func.func @unranked(%x: tensor<*x!q>) {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.reshape %x : tensor<*x!q> -> tensor<4x!q>
  return
}

// -----

// A reshape does not change the element type (use quant.scast for the storage).
!q = !quant.uniform<i8:f32, 0.1>
func.func @element_type(%x: tensor<2x2x!q>) {
  // expected-error @+1 {{'qnn.reshape' op result element type 'i8' must equal the input's '!quant.uniform<i8:f32, 1.000000e-01>'}}
  %y = qnn.reshape %x : tensor<2x2x!q> -> tensor<4xi8>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @element_scale(%x: tensor<2x2x!q>) {
  // expected-error @+1 {{'qnn.reshape' op result element type '!quant.uniform<i8:f32, 2.000000e-01>' must equal the input's '!quant.uniform<i8:f32, 1.000000e-01>'}}
  %y = qnn.reshape %x : tensor<2x2x!q> -> tensor<4x!quant.uniform<i8:f32, 0.2>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @binary(%x: tensor<2x64x!qnn.binary<f32, 1.0>>) {
  // expected-error @+1 {{'qnn.reshape' op cannot reshape a binary tensor: its packing follows the last dimension (rule N16)}}
  %y = qnn.reshape %x : tensor<2x64x!qnn.binary<f32, 1.0>> -> tensor<128x!qnn.binary<f32, 1.0>>
  return
}

// -----

// Per-axis types are rejected even when the shape does not change.
!q = !quant.uniform<i8:f32, 0.1>
func.func @per_axis(%x: tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.reshape' op cannot reshape a per-axis quantized tensor: the axis would move (rule N16)}}
  %y = qnn.reshape %x : tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_dynamic(%x: tensor<?x2x!q>) {
  // expected-error @+1 {{'qnn.reshape' op operand #0 must have a static shape, got 'tensor<?x2x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.reshape %x : tensor<?x2x!q> -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @output_dynamic(%x: tensor<2x2x!q>) {
  // expected-error @+1 {{'qnn.reshape' op result #0 must have a static shape, got 'tensor<?x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.reshape %x : tensor<2x2x!q> -> tensor<?x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @element_count(%x: tensor<2x4x!q>) {
  // expected-error @+1 {{'qnn.reshape' op input has 8 elements but the result has 6}}
  %y = qnn.reshape %x : tensor<2x4x!q> -> tensor<2x3x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @element_count_f32(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.reshape' op input has 6 elements but the result has 7}}
  %y = qnn.reshape %x : tensor<2x3xf32> -> tensor<7xf32>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_expressed(%x: tensor<2x2x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{'qnn.reshape' op 'input' must have expressed type f32 (rule N1.2)}}
  %y = qnn.reshape %x : tensor<2x2x!quant.uniform<i8:f16, 0.1>> -> tensor<4x!quant.uniform<i8:f16, 0.1>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_zero_point(%x: tensor<2x2x!quant.uniform<u8:f32, 0.1:-1>>) {
  // expected-error @+1 {{'qnn.reshape' op 'input' zero point -1 is outside the storage range [0, 255] (rule N1.2)}}
  %y = qnn.reshape %x : tensor<2x2x!quant.uniform<u8:f32, 0.1:-1>> -> tensor<4x!quant.uniform<u8:f32, 0.1:-1>>
  return
}

// -----

// f32 subnormals pass the upstream range check [1.401298e-45, ...] but not
// rule N1.2.
!q = !quant.uniform<i8:f32, 0.1>
func.func @input_scale_subnormal(%x: tensor<2x2x!quant.uniform<i8:f32, 1.5e-45>>) {
  // expected-error @+1 {{'qnn.reshape' op 'input' scale 1.500000e-45 is not a normal f32 value (rule N1.2)}}
  %y = qnn.reshape %x : tensor<2x2x!quant.uniform<i8:f32, 1.5e-45>> -> tensor<4x!quant.uniform<i8:f32, 1.5e-45>>
  return
}
