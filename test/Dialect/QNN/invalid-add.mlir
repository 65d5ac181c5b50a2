// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.add (rules N1.2, N6.3, N11) and its ODS
// constraints. Every section starts from the valid
//   lhs: 4x!qa, rhs: 4x!qb, y: 4x!qy (per tensor, at most 8 bits)
// and changes one thing.

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @lhs_f32(%a: tensor<4xf32>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %y = qnn.add %a, %b : (tensor<4xf32>, tensor<4x!qb>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @rhs_i8(%a: tensor<4x!qa>, %b: tensor<4xi8>) {
  // expected-error @+1 {{'qnn.add' op operand #1 must be ranked tensor of uniform quantized type values, but got 'tensor<4xi8>'}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4xi8>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @result_f32(%a: tensor<4x!qa>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!qb>) -> tensor<4xf32>
  return
}

// -----

// Rule N11: storage of at most 8 bits (the 20-bit pre-shift would saturate).
!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @lhs_16_bit(%a: tensor<4x!quant.uniform<i16:f32, 0.1>>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'lhs' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i16:f32, 0.1>>, tensor<4x!qb>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @rhs_16_bit(%a: tensor<4x!qa>, %b: tensor<4x!quant.uniform<i16:f32, 0.2>>) {
  // expected-error @+1 {{'qnn.add' op 'rhs' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!quant.uniform<i16:f32, 0.2>>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @output_16_bit(%a: tensor<4x!qa>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'output' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!qb>) -> tensor<4x!quant.uniform<i16:f32, 0.3>>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @lhs_per_axis(%a: tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.1, 0.1, 0.1}>>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'lhs' must be quantized per tensor, got axis 0}}
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.1, 0.1, 0.1}>>, tensor<4x!qb>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @rhs_per_axis(%a: tensor<4x!qa>, %b: tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.1, 0.1, 0.1}>>) {
  // expected-error @+1 {{'qnn.add' op 'rhs' must be quantized per tensor, got axis 0}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.1, 0.1, 0.1}>>) -> tensor<4x!qy>
  return
}

// -----

// The per-tensor result rule (N11) is checked before rule N6.3 ('fused
// activation ... requires a per-tensor quantized result'), which is unreachable
// here.
!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @output_per_axis_relu(%a: tensor<4x!qa>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'output' must be quantized per tensor, got axis 0}}
  %y = qnn.add %a, %b {activation = #qnn.activation<relu>} : (tensor<4x!qa>, tensor<4x!qb>) -> tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.1, 0.1, 0.1}>>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @lhs_expressed(%a: tensor<4x!quant.uniform<i8:f16, 0.1>>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'lhs' must have expressed type f32 (rule N1.2)}}
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f16, 0.1>>, tensor<4x!qb>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @rhs_zero_point(%a: tensor<4x!qa>, %b: tensor<4x!quant.uniform<u8:f32, 0.2:-3>>) {
  // expected-error @+1 {{'qnn.add' op 'rhs' zero point -3 is outside the storage range [0, 255] (rule N1.2)}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!quant.uniform<u8:f32, 0.2:-3>>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @output_scale_subnormal(%a: tensor<4x!qa>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'output' scale 1.000000e-39 is not a normal f32 value (rule N1.2)}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!qb>) -> tensor<4x!quant.uniform<i8:f32, 1.0e-39>>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!nan = !quant.uniform<i8:f32, 0x7FF8000000000000>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @rhs_scale_nan(%a: tensor<4x!qa>, %b: tensor<4x!nan>) {
  // expected-error @+1 {{'qnn.add' op 'rhs' scale must be positive and finite (rule N1.2), got nan}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!nan>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @lhs_rhs_shapes(%a: tensor<4x!qa>, %b: tensor<1x4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'lhs', 'rhs' and the result must have the same shape (no broadcasting, rule N11), got 'tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>', 'tensor<1x4x!quant.uniform<i8:f32, 2.000000e-01:3>>' and 'tensor<4x!quant.uniform<i8:f32, 3.000000e-01:-1>>'}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<1x4x!qb>) -> tensor<4x!qy>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @result_shape(%a: tensor<4x!qa>, %b: tensor<4x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'lhs', 'rhs' and the result must have the same shape (no broadcasting, rule N11)}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<4x!qb>) -> tensor<8x!qy>
  return
}

// -----

// A dynamic size does not match a static one.
!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:3>
!qy = !quant.uniform<i8:f32, 0.3:-1>
func.func @dynamic_vs_static(%a: tensor<4x!qa>, %b: tensor<?x!qb>) {
  // expected-error @+1 {{'qnn.add' op 'lhs', 'rhs' and the result must have the same shape (no broadcasting, rule N11)}}
  %y = qnn.add %a, %b : (tensor<4x!qa>, tensor<?x!qb>) -> tensor<4x!qy>
  return
}

// -----

// Rule N11.1: My = 2 * max(sa, sb) / (2^20 * sy) = 2 / (2^20 * 1e-20) is far
// beyond what a 31-bit multiplier and shift can hold (rule N4).
func.func @add_multiplier_too_large(%a: tensor<4x!quant.uniform<i8:f32, 1.0>>,
                                    %b: tensor<4x!quant.uniform<i8:f32, 1.0>>) {
  // expected-error @+1 {{'qnn.add' op output rescaling multiplier 1.907349e+14 is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 1.0>>, tensor<4x!quant.uniform<i8:f32, 1.0>>)
                     -> tensor<4x!quant.uniform<i8:f32, 1.0e-20>>
  return
}
