// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.concat (rules N1.2, N4, N15) and its ODS
// constraints. Every section starts from the valid
//   a: 2x3x!qa, b: 2x5x!qb, axis 1, y: 2x8x!qb
// and changes one thing.

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @input_f32(%a: tensor<2x3x!qa>, %b: tensor<2x5xf32>) {
  // expected-error @+1 {{'qnn.concat' op operand #1 must be variadic of ranked tensor of uniform quantized type values, but got 'tensor<2x5xf32>'}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5xf32>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @result_i8(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op result #0 must be ranked tensor of uniform quantized type values, but got 'tensor<2x8xi8>'}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x8xi8>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @axis_missing(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op requires attribute 'axis'}}
  %y = qnn.concat %a, %b : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @no_inputs() {
  // expected-error @+1 {{'qnn.concat' op needs at least one input}}
  %y = qnn.concat {axis = 0 : i64} : () -> tensor<2x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @output_per_axis(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'output' must be quantized per tensor, got axis 0}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x8x!quant.uniform<i8:f32:0, {0.2:1, 0.2:1}>>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @output_expressed(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'output' must have expressed type f32 (rule N1.2)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x8x!quant.uniform<i8:f16, 0.2:1>>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @output_zero_point(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'output' zero point 128 is outside the storage range [-128, 127] (rule N1.2)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x8x!quant.uniform<i8:f32, 0.2:128>>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @axis_too_large(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'axis' 2 is out of range for rank 2}}
  %y = qnn.concat %a, %b {axis = 2 : i64} : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

// Negative axes are not accepted (no Python-style wrap-around).
!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @axis_negative(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'axis' -1 is out of range for rank 2}}
  %y = qnn.concat %a, %b {axis = -1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @input_per_axis(%a: tensor<2x3x!qa>, %b: tensor<2x5x!quant.uniform<i8:f32:0, {0.2:1, 0.2:1}>>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[1]' must be quantized per tensor, got axis 0}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!quant.uniform<i8:f32:0, {0.2:1, 0.2:1}>>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @input_scale_subnormal(%a: tensor<2x3x!quant.uniform<i8:f32, 1.0e-39>>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[0]' scale 1.000000e-39 is not a normal f32 value (rule N1.2)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!quant.uniform<i8:f32, 1.0e-39>>, tensor<2x5x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @input_zero_point(%a: tensor<2x3x!qa>, %b: tensor<2x5x!quant.uniform<i8:f32, 0.2:-200>>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[1]' zero point -200 is outside the storage range [-128, 127] (rule N1.2)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!quant.uniform<i8:f32, 0.2:-200>>) -> tensor<2x8x!qb>
  return
}

// -----

// All operands have the storage type of the result (rule N15).
!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @storage_signedness(%a: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[0]' storage type differs from the result's (rule N15)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x5x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @storage_width(%a: tensor<2x3x!qa>, %b: tensor<2x5x!quant.uniform<i16:f32, 0.2:1>>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[1]' storage type differs from the result's (rule N15)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!quant.uniform<i16:f32, 0.2:1>>) -> tensor<2x8x!qb>
  return
}

// -----

// A narrow range is a different storage type.
!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @storage_narrow_range(%a: tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.1>>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[0]' storage type differs from the result's (rule N15)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.1>>, tensor<2x5x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @rank(%a: tensor<2x3x!qa>, %b: tensor<2x5x1x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[1]' has rank 3 but the result has rank 2}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x1x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @dimension(%a: tensor<2x3x!qa>, %b: tensor<3x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op 'inputs[1]' dimension 0 is 3 but the result's is 2}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<3x5x!qb>) -> tensor<2x8x!qb>
  return
}

// -----

!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @axis_sum(%a: tensor<2x3x!qa>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op result dimension 1 is 9 but the inputs add up to 8}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!qa>, tensor<2x5x!qb>) -> tensor<2x9x!qb>
  return
}

// -----

// An operand with another scale is requantized (rule N15 -> N7 -> N4).
!qa = !quant.uniform<i8:f32, 0.1>
!qb = !quant.uniform<i8:f32, 0.2:1>
func.func @multiplier(%a: tensor<2x3x!quant.uniform<i8:f32, 100.0>>, %b: tensor<2x5x!qb>) {
  // expected-error @+1 {{'qnn.concat' op requantization multiplier 1.000000e+10 is too large for a 31-bit fixed-point multiplier and shift (rule N4)}}
  %y = qnn.concat %a, %b {axis = 1 : i64} : (tensor<2x3x!quant.uniform<i8:f32, 100.0>>, tensor<2x5x!qb>) -> tensor<2x8x!quant.uniform<i8:f32, 1.0e-8:1>>
  return
}
