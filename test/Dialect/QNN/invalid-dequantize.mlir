// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.dequantize (rules N1.2, N1.3, N3) and its ODS type
// constraints.

func.func @input_f32(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.dequantize' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %y = qnn.dequantize %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @input_storage_integer(%x: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.dequantize' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xi8>'}}
  %y = qnn.dequantize %x : tensor<4xi8> -> tensor<4xf32>
  return
}

// -----

func.func @result_not_f32(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.dequantize' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf16>'}}
  %y = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4xf16>
  return
}

// -----

func.func @shape_mismatch(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.dequantize' op requires the same shape for all operands and results}}
  %y = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<2x2xf32>
  return
}

// -----

func.func @expressed_not_f32(%q: tensor<4x!quant.uniform<i8:bf16, 0.1>>) {
  // expected-error @+1 {{'qnn.dequantize' op 'input' must have expressed type f32 (rule N1.2)}}
  %y = qnn.dequantize %q : tensor<4x!quant.uniform<i8:bf16, 0.1>> -> tensor<4xf32>
  return
}

// -----

// A type with a NaN scale is not equal to a second spelling of itself
// (upstream compares scales with ==), so it is written once, as an alias.
!nan_scale = !quant.uniform<u8:f32, 0x7FF8000000000000:128>
func.func @scale_nan(%q: tensor<4x!nan_scale>) {
  // expected-error @+1 {{'qnn.dequantize' op 'input' scale must be positive and finite (rule N1.2), got nan}}
  %y = qnn.dequantize %q : tensor<4x!nan_scale> -> tensor<4xf32>
  return
}

// -----

func.func @scale_subnormal(%q: tensor<2x!quant.uniform<i8:f32:0, {0.1, 1.0e-39}>>) {
  // expected-error @+1 {{'qnn.dequantize' op 'input' scale 1.000000e-39 is not a normal f32 value (rule N1.2)}}
  %y = qnn.dequantize %q : tensor<2x!quant.uniform<i8:f32:0, {0.1, 1.0e-39}>> -> tensor<2xf32>
  return
}

// -----

func.func @zero_point(%q: tensor<4x!quant.uniform<i16:f32, 0.1:40000>>) {
  // expected-error @+1 {{'qnn.dequantize' op 'input' zero point 40000 is outside the storage range [-32768, 32767] (rule N1.2)}}
  %y = qnn.dequantize %q : tensor<4x!quant.uniform<i16:f32, 0.1:40000>> -> tensor<4xf32>
  return
}

// -----

func.func @axis_out_of_range(%q: tensor<2x!quant.uniform<i8:f32:3, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.dequantize' op 'input' quantization axis 3 is out of range for rank 1 (rule N1.3)}}
  %y = qnn.dequantize %q : tensor<2x!quant.uniform<i8:f32:3, {0.1, 0.2}>> -> tensor<2xf32>
  return
}

// -----

func.func @axis_scale_count(%q: tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>) {
  // expected-error @+1 {{'qnn.dequantize' op 'input' has 3 scales but dimension 0 has size 2 (rule N1.3)}}
  %y = qnn.dequantize %q : tensor<2x3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>> -> tensor<2x3xf32>
  return
}
