// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.bfully_connected (rules N1.5, N19.3, N20) and its
// ODS constraints. Every section starts from the valid
//   x: 2x70x!bx ([N, C]), w: 8x70x!bw ([O, C]), y: 2x8xf32, bias: 8xf32
// and changes one thing.

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_f32(%x: tensor<2x70xf32>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op operand #0 must be ranked tensor of 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<2x70xf32>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70xf32>, tensor<8x70x!bw>) -> tensor<2x8xf32>
  return
}

// -----

// Packed words go through qnn.bitunpack first.
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_i64(%x: tensor<2x70x!bx>, %w: tensor<8x2xi64>) {
  // expected-error @+1 {{'qnn.bfully_connected' op operand #1 must be ranked tensor of 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<8x2xi64>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x2xi64>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @bias_f16(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>, %b: tensor<8xf16>) {
  // expected-error @+1 {{'qnn.bfully_connected' op operand #2 must be ranked tensor of 32-bit float values, but got 'tensor<8xf16>'}}
  %y = qnn.bfully_connected %x, %w, %b : (tensor<2x70x!bx>, tensor<8x70x!bw>, tensor<8xf16>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_rank(%x: tensor<2x1x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'input' must have rank 2, got 'tensor<2x1x70x!qnn.binary<f32, 1.000000e+00>>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x1x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_rank(%x: tensor<2x70x!bx>, %w: tensor<560x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'weight' must have rank 2, got 'tensor<560x!qnn.binary<f32, 5.000000e-01>>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<560x!bw>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @output_rank(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'output' must have rank 2, got 'tensor<16xf32>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<16xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_dynamic(%x: tensor<?x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op operand #0 must have a static shape, got 'tensor<?x70x!qnn.binary<f32, 1.000000e+00>>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<?x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @output_dynamic(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op result #0 must have a static shape, got 'tensor<?x8xf32>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<?x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_per_axis(%x: tensor<2x70x!qnn.binary<f32:0, {1.0, 1.0}>>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'input' must be binarized per tensor, got axis 0}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!qnn.binary<f32:0, {1.0, 1.0}>>, tensor<8x70x!bw>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_axis_1(%x: tensor<2x2x!bx>, %w: tensor<8x2x!qnn.binary<f32:1, {1.0, 2.0}>>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'weight' may only carry alphas per axis 0, got axis 1}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x2x!bx>, tensor<8x2x!qnn.binary<f32:1, {1.0, 2.0}>>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_alpha_count(%x: tensor<2x70x!bx>, %w: tensor<8x70x!qnn.binary<f32:0, {1.0, 2.0}>>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'weight' has 2 alphas but dimension 0 has size 8 (rule N1.5)}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!qnn.binary<f32:0, {1.0, 2.0}>>) -> tensor<2x8xf32>
  return
}

// -----

// A binary result is per tensor or per output feature (axis 1).
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_binary_axis_0(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'output' may only carry alphas per axis 1, got axis 0}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8x!qnn.binary<f32:0, {1.0, 2.0}>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_binary_alpha_count(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'output' has 2 alphas but dimension 1 has size 8 (rule N1.5)}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8x!qnn.binary<f32:1, {1.0, 2.0}>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_integer(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op result must be f32, uniform quantized or binary (rule N19.3), got 'tensor<2x8xi8>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8xi8>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_per_axis(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'output' must be quantized per tensor, got axis 0}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_32_bit(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'output' storage width 32 exceeds the 8 bits this op accepts}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8x!quant.uniform<i32:f32, 0.1>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_zero_point(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'output' zero point 9 is outside the storage range [-8, 7] (rule N1.2)}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<2x8x!quant.uniform<i4:f32, 0.1:9>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @features(%x: tensor<2x70x!bx>, %w: tensor<8x64x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'weight' has 64 input features but 'input' has 70}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x64x!bw>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_batch(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op result shape must be [2, 8], got 'tensor<3x8xf32>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<3x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_features(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>) {
  // expected-error @+1 {{'qnn.bfully_connected' op result shape must be [2, 8], got 'tensor<2x70xf32>'}}
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!bx>, tensor<8x70x!bw>) -> tensor<2x70xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @bias_size(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>, %b: tensor<2xf32>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'bias' must have shape [8] (one value per output channel), got 'tensor<2xf32>'}}
  %y = qnn.bfully_connected %x, %w, %b : (tensor<2x70x!bx>, tensor<8x70x!bw>, tensor<2xf32>) -> tensor<2x8xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @bias_rank(%x: tensor<2x70x!bx>, %w: tensor<8x70x!bw>, %b: tensor<f32>) {
  // expected-error @+1 {{'qnn.bfully_connected' op 'bias' must have shape [8] (one value per output channel), got 'tensor<f32>'}}
  %y = qnn.bfully_connected %x, %w, %b : (tensor<2x70x!bx>, tensor<8x70x!bw>, tensor<f32>) -> tensor<2x8xf32>
  return
}
