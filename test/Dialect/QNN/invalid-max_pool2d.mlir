// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.max_pool2d (rules N13, N12, N8.1, N8.2) and its ODS
// constraints. Every section starts from the valid
//   x: 1x8x8x4, kernel 2x2, stride 2, y: 1x4x4x4, same element type
// and changes one thing.

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @input_f32(%x: tensor<1x8x8x4xf32>) {
  // expected-error @+1 {{'qnn.max_pool2d' op operand #0 must be ranked tensor of uniform quantized type or 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<1x8x8x4xf32>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @result_i8(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result #0 must be ranked tensor of uniform quantized type or 1-bit bipolar value in {-alpha, +alpha} values, but got 'tensor<1x4x4x4xi8>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4xi8>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @kernel_missing(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op requires attribute 'kernel'}}
  %y = qnn.max_pool2d %x {stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @kernel_not_i64_array(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{attribute 'kernel' failed to satisfy constraint: i64 dense array attribute}}
  %y = qnn.max_pool2d %x {kernel = [2, 2]} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @input_rank(%x: tensor<8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'input' must have rank 4, got 'tensor<8x8x4x!quant.uniform<u8:f32, 1.000000e-01:3>>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @output_rank(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'output' must have rank 4, got 'tensor<4x4x4x!quant.uniform<u8:f32, 1.000000e-01:3>>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @input_dynamic(%x: tensor<1x?x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op operand #0 must have a static shape, got 'tensor<1x?x8x4x!quant.uniform<u8:f32, 1.000000e-01:3>>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x?x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @output_dynamic(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result #0 must have a static shape, got 'tensor<1x4x4x?x!quant.uniform<u8:f32, 1.000000e-01:3>>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x?x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @input_per_axis(%x: tensor<1x8x8x4x!quant.uniform<u8:f32:3, {0.1, 0.1, 0.1, 0.1}>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'input' must be quantized per tensor, got axis 3}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!quant.uniform<u8:f32:3, {0.1, 0.1, 0.1, 0.1}>> -> tensor<1x4x4x4x!quant.uniform<u8:f32:3, {0.1, 0.1, 0.1, 0.1}>>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @input_32_bit(%x: tensor<1x8x8x4x!quant.uniform<i32:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'input' storage width 32 exceeds the 16 bits this op accepts}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!quant.uniform<i32:f32, 0.1>> -> tensor<1x4x4x4x!quant.uniform<i32:f32, 0.1>>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @input_expressed(%x: tensor<1x8x8x4x!quant.uniform<u8:f16, 0.1>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'input' must have expressed type f32 (rule N1.2)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!quant.uniform<u8:f16, 0.1>> -> tensor<1x4x4x4x!quant.uniform<u8:f16, 0.1>>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @input_zero_point(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:-129>>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'input' zero point -129 is outside the storage range [-128, 127] (rule N1.2)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:-129>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.1:-129>>
  return
}

// -----

// Pooling does not requantize: input and result have the same type.
!q = !quant.uniform<u8:f32, 0.1:3>
func.func @result_type_differs(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result element type '!quant.uniform<u8:f32, 2.000000e-01:3>' must equal the input's '!quant.uniform<u8:f32, 1.000000e-01:3>' (rule N12)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.2:3>>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @kernel_size(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'kernel' must have 2 values, got 3}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2, 1>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @kernel_zero(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'kernel' values must be >= 1}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 0>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @stride_size(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'stride' must have 2 values, got 1}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @pad_size(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'pad' must have 4 values [top, bottom, left, right], got 5}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0, 0>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @stride_zero(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'stride' values must be >= 1, got 0 (rule N8.1)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 0, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @pad_negative(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'pad' values must be >= 0, got -1 (rule N8.1)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, -1, 0, 0>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

// Every window must hold an input position: pad < kernel (rule N12).
!q = !quant.uniform<u8:f32, 0.1:3>
func.func @pad_not_below_kernel(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op 'pad' value 2 must be smaller than the kernel size 2 (rule N12)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 3, 2>, stride = array<i64: 2, 2>, pad = array<i64: 1, 1, 0, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @batch(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result batch and channels must equal the input's, got 'tensor<2x4x4x4x!quant.uniform<u8:f32, 1.000000e-01:3>>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<2x4x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @channels(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result batch and channels must equal the input's, got 'tensor<1x4x4x8x!quant.uniform<u8:f32, 1.000000e-01:3>>'}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x8x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @window_height(%x: tensor<1x2x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op window of height 3 (dilation 1) does not fit the padded input height 2 (rule N8.2)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 3, 1>} : tensor<1x2x8x4x!q> -> tensor<1x1x8x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @window_width(%x: tensor<1x8x1x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op window of width 3 (dilation 1) does not fit the padded input width 2 (rule N8.2)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 1, 3>, pad = array<i64: 0, 0, 1, 0>} : tensor<1x8x1x4x!q> -> tensor<1x8x1x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @result_height(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result height is 5 but the input, window, stride, pad and dilation give 4 (rule N8.2)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!q> -> tensor<1x5x4x4x!q>
  return
}

// -----

!q = !quant.uniform<u8:f32, 0.1:3>
func.func @result_width(%x: tensor<1x8x8x4x!q>) {
  // expected-error @+1 {{'qnn.max_pool2d' op result width is 4 but the input, window, stride, pad and dilation give 7 (rule N8.2)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 1>} : tensor<1x8x8x4x!q> -> tensor<1x4x4x4x!q>
  return
}

// -----

// Binary pooling (rule N13.1) keeps the element type, alpha included.
func.func @binary_alpha_changes(%x: tensor<1x8x8x70x!qnn.binary<f32, 1.0>>) {
  // expected-error @+1 {{result element type '!qnn.binary<f32, 5.000000e-01>' must equal the input's '!qnn.binary<f32, 1.000000e+00>' (rule N12)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x70x!qnn.binary<f32, 1.0>> -> tensor<1x4x4x70x!qnn.binary<f32, 0.5>>
  return
}

// -----

// Binary and quantized do not mix.
func.func @binary_to_quantized(%x: tensor<1x8x8x70x!qnn.binary<f32, 1.0>>) {
  // expected-error @+1 {{result element type '!quant.uniform<u8:f32, 1.000000e-01:3>' must equal the input's '!qnn.binary<f32, 1.000000e+00>' (rule N12)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x70x!qnn.binary<f32, 1.0>> -> tensor<1x4x4x70x!quant.uniform<u8:f32, 0.1:3>>
  return
}

// -----

// Binary pooling has the same window rules: pad must be below the kernel.
func.func @binary_pad(%x: tensor<1x8x8x70x!qnn.binary<f32, 1.0>>) {
  // expected-error @+1 {{'pad' value 2 must be smaller than the kernel size 2 (rule N12)}}
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 2, 0, 0, 0>} : tensor<1x8x8x70x!qnn.binary<f32, 1.0>> -> tensor<1x5x4x70x!qnn.binary<f32, 1.0>>
  return
}
