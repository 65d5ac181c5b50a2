// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.bitunpack (rules N1.5, N18.1) and its ODS constraints.
// The binary tensor [..., C] and the word tensor [..., ceil(C / 64)] of i64
// are the result and the input.

func.func @input_i32(%v: tensor<2x2xi32>) {
  // expected-error @+1 {{'qnn.bitunpack' op operand #0 must be ranked tensor of 64-bit signless integer values, but got 'tensor<2x2xi32>'}}
  %p = qnn.bitunpack %v : tensor<2x2xi32> -> tensor<2x70x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @result_not_binary(%v: tensor<2x2xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op result #0 must be ranked tensor of 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<2x70xi1>'}}
  %p = qnn.bitunpack %v : tensor<2x2xi64> -> tensor<2x70xi1>
  return
}

// -----

func.func @input_dynamic(%v: tensor<2x?xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op operand #0 must have a static shape, got 'tensor<2x?xi64>'}}
  %p = qnn.bitunpack %v : tensor<2x?xi64> -> tensor<2x70x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @result_dynamic(%v: tensor<2x2xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op result #0 must have a static shape, got 'tensor<?x70x!qnn.binary<f32, 1.000000e+00>>'}}
  %p = qnn.bitunpack %v : tensor<2x2xi64> -> tensor<?x70x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @rank(%v: tensor<4xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op the binary tensor has rank 2 but the word tensor has rank 1}}
  %p = qnn.bitunpack %v : tensor<4xi64> -> tensor<2x70x!qnn.binary<f32, 1.0>>
  return
}

// -----

// Packing runs along the last dimension, so there must be one.
func.func @rank_0(%v: tensor<i64>) {
  // expected-error @+1 {{'qnn.bitunpack' op 'output' must have rank >= 1}}
  %p = qnn.bitunpack %v : tensor<i64> -> tensor<!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @leading_dimension(%v: tensor<3x2xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op dimension 0 of the word tensor is 3 but the binary tensor's is 2}}
  %p = qnn.bitunpack %v : tensor<3x2xi64> -> tensor<2x70x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @too_few_words(%v: tensor<2x1xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op last dimension 70 packs into 2 i64 words, but the word tensor has 1 (rule N1.5)}}
  %p = qnn.bitunpack %v : tensor<2x1xi64> -> tensor<2x70x!qnn.binary<f32, 1.0>>
  return
}

// -----

// C = 64 fills exactly one word.
func.func @too_many_words(%v: tensor<2x2xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op last dimension 64 packs into 1 i64 words, but the word tensor has 2 (rule N1.5)}}
  %p = qnn.bitunpack %v : tensor<2x2xi64> -> tensor<2x64x!qnn.binary<f32, 1.0>>
  return
}

// -----

func.func @axis_out_of_range(%v: tensor<2x2xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op 'output' binary axis 2 is out of range for rank 2 (rule N1.5)}}
  %p = qnn.bitunpack %v : tensor<2x2xi64> -> tensor<2x70x!qnn.binary<f32:2, {1.0}>>
  return
}

// -----

func.func @alpha_count(%v: tensor<2x2xi64>) {
  // expected-error @+1 {{'qnn.bitunpack' op 'output' has 3 alphas but dimension 0 has size 2 (rule N1.5)}}
  %p = qnn.bitunpack %v : tensor<2x2xi64> -> tensor<2x70x!qnn.binary<f32:0, {1.0, 2.0, 3.0}>>
  return
}
