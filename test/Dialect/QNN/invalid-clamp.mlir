// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.clamp (rules N1.2, N14) and its ODS constraints.

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_f32(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.clamp' op operand #0 must be ranked tensor of uniform quantized type values, but got 'tensor<4xf32>'}}
  %y = qnn.clamp %x {min = 0 : i64, max = 1 : i64} : tensor<4xf32> -> tensor<4xf32>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @result_type_differs(%x: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.clamp' op requires the same type for all operands and results}}
  %y = qnn.clamp %x {min = 0 : i64, max = 1 : i64} : tensor<4x!q> -> tensor<4x!quant.uniform<i8:f32, 0.2>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @min_missing(%x: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.clamp' op requires attribute 'min'}}
  %y = qnn.clamp %x {max = 1 : i64} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @max_not_i64(%x: tensor<4x!q>) {
  // expected-error @+1 {{attribute 'max' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = qnn.clamp %x {min = 0 : i64, max = 1 : i32} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @min_above_max(%x: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.clamp' op 'min' 5 is greater than 'max' 3 (rule N14)}}
  %y = qnn.clamp %x {min = 5 : i64, max = 3 : i64} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @min_below_storage(%x: tensor<4x!q>) {
  // expected-error @+1 {{'qnn.clamp' op bounds [-129, 3] exceed the storage range [-128, 127] (rule N14)}}
  %y = qnn.clamp %x {min = -129 : i64, max = 3 : i64} : tensor<4x!q> -> tensor<4x!q>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @max_above_storage(%x: tensor<4x!quant.uniform<u8:f32, 0.1:128>>) {
  // expected-error @+1 {{'qnn.clamp' op bounds [0, 256] exceed the storage range [0, 255] (rule N14)}}
  %y = qnn.clamp %x {min = 0 : i64, max = 256 : i64} : tensor<4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<4x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// -----

// The storage range of a narrow type is its declared range.
!q = !quant.uniform<i8:f32, 0.1>
func.func @narrow_range(%x: tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.clamp' op bounds [-128, 0] exceed the storage range [-127, 127] (rule N14)}}
  %y = qnn.clamp %x {min = -128 : i64, max = 0 : i64} : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1>> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @i4(%x: tensor<4x!quant.uniform<i4:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.clamp' op bounds [-8, 8] exceed the storage range [-8, 7] (rule N14)}}
  %y = qnn.clamp %x {min = -8 : i64, max = 8 : i64} : tensor<4x!quant.uniform<i4:f32, 0.1>> -> tensor<4x!quant.uniform<i4:f32, 0.1>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_expressed(%x: tensor<4x!quant.uniform<i8:f16, 0.1>>) {
  // expected-error @+1 {{'qnn.clamp' op 'input' must have expressed type f32 (rule N1.2)}}
  %y = qnn.clamp %x {min = 0 : i64, max = 1 : i64} : tensor<4x!quant.uniform<i8:f16, 0.1>> -> tensor<4x!quant.uniform<i8:f16, 0.1>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_zero_point(%x: tensor<4x!quant.uniform<u8:f32, 0.1:256>>) {
  // expected-error @+1 {{'qnn.clamp' op 'input' zero point 256 is outside the storage range [0, 255] (rule N1.2)}}
  %y = qnn.clamp %x {min = 0 : i64, max = 1 : i64} : tensor<4x!quant.uniform<u8:f32, 0.1:256>> -> tensor<4x!quant.uniform<u8:f32, 0.1:256>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_axis_out_of_range(%x: tensor<4x!quant.uniform<i8:f32:1, {0.1}>>) {
  // expected-error @+1 {{'qnn.clamp' op 'input' quantization axis 1 is out of range for rank 1 (rule N1.3)}}
  %y = qnn.clamp %x {min = 0 : i64, max = 1 : i64} : tensor<4x!quant.uniform<i8:f32:1, {0.1}>> -> tensor<4x!quant.uniform<i8:f32:1, {0.1}>>
  return
}

// -----

!q = !quant.uniform<i8:f32, 0.1>
func.func @input_scale_count(%x: tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.2}>>) {
  // expected-error @+1 {{'qnn.clamp' op 'input' has 2 scales but dimension 0 has size 4 (rule N1.3)}}
  %y = qnn.clamp %x {min = 0 : i64, max = 1 : i64} : tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.2}>> -> tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.2}>>
  return
}
