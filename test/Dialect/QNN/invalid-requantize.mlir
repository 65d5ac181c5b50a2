// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.requantize (rules N1.2, N1.3, N4, N7) and its ODS
// type constraints.

func.func @input_f32(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.requantize' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %r = qnn.requantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @result_f32(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.requantize' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4xf32>
  return
}

// -----

func.func @shape_mismatch(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.requantize' op requires the same shape for all operands and results}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<1x4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @input_expressed(%q: tensor<4x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{'qnn.requantize' op 'input' must have expressed type f32 (rule N1.2)}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f16, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @output_expressed(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.requantize' op 'output' must have expressed type f32 (rule N1.2)}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i8:f64, 0.1>>
  return
}

// -----

func.func @output_scale_nan(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.requantize' op 'output' scale must be positive and finite (rule N1.2), got nan}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0x7FF8000000000000>>
  return
}

// -----

func.func @input_scale_subnormal(%q: tensor<4x!quant.uniform<i8:f32, 2.0e-45>>) {
  // expected-error @+1 {{'qnn.requantize' op 'input' scale 2.000000e-45 is not a normal f32 value (rule N1.2)}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 2.0e-45>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @input_zero_point(%q: tensor<4x!quant.uniform<u8:f32, 0.1:256>>) {
  // expected-error @+1 {{'qnn.requantize' op 'input' zero point 256 is outside the storage range [0, 255] (rule N1.2)}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<u8:f32, 0.1:256>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @output_zero_point(%q: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.requantize' op 'output' zero point -9 is outside the storage range [-8, 7] (rule N1.2)}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i4:f32, 0.1:-9>>
  return
}

// -----

func.func @input_axis_out_of_range(%q: tensor<2x!quant.uniform<i8:f32:1, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.requantize' op 'input' quantization axis 1 is out of range for rank 1 (rule N1.3)}}
  %r = qnn.requantize %q : tensor<2x!quant.uniform<i8:f32:1, {0.1, 0.2}>> -> tensor<2x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @output_scale_count(%q: tensor<2x3x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.requantize' op 'output' has 2 scales but dimension 1 has size 3 (rule N1.3)}}
  %r = qnn.requantize %q : tensor<2x3x!quant.uniform<i8:f32, 0.1>> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2}>>
  return
}

// -----

func.func @axes_differ(%q: tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.requantize' op 'input' is quantized on axis 0 but 'output' on axis 1; per-axis input and output must share the axis (rule N7)}}
  %r = qnn.requantize %q : tensor<2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<2x2x!quant.uniform<i8:f32:1, {0.1, 0.2}>>
  return
}

// -----

// M = 2^30 gives frexp exponent 31 > 30 (rule N4 table, last row).
func.func @multiplier_too_large(%q: tensor<4x!quant.uniform<i32:f32, 1073741824.0>>) {
  // expected-error @+1 {{'qnn.requantize' op requantization multiplier 1.073742e+09 is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i32:f32, 1073741824.0>> -> tensor<4x!quant.uniform<i32:f32, 1.0>>
  return
}

// -----

// One channel of a per-axis output is enough.
func.func @multiplier_too_large_per_axis(%q: tensor<2x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{'qnn.requantize' op requantization multiplier 1.000000e+10 is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %r = qnn.requantize %q : tensor<2x!quant.uniform<i8:f32, 1.0>> -> tensor<2x!quant.uniform<i8:f32:0, {0.5, 1.0e-10}>>
  return
}
