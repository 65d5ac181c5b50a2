// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.fully_connected (rules N1.2, N1.3, N4, N8.3, N10)
// and its ODS constraints. Every section starts from the valid
//   x: 2x16 ([N, K]), w: 8x16 ([O, K]), y: 2x8, bias: 8xi32
// and changes one thing.

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @input_f32(%x: tensor<2x16xf32>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<2x16xf32>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16xf32>, tensor<8x16x!qw>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @weight_i8(%x: tensor<2x16x!qx>, %w: tensor<8x16xi8>) {
  // expected-error @+1 {{'qnn.fully_connected' op operand #1 must be ranked tensor of uniform quantized type values, but got 'tensor<8x16xi8>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16xi8>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @bias_f32(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'qnn.fully_connected' op operand #2 must be ranked tensor of 32-bit signless integer values, but got 'tensor<8xf32>'}}
  %y = qnn.fully_connected %x, %w, %b : (tensor<2x16x!qx>, tensor<8x16x!qw>, tensor<8xf32>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @result_binary(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op result #0 must be ranked tensor of uniform quantized type values}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<2x8x!qnn.binary<f32, 1.0>>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @input_rank(%x: tensor<2x4x4x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'input' must have rank 2, got 'tensor<2x4x4x!quant.uniform<u8:f32, 2.000000e-02:128>>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x4x4x!qx>, tensor<8x16x!qw>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @weight_rank(%x: tensor<2x16x!qx>, %w: tensor<128x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'weight' must have rank 2, got 'tensor<128x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<128x!qw>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @output_rank(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'output' must have rank 2, got 'tensor<16x!quant.uniform<u8:f32, 5.000000e-02>>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<16x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @input_dynamic(%x: tensor<?x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op operand #0 must have a static shape, got 'tensor<?x16x!quant.uniform<u8:f32, 2.000000e-02:128>>'}}
  %y = qnn.fully_connected %x, %w : (tensor<?x16x!qx>, tensor<8x16x!qw>) -> tensor<?x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @output_dynamic(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op result #0 must have a static shape, got 'tensor<2x?x!quant.uniform<u8:f32, 5.000000e-02>>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<2x?x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @input_per_axis(%x: tensor<2x16x!quant.uniform<u8:f32:0, {0.1:1, 0.2:2}>>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'input' must be quantized per tensor, got axis 0}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!quant.uniform<u8:f32:0, {0.1:1, 0.2:2}>>, tensor<8x16x!qw>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @input_16_bit(%x: tensor<2x16x!quant.uniform<i16:f32, 0.02>>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'input' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!quant.uniform<i16:f32, 0.02>>, tensor<8x16x!qw>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @weight_32_bit(%x: tensor<2x16x!qx>, %w: tensor<8x16x!quant.uniform<i32:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'weight' storage width 32 exceeds the 8 bits this op accepts}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!quant.uniform<i32:f32, 0.1>>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @output_32_bit(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'output' storage width 32 exceeds 16 bits; a wider result is the accumulator itself and needs every multiplier s_x * s_w / s_y to be exactly 1}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<2x8x!quant.uniform<i32:f32, 0.05>>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @output_expressed(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'output' must have expressed type f32 (rule N1.2)}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<2x8x!quant.uniform<u8:f16, 0.05>>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @weight_zero_point(%x: tensor<2x16x!qx>, %w: tensor<8x16x!quant.uniform<i4:f32, 0.1:-9>>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'weight' zero point -9 is outside the storage range [-8, 7] (rule N1.2)}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!quant.uniform<i4:f32, 0.1:-9>>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @input_scale_subnormal(%x: tensor<2x16x!quant.uniform<u8:f32, 1.0e-39:128>>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'input' scale 1.000000e-39 is not a normal f32 value (rule N1.2)}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!quant.uniform<u8:f32, 1.0e-39:128>>, tensor<8x16x!qw>) -> tensor<2x8x!qy>
  return
}

// -----

// Per-axis weights are per output feature: axis 0 (rule N10).
!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @weight_axis_1(%x: tensor<2x2x!qx>, %w: tensor<8x2x!quant.uniform<i8:f32:1, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'weight' may only be quantized per axis 0, got axis 1}}
  %y = qnn.fully_connected %x, %w : (tensor<2x2x!qx>, tensor<8x2x!quant.uniform<i8:f32:1, {0.1, 0.2}>>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @weight_scale_count(%x: tensor<2x16x!qx>, %w: tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'weight' has 2 scales but dimension 0 has size 8 (rule N1.3)}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) -> tensor<2x8x!qy>
  return
}

// -----

// The per-tensor result rule (N8.3) is checked before rule N6.3 ('fused
// activation ... requires a per-tensor quantized result'), which is unreachable
// here.
!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @output_per_axis(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'output' must be quantized per tensor, got axis 1}}
  %y = qnn.fully_connected %x, %w {activation = #qnn.activation<relu>} : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<2x8x!quant.uniform<u8:f32:1, {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1}>>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @features(%x: tensor<2x16x!qx>, %w: tensor<8x15x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'weight' has 15 input features but 'input' has 16}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x15x!qw>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @result_batch(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op result shape must be [2, 8], got 'tensor<1x8x!quant.uniform<u8:f32, 5.000000e-02>>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<1x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @result_features(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>) {
  // expected-error @+1 {{'qnn.fully_connected' op result shape must be [2, 8], got 'tensor<2x16x!quant.uniform<u8:f32, 5.000000e-02>>'}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!qw>) -> tensor<2x16x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @bias_size(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>, %b: tensor<16xi32>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'bias' must have shape [8] (one value per output channel), got 'tensor<16xi32>'}}
  %y = qnn.fully_connected %x, %w, %b : (tensor<2x16x!qx>, tensor<8x16x!qw>, tensor<16xi32>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @bias_rank(%x: tensor<2x16x!qx>, %w: tensor<8x16x!qw>, %b: tensor<2x8xi32>) {
  // expected-error @+1 {{'qnn.fully_connected' op 'bias' must have shape [8] (one value per output channel), got 'tensor<2x8xi32>'}}
  %y = qnn.fully_connected %x, %w, %b : (tensor<2x16x!qx>, tensor<8x16x!qw>, tensor<2x8xi32>) -> tensor<2x8x!qy>
  return
}

// -----

!qx = !quant.uniform<u8:f32, 0.02:128>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<u8:f32, 0.05>
func.func @multiplier(%x: tensor<2x16x!qx>, %w: tensor<8x16x!quant.uniform<i8:f32, 1000.0>>) {
  // expected-error @+1 {{'qnn.fully_connected' op output multiplier 2.000000e+09 is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %y = qnn.fully_connected %x, %w : (tensor<2x16x!qx>, tensor<8x16x!quant.uniform<i8:f32, 1000.0>>) -> tensor<2x8x!quant.uniform<u8:f32, 1.0e-8>>
  return
}
