// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.batch_norm (rule N21) and its ODS constraints.
// Every section starts from the valid
//   x: 1x4x4x3xf32, gamma/beta/mean/variance: 3xf32, y: 1x4x4x3xf32
// and changes one thing.

// Batch normalization is a float-level op; it is folded before quantization.
func.func @input_quantized(%x: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.1>>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<1x4x4x3x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3x!quant.uniform<i8:f32, 0.1>>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @variance_f16(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf16>) {
  // expected-error @+1 {{'qnn.batch_norm' op operand #4 must be ranked tensor of 32-bit float values, but got 'tensor<3xf16>'}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf16>) -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @result_f16(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op result #0 must be ranked tensor of 32-bit float values, but got 'tensor<1x4x4x3xf16>'}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf16>
  return
}

// -----

func.func @epsilon_f64(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{attribute 'epsilon' failed to satisfy constraint: 32-bit float attribute}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 1.0e-3 : f64} : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

// The channel axis is the last one, so there must be one.
func.func @input_rank_0(%x: tensor<f32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'input' must have rank >= 1}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  return
}

// -----

func.func @result_shape(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op result shape must equal the input shape}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x3x4xf32>
  return
}

// -----

// Parameters are per channel: the last dimension of the input.
func.func @gamma_shape(%x: tensor<1x4x4x3xf32>, %g: tensor<4xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'gamma' must have shape [3] (the channel count), got 'tensor<4xf32>'}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3xf32>, tensor<4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @beta_rank(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<1x3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'beta' must have shape [3] (the channel count), got 'tensor<1x3xf32>'}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<1x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @mean_shape(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<?xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'mean' must have shape [3] (the channel count), got 'tensor<?xf32>'}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<?xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

// The input channel count is 3, not the height 4.
func.func @variance_shape(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'variance' must have shape [3] (the channel count), got 'tensor<4xf32>'}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @epsilon_negative(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'epsilon' must be finite and >= 0, got -1.000000e-03}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = -1.0e-3 : f32} : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @epsilon_inf(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'epsilon' must be finite and >= 0, got INF}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 0x7F800000 : f32} : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}

// -----

func.func @epsilon_nan(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) {
  // expected-error @+1 {{'qnn.batch_norm' op 'epsilon' must be finite and >= 0, got nan}}
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 0x7FC00000 : f32} : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  return
}
