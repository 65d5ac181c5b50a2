// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.depthwise_conv2d (rules N1.2, N1.3, N4, N8.1-N8.3,
// N9) and its ODS constraints. Every section starts from the valid
//   x: 1x8x8x3, w: 3x3x3x2 ([KH, KW, C, M]), y: 1x6x6x6 (C * M), bias: 6xi32
// and changes one thing.

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_f32(%x: tensor<1x8x8x3xf32>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<1x8x8x3xf32>'}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3xf32>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @bias_i8(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>, %b: tensor<6xi8>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op operand #2 must be ranked tensor of 32-bit signless integer values, but got 'tensor<6xi8>'}}
  %y = qnn.depthwise_conv2d %x, %w, %b : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>, tensor<6xi8>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @result_f32(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<1x6x6x6xf32>'}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6xf32>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_rank(%x: tensor<8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'input' must have rank 4, got 'tensor<8x8x3x!quant.uniform<i8:f32, 5.000000e-02>>'}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_rank(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x6x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' must have rank 4, got 'tensor<3x3x6x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x6x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_rank(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'output' must have rank 4, got 'tensor<1x6x6x3x2x!quant.uniform<i8:f32, 2.000000e-01>>'}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x3x2x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_dynamic(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x?x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op operand #1 must have a static shape, got 'tensor<3x3x3x?x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x?x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_dynamic(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op result #0 must have a static shape, got 'tensor<?x6x6x6x!quant.uniform<i8:f32, 2.000000e-01>>'}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<?x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_per_axis(%x: tensor<1x8x8x3x!quant.uniform<i8:f32:0, {0.1}>>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'input' must be quantized per tensor, got axis 0}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8:f32:0, {0.1}>>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_16_bit(%x: tensor<1x8x8x3x!quant.uniform<i16:f32, 0.05>>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'input' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i16:f32, 0.05>>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_16_bit(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!quant.uniform<i16:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!quant.uniform<i16:f32, 0.1>>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_32_bit(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'output' storage width 32 exceeds 16 bits; a wider result is the accumulator itself and needs every multiplier s_x * s_w / s_y to be exactly 1}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!quant.uniform<i32:f32, 0.2>>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_expressed(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!quant.uniform<i8:bf16, 0.1>>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' must have expressed type f32 (rule N1.2)}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!quant.uniform<i8:bf16, 0.1>>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_zero_point(%x: tensor<1x8x8x3x!quant.uniform<i8<-127:127>:f32, 0.05:-128>>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'input' zero point -128 is outside the storage range [-127, 127] (rule N1.2)}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<i8<-127:127>:f32, 0.05:-128>>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_scale_subnormal(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!quant.uniform<i8:f32:2, {0.1, 1.0e-40, 0.1}>>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' scale 1.000000e-40 is not a normal f32 value (rule N1.2)}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!quant.uniform<i8:f32:2, {0.1, 1.0e-40, 0.1}>>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

// Per-axis depthwise weights are per input channel: axis 2 (rule N9).
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_axis_0(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' may only be quantized per axis 2, got axis 0}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_axis_3(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!quant.uniform<i8:f32:3, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' may only be quantized per axis 2, got axis 3}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!quant.uniform<i8:f32:3, {0.1, 0.2}>>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

// One scale per input channel, not per output channel.
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @weight_scale_count(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!quant.uniform<i8:f32:2, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}>>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' has 6 scales but dimension 2 has size 3 (rule N1.3)}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!quant.uniform<i8:f32:2, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}>>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

// The per-tensor result rule is checked before rule N6.3 ('fused activation
// ... requires a per-tensor quantized result'), which is unreachable here.
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_per_axis(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'output' must be quantized per tensor, got axis 3}}
  %y = qnn.depthwise_conv2d %x, %w {activation = #qnn.activation<relu6>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!quant.uniform<i8:f32:3, {0.1, 0.1, 0.1, 0.1, 0.1, 0.1}>>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @stride_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'stride' must have 2 values, got 3}}
  %y = qnn.depthwise_conv2d %x, %w {stride = array<i64: 1, 1, 1>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @dilation_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'dilation' must have 2 values, got 0}}
  %y = qnn.depthwise_conv2d %x, %w {dilation = array<i64>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @pad_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'pad' must have 4 values [top, bottom, left, right], got 3}}
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 0, 0, 0>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @stride_negative(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'stride' values must be >= 1, got -1 (rule N8.1)}}
  %y = qnn.depthwise_conv2d %x, %w {stride = array<i64: -1, 1>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @dilation_zero(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'dilation' values must be >= 1, got 0 (rule N8.1)}}
  %y = qnn.depthwise_conv2d %x, %w {dilation = array<i64: 1, 0>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @pad_negative(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'pad' values must be >= 0, got -2 (rule N8.1)}}
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: -2, 0, 0, 0>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @input_channels(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x4x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'weight' dimension 2 is 4 but 'input' has 3 channels (rule N8.2)}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x4x2x!qw>) -> tensor<1x6x6x8x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @batch(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op result batch 3 differs from input batch 1}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<3x6x6x6x!qy>
  return
}

// -----

// The result has C * M channels.
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @output_channels(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op result has 3 channels but the weights give 6 (rule N8.2)}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x3x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @window_height(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op window of height 3 (dilation 5) does not fit the padded input height 8 (rule N8.2)}}
  %y = qnn.depthwise_conv2d %x, %w {dilation = array<i64: 5, 1>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @window_width(%x: tensor<1x8x1x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op window of width 3 (dilation 1) does not fit the padded input width 2 (rule N8.2)}}
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 0, 0, 1, 0>} : (tensor<1x8x1x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @result_height(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op result height is 6 but the input, window, stride, pad and dilation give 8 (rule N8.2)}}
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 0, 0>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @result_width(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op result width is 6 but the input, window, stride, pad and dilation give 2 (rule N8.2)}}
  %y = qnn.depthwise_conv2d %x, %w {stride = array<i64: 1, 3>} : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

// The bias has C * M values.
!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @bias_size(%x: tensor<1x8x8x3x!qx>, %w: tensor<3x3x3x2x!qw>, %b: tensor<3xi32>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op 'bias' must have shape [6] (one value per output channel), got 'tensor<3xi32>'}}
  %y = qnn.depthwise_conv2d %x, %w, %b : (tensor<1x8x8x3x!qx>, tensor<3x3x3x2x!qw>, tensor<3xi32>) -> tensor<1x6x6x6x!qy>
  return
}

// -----

!qx = !quant.uniform<i8:f32, 0.05>
!qw = !quant.uniform<i8:f32, 0.1>
!qy = !quant.uniform<i8:f32, 0.2>
func.func @multiplier(%x: tensor<1x8x8x3x!quant.uniform<u8:f32, 4.0:128>>, %w: tensor<3x3x3x2x!qw>) {
  // expected-error @+1 {{'qnn.depthwise_conv2d' op output multiplier 4.000000e+09 is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x8x8x3x!quant.uniform<u8:f32, 4.0:128>>, tensor<3x3x3x2x!qw>) -> tensor<1x6x6x6x!quant.uniform<i8:f32, 1.0e-10>>
  return
}
