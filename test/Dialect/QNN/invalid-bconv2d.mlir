// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.bconv2d (rules N1.5, N8.1, N8.2, N19) and its ODS
// constraints. Every section starts from the valid
//   x: 1x8x8x70x!bx, w: 2x3x3x70x!bw (OHWI), y: 1x6x6x2xf32, bias: 2xf32
// and changes one thing.

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_quantized(%x: tensor<1x8x8x70x!quant.uniform<i8:f32, 0.1>>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op operand #0 must be ranked tensor of 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<1x8x8x70x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!quant.uniform<i8:f32, 0.1>>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_f32(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70xf32>) {
  // expected-error @+1 {{'qnn.bconv2d' op operand #1 must be ranked tensor of 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<2x3x3x70xf32>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70xf32>) -> tensor<1x6x6x2xf32>
  return
}

// -----

// The bias of a binary layer is f32 (rule N19.2).
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @bias_i32(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>, %b: tensor<2xi32>) {
  // expected-error @+1 {{'qnn.bconv2d' op operand #2 must be ranked tensor of 32-bit float values, but got 'tensor<2xi32>'}}
  %y = qnn.bconv2d %x, %w, %b : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>, tensor<2xi32>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @pad_value_not_i64(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{attribute 'pad_value' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = qnn.bconv2d %x, %w {pad_value = 1 : i32} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_rank(%x: tensor<8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'input' must have rank 4, got 'tensor<8x8x70x!qnn.binary<f32, 1.000000e+00>>'}}
  %y = qnn.bconv2d %x, %w : (tensor<8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_rank(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x9x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'weight' must have rank 4, got 'tensor<2x9x70x!qnn.binary<f32, 5.000000e-01>>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x9x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @output_rank(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' must have rank 4, got 'tensor<36x2xf32>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<36x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_dynamic(%x: tensor<1x8x?x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op operand #0 must have a static shape, got 'tensor<1x8x?x70x!qnn.binary<f32, 1.000000e+00>>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x?x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @bias_dynamic(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>, %b: tensor<?xf32>) {
  // expected-error @+1 {{'qnn.bconv2d' op operand #2 must have a static shape, got 'tensor<?xf32>'}}
  %y = qnn.bconv2d %x, %w, %b : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>, tensor<?xf32>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @output_dynamic(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op result #0 must have a static shape, got 'tensor<1x6x6x?xf32>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x?xf32>
  return
}

// -----

// The input has one alpha (rule N19).
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @input_per_axis(%x: tensor<1x8x8x70x!qnn.binary<f32:0, {1.0}>>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'input' must be binarized per tensor, got axis 0}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!qnn.binary<f32:0, {1.0}>>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

// Weight alphas are per tensor or per filter (axis 0).
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_axis_3(%x: tensor<1x8x8x2x!bx>, %w: tensor<2x3x3x2x!qnn.binary<f32:3, {1.0, 2.0}>>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'weight' may only carry alphas per axis 0, got axis 3}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x2x!bx>, tensor<2x3x3x2x!qnn.binary<f32:3, {1.0, 2.0}>>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @weight_alpha_count(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!qnn.binary<f32:0, {1.0, 2.0, 3.0}>>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'weight' has 3 alphas but dimension 0 has size 2 (rule N1.5)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!qnn.binary<f32:0, {1.0, 2.0, 3.0}>>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_integer(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op result must be f32, uniform quantized or binary (rule N19.3), got 'tensor<1x6x6x2xi32>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xi32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_f16(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op result must be f32, uniform quantized or binary (rule N19.3), got 'tensor<1x6x6x2xf16>'}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf16>
  return
}

// -----

// A binary result is per tensor or per output channel (axis 3).
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_binary_axis_0(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' may only carry alphas per axis 3, got axis 0}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2x!qnn.binary<f32:0, {1.0}>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_binary_alpha_count(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' has 3 alphas but dimension 3 has size 2 (rule N1.5)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2x!qnn.binary<f32:3, {1.0, 2.0, 3.0}>>
  return
}

// -----

// A quantized result is per tensor with at most 8 bits (rule N19.3).
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_per_axis(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' must be quantized per tensor, got axis 3}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2x!quant.uniform<i8:f32:3, {0.1, 0.2}>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_16_bit(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2x!quant.uniform<i16:f32, 0.1>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_expressed(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' must have expressed type f32 (rule N1.2)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2x!quant.uniform<i8:f16, 0.1>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_zero_point(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' zero point -5 is outside the storage range [0, 255] (rule N1.2)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2x!quant.uniform<u8:f32, 0.1:-5>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_quantized_scale(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'output' scale 1.000000e-40 is not a normal f32 value (rule N1.2)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2x!quant.uniform<i8:f32, 1.0e-40>>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @stride_size(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'stride' must have 2 values, got 3}}
  %y = qnn.bconv2d %x, %w {stride = array<i64: 1, 1, 1>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @dilation_size(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'dilation' must have 2 values, got 1}}
  %y = qnn.bconv2d %x, %w {dilation = array<i64: 2>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @pad_size(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'pad' must have 4 values [top, bottom, left, right], got 6}}
  %y = qnn.bconv2d %x, %w {pad = array<i64: 1, 1, 1, 1, 1, 1>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @stride_zero(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'stride' values must be >= 1, got 0 (rule N8.1)}}
  %y = qnn.bconv2d %x, %w {stride = array<i64: 0, 0>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @dilation_negative(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'dilation' values must be >= 1, got -3 (rule N8.1)}}
  %y = qnn.bconv2d %x, %w {dilation = array<i64: 1, -3>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @pad_negative(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'pad' values must be >= 0, got -1 (rule N8.1)}}
  %y = qnn.bconv2d %x, %w {pad = array<i64: 0, 0, 0, -1>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @pad_value_2(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'pad_value' must be 0 (zero padding) or 1 (padding with +1), got 2 (rule N19.1)}}
  %y = qnn.bconv2d %x, %w {pad_value = 2 : i64} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

// The full message with the signed value: invalid-bconv2d-pad-value-message.mlir.
!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @pad_value_negative(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'pad_value' must be 0 (zero padding) or 1 (padding with +1), got}}
  %y = qnn.bconv2d %x, %w {pad_value = -1 : i64} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @channels(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x64x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'weight' dimension 3 is 64 but 'input' has 70 channels (rule N8.2)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x64x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @batch(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op result batch 4 differs from input batch 1}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<4x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @filters(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op result has 3 channels but the weights give 2 (rule N8.2)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x3xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @window_height(%x: tensor<1x2x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op window of height 3 (dilation 1) does not fit the padded input height 2 (rule N8.2)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x2x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @window_width(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op window of width 3 (dilation 5) does not fit the padded input width 8 (rule N8.2)}}
  %y = qnn.bconv2d %x, %w {dilation = array<i64: 1, 5>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_height(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op result height is 8 but the input, window, stride, pad and dilation give 6 (rule N8.2)}}
  %y = qnn.bconv2d %x, %w : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x8x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @result_width(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>) {
  // expected-error @+1 {{'qnn.bconv2d' op result width is 6 but the input, window, stride, pad and dilation give 8 (rule N8.2)}}
  %y = qnn.bconv2d %x, %w {pad = array<i64: 0, 0, 1, 1>} : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @bias_size(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>, %b: tensor<70xf32>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'bias' must have shape [2] (one value per output channel), got 'tensor<70xf32>'}}
  %y = qnn.bconv2d %x, %w, %b : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>, tensor<70xf32>) -> tensor<1x6x6x2xf32>
  return
}

// -----

!bx = !qnn.binary<f32, 1.0>
!bw = !qnn.binary<f32, 0.5>
func.func @bias_rank(%x: tensor<1x8x8x70x!bx>, %w: tensor<2x3x3x70x!bw>, %b: tensor<1x2xf32>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'bias' must have shape [2] (one value per output channel), got 'tensor<1x2xf32>'}}
  %y = qnn.bconv2d %x, %w, %b : (tensor<1x8x8x70x!bx>, tensor<2x3x3x70x!bw>, tensor<1x2xf32>) -> tensor<1x6x6x2xf32>
  return
}
