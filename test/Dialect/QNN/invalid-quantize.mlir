// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.quantize (rules N1.2, N1.3, N2) and its ODS type
// constraints.

func.func @input_not_f32(%x: tensor<4xf16>) {
  // expected-error @+1 {{'qnn.quantize' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf16>'}}
  %q = qnn.quantize %x : tensor<4xf16> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @input_quantized(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.quantize' op operand #0 must be ranked tensor of 32-bit float values}}
  %q = qnn.quantize %x : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @result_not_quantized(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xi8>'}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4xi8>
  return
}

// -----

func.func @result_binary(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4x!qnn.binary<f32, 5.000000e-01>>'}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!qnn.binary<f32, 0.5>>
  return
}

// -----

func.func @unranked(%x: tensor<*xf32>) {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.tensor, but found 'tensor<*xf32>'}}
  %q = qnn.quantize %x : tensor<*xf32> -> tensor<*x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @shape_mismatch(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op requires the same shape for all operands and results}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<5x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @expressed_not_f32(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' must have expressed type f32 (rule N1.2)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f16, 0.1>>
  return
}

// -----

// Upstream rejects zero, negative and infinite scales while parsing (see
// invalid-quant-types.mlir); NaN is the one non-positive scale that reaches
// the verifier.
func.func @scale_nan(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' scale must be positive and finite (rule N1.2), got nan}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0x7FF8000000000000>>
  return
}

// -----

func.func @scale_nan_per_axis(%x: tensor<2xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' scale must be positive and finite (rule N1.2), got nan}}
  %q = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32:0, {0.1, 0x7FF8000000000000}>>
  return
}

// -----

func.func @scale_subnormal(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' scale 1.000000e-40 is not a normal f32 value (rule N1.2)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 1.0e-40>>
  return
}

// -----

func.func @zero_point_above_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' zero point 128 is outside the storage range [-128, 127] (rule N1.2)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1:128>>
  return
}

// -----

func.func @zero_point_narrow_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' zero point -128 is outside the storage range [-127, 127] (rule N1.2)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1:-128>>
  return
}

// -----

func.func @zero_point_unsigned(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' zero point -1 is outside the storage range [0, 255] (rule N1.2)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.1:-1>>
  return
}

// -----

func.func @zero_point_i4(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' zero point 8 is outside the storage range [-8, 7] (rule N1.2)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 0.1:8>>
  return
}

// -----

func.func @zero_point_per_axis(%x: tensor<2xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' zero point 200 is outside the storage range [-128, 127] (rule N1.2)}}
  %q = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32:0, {0.1:1, 0.2:200}>>
  return
}

// -----

func.func @axis_out_of_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' quantization axis 1 is out of range for rank 1 (rule N1.3)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32:1, {0.1}>>
  return
}

// -----

func.func @axis_scale_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' has 2 scales but dimension 1 has size 3 (rule N1.3)}}
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2}>>
  return
}

// -----

// Zero points travel as i32: unsigned 32-bit storage is refused.
func.func @u32_storage(%x: tensor<2xf32>) {
  // expected-error @+1 {{'qnn.quantize' op 'output' has unsigned 32-bit storage, which qnn does not support (rule N1.0)}}
  %q = qnn.quantize %x : tensor<2xf32> -> tensor<2x!quant.uniform<u32:f32, 1.0:3000000000>>
  return
}
