// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.binarize (rules N1.2, N1.5, N17) and its ODS
// constraints.

func.func @input_integer(%x: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.binarize' op 'input' must be f32 or uniform quantized, got 'tensor<4xi8>'}}
  %b = qnn.binarize %x : tensor<4xi8> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @input_f16(%x: tensor<4xf16>) {
  // expected-error @+1 {{'qnn.binarize' op 'input' must be f32 or uniform quantized, got 'tensor<4xf16>'}}
  %b = qnn.binarize %x : tensor<4xf16> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @input_binary(%x: tensor<4x!qnn.binary<f32, 1.0>>) {
  // expected-error @+1 {{'qnn.binarize' op 'input' must be f32 or uniform quantized, got 'tensor<4x!qnn.binary<f32, 1.000000e+00>>'}}
  %b = qnn.binarize %x : tensor<4x!qnn.binary<f32, 1.0>> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

// A quantized input is per tensor (rule N17).
func.func @input_per_axis(%x: tensor<2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.binarize' op 'input' must be quantized per tensor, got axis 0}}
  %b = qnn.binarize %x : tensor<2x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<2x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @input_expressed(%x: tensor<4x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{'qnn.binarize' op 'input' must have expressed type f32 (rule N1.2)}}
  %b = qnn.binarize %x : tensor<4x!quant.uniform<i8:f16, 0.1>> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @input_zero_point(%x: tensor<4x!quant.uniform<i8:f32, 0.1:300>>) {
  // expected-error @+1 {{'qnn.binarize' op 'input' zero point 300 is outside the storage range [-128, 127] (rule N1.2)}}
  %b = qnn.binarize %x : tensor<4x!quant.uniform<i8:f32, 0.1:300>> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @input_scale_subnormal(%x: tensor<4x!quant.uniform<i8:f32, 1.0e-42>>) {
  // expected-error @+1 {{'qnn.binarize' op 'input' scale 1.000000e-42 is not a normal f32 value (rule N1.2)}}
  %b = qnn.binarize %x : tensor<4x!quant.uniform<i8:f32, 1.0e-42>> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @result_f32(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.binarize' op result #0 must be ranked tensor of 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<4xf32>'}}
  %b = qnn.binarize %x : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

func.func @result_quantized(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.binarize' op result #0 must be ranked tensor of 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %b = qnn.binarize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @shape(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.binarize' op requires the same shape for all operands and results}}
  %b = qnn.binarize %x : tensor<4xf32> -> tensor<2x2x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @threshold_inf(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.binarize' op 'threshold' must be finite}}
  %b = qnn.binarize %x {threshold = 0x7F800000 : f32} : tensor<4xf32> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @threshold_nan(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.binarize' op 'threshold' must be finite}}
  %b = qnn.binarize %x {threshold = 0x7FC00000 : f32} : tensor<4xf32> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @threshold_f64(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'threshold' failed to satisfy constraint: 32-bit float attribute}}
  %b = qnn.binarize %x {threshold = 0.5 : f64} : tensor<4xf32> -> tensor<4x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @output_axis_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.binarize' op 'output' binary axis 2 is out of range for rank 2 (rule N1.5)}}
  %b = qnn.binarize %x : tensor<2x3xf32> -> tensor<2x3x!qnn.binary<f32:2, {1.0}>>
  return
}

// -----

func.func @output_alpha_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'qnn.binarize' op 'output' has 2 alphas but dimension 1 has size 3 (rule N1.5)}}
  %b = qnn.binarize %x : tensor<2x3xf32> -> tensor<2x3x!qnn.binary<f32:1, {1.0, 2.0}>>
  return
}
