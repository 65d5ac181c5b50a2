// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.conv2d (rules N1.2, N1.3, N4, N6.3, N8) and its ODS
// constraints. Every section starts from the valid
//   x: 1x8x8x3, w: 4x3x3x3 (OHWI), y: 1x6x6x4, bias: 4xi32
// and changes one thing.

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_f32(%x: tensor<1x8x8x3xf32>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<1x8x8x3xf32>'}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_binary(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qnn.binary<f32, 1.0>>) {
  // expected-error @+1 {{'qnn.conv2d' op operand #1 must be ranked tensor of uniform quantized type values}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qnn.binary<f32, 1.0>>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @bias_i64(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>, %b: tensor<4xi64>) {
  // expected-error @+1 {{'qnn.conv2d' op operand #2 must be ranked tensor of 32-bit signless integer values, but got 'tensor<4xi64>'}}
  %y = qnn.conv2d %x, %w, %b : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>, tensor<4xi64>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @bias_f32(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.conv2d' op operand #2 must be ranked tensor of 32-bit signless integer values, but got 'tensor<4xf32>'}}
  %y = qnn.conv2d %x, %w, %b : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>, tensor<4xf32>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @result_i32(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<1x6x6x4xi32>'}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4xi32>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @activation_not_enum(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{attribute 'activation' failed to satisfy constraint: activation fused into the requantization clamp (rule N6.3)}}
  %y = qnn.conv2d %x, %w {activation = 1 : i32} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @stride_not_i64_array(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{attribute 'stride' failed to satisfy constraint: i64 dense array attribute}}
  %y = qnn.conv2d %x, %w {stride = array<i32: 1, 1>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_rank(%x: tensor<8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'input' must have rank 4, got 'tensor<8x8x3x!quant.uniform<i8:f32, 5.000000e-02>>'}}
  %y = qnn.conv2d %x, %w : (tensor<8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_rank(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x9x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'weight' must have rank 4, got 'tensor<4x9x3x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x9x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_rank(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'output' must have rank 4, got 'tensor<1x36x4x!quant.uniform<i8:f32, 2.000000e-01>>'}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x36x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_dynamic(%x: tensor<?x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op operand #0 must have a static shape, got 'tensor<?x8x8x3x!quant.uniform<i8:f32, 5.000000e-02>>'}}
  %y = qnn.conv2d %x, %w : (tensor<?x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @bias_dynamic(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>, %b: tensor<?xi32>) {
  // expected-error @+1 {{'qnn.conv2d' op operand #2 must have a static shape, got 'tensor<?xi32>'}}
  %y = qnn.conv2d %x, %w, %b : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>, tensor<?xi32>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_dynamic(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op result #0 must have a static shape, got 'tensor<1x?x6x4x!quant.uniform<i8:f32, 2.000000e-01>>'}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x?x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_per_axis(%x: tensor<1x8x8x3x!quant.uniform<i8:f32:3, {0.1, 0.1, 0.1}>>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'input' must be quantized per tensor, got axis 3}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8:f32:3, {0.1, 0.1, 0.1}>>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

// Rule N8.3: input and weights have at most 8 bits, the result at most 16.
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_16_bit(%x: tensor<1x8x8x3x!quant.uniform<i16:f32, 0.05>>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'input' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i16:f32, 0.05>>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_16_bit(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!quant.uniform<i16:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'weight' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!quant.uniform<i16:f32, 0.1>>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_32_bit(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'output' storage width 32 exceeds 16 bits; a wider result is the accumulator itself and needs every multiplier s_x * s_w / s_y to be exactly 1}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!quant.uniform<i32:f32, 0.2>>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_expressed(%x: tensor<1x8x8x3x!quant.uniform<i8:f16, 0.05>>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'input' must have expressed type f32 (rule N1.2)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8:f16, 0.05>>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

// A NaN scale is written once, as an alias: a second spelling would be a
// different type (upstream compares scales with ==).
!qx = !quant.uniform<i8:f32, 0.05>
!nan = !quant.uniform<i8:f32, 0x7FF8000000000000>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_scale_nan(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!nan>) {
  // expected-error @+1 {{'qnn.conv2d' op 'weight' scale must be positive and finite (rule N1.2), got nan}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!nan>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_zero_point(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!quant.uniform<u8:f32, 0.1:300>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'weight' zero point 300 is outside the storage range [0, 255] (rule N1.2)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!quant.uniform<u8:f32, 0.1:300>>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_scale_subnormal(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'output' scale 1.000000e-39 is not a normal f32 value (rule N1.2)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 1.0e-39>>
  return
}

// -----

// Per-axis weights are per output channel (axis 0, rule N8.3).
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_wrong_axis(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32:3, {0.1, 0.2, 0.3}>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'weight' may only be quantized per axis 0, got axis 3}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!quant.uniform<i8:f32:3, {0.1, 0.2, 0.3}>>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_scale_count(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.conv2d' op 'weight' has 2 scales but dimension 0 has size 4 (rule N1.3)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_per_axis(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'output' must be quantized per tensor, got axis 3}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!quant.uniform<i8:f32:3, {0.1, 0.2, 0.3, 0.4}>>
  return
}

// -----

// A fused activation needs a per-tensor result (rule N6.3); the per-tensor
// rule for the result (N8.3) is checked first, so the N6.3 message
// ('fused activation relu requires a per-tensor quantized result') cannot
// be reached from qnn.conv2d.
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @activation_per_axis_output(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'output' must be quantized per tensor, got axis 3}}
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!quant.uniform<i8:f32:3, {0.1, 0.2, 0.3, 0.4}>>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @stride_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'stride' must have 2 values, got 1}}
  %y = qnn.conv2d %x, %w {stride = array<i64: 1>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @dilation_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'dilation' must have 2 values, got 3}}
  %y = qnn.conv2d %x, %w {dilation = array<i64: 1, 1, 1>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @pad_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'pad' must have 4 values [top, bottom, left, right], got 2}}
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @stride_zero(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'stride' values must be >= 1, got 0 (rule N8.1)}}
  %y = qnn.conv2d %x, %w {stride = array<i64: 1, 0>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @dilation_zero(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'dilation' values must be >= 1, got 0 (rule N8.1)}}
  %y = qnn.conv2d %x, %w {dilation = array<i64: 0, 1>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @pad_negative(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'pad' values must be >= 0, got -1 (rule N8.1)}}
  %y = qnn.conv2d %x, %w {pad = array<i64: 0, 0, -1, 0>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_channels(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op 'weight' dimension 3 is 2 but 'input' has 3 channels (rule N8.2)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x2x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @batch(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op result batch 2 differs from input batch 1}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<2x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_channels(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op result has 5 channels but the weights give 4 (rule N8.2)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x5x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @window_height(%x: tensor<1x2x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op window of height 3 (dilation 1) does not fit the padded input height 2 (rule N8.2)}}
  %y = qnn.conv2d %x, %w : (tensor<1x2x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @window_width_dilated(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op window of width 3 (dilation 4) does not fit the padded input width 8 (rule N8.2)}}
  %y = qnn.conv2d %x, %w {dilation = array<i64: 1, 4>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @result_height(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op result height is 5 but the input, window, stride, pad and dilation give 6 (rule N8.2)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x5x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @result_width_strided(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>) {
  // expected-error @+1 {{'qnn.conv2d' op result width is 6 but the input, window, stride, pad and dilation give 4 (rule N8.2)}}
  %y = qnn.conv2d %x, %w {stride = array<i64: 1, 2>, pad = array<i64: 0, 0, 1, 1>} : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @bias_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>, %b: tensor<3xi32>) {
  // expected-error @+1 {{'qnn.conv2d' op 'bias' must have shape [4] (one value per output channel), got 'tensor<3xi32>'}}
  %y = qnn.conv2d %x, %w, %b : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>, tensor<3xi32>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @bias_rank(%x: tensor<1x8x8x3x!qx>, %w: tensor<4x3x3x3x!qw>, %b: tensor<1x4xi32>) {
  // expected-error @+1 {{'qnn.conv2d' op 'bias' must have shape [4] (one value per output channel), got 'tensor<1x4xi32>'}}
  %y = qnn.conv2d %x, %w, %b : (tensor<1x8x8x3x!qx>, tensor<4x3x3x3x!qw>, tensor<1x4xi32>) -> tensor<1x6x6x4x!qy>
  return
}

// -----

// M[o] = s_x * s_w[o] / s_y (rule N8.5) must pass rule N4; channel 3 fails.
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @multiplier(%x: tensor<1x8x8x3x!quant.uniform<i8:f32, 1.0>>, %w: tensor<4x3x3x3x!quant.uniform<i8:f32:0, {1.0, 1.0, 1.0, 100.0}>>) {
  // expected-error @+1 {{'qnn.conv2d' op output multiplier 1.000000e+10 is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %y = qnn.conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8:f32, 1.0>>, tensor<4x3x3x3x!quant.uniform<i8:f32:0, {1.0, 1.0, 1.0, 100.0}>>) -> tensor<1x6x6x4x!quant.uniform<i8:f32, 1.0e-8>>
  return
}

// -----

// dilation * (KH - 1) = 2^31 * 2^33 overflows 64 bits: rejected, not wrapped.
func.func @window_overflow(%x: tensor<1x4x4x1x!quant.uniform<u8:f32, 0.1>>,
                           %w: tensor<1x8589934593x1x1x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.conv2d' op window of height 8589934593 (dilation 2147483648) is out of range (rule N8.2)}}
  %y = qnn.conv2d %x, %w {dilation = array<i64: 2147483648, 1>}
       : (tensor<1x4x4x1x!quant.uniform<u8:f32, 0.1>>, tensor<1x8589934593x1x1x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x4x4x1x!quant.uniform<u8:f32, 0.1>>
  return
}
