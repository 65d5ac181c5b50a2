// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Rule N4 rejects a multiplier whose shift exceeds 30 after the m == 2^31
// correction: M = 2^30 - 2^-3 has frexp exponent 30, but its mantissa
// rounds to 2^31, so the corrected shift is 31.

// M = 1073741823.875 / 1.0 = 2^30 - 2^-3.
func.func @multiplier_rounds_up(%q: tensor<4x!quant.uniform<i32:f32, 1073741823.875>>) {
  // expected-error @+1 {{is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i32:f32, 1073741823.875>> -> tensor<4x!quant.uniform<i32:f32, 1.0>>
  return
}

// -----

// The same through conv2d: M = (1.0 * 1073741823.875) / 1.0.
func.func @conv2d_multiplier_rounds_up(%x: tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0>>,
                                       %w: tensor<1x1x1x1x!quant.uniform<i8:f32, 1073741823.875>>) {
  // expected-error @+1 {{is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %y = qnn.conv2d %x, %w : (tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0>>, tensor<1x1x1x1x!quant.uniform<i8:f32, 1073741823.875>>)
       -> tensor<1x1x1x1x!quant.uniform<i8:f32, 1.0>>
  return
}
