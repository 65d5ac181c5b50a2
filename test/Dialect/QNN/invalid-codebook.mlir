// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of !qnn.codebook and qnn.decode (rule N23).

// expected-error @+1 {{codebook index width must be 1 to 8 bits, got 9}}
func.func @bits(%c: tensor<4x!qnn.codebook<9, !quant.uniform<i8:f32, 0.5>, {1, 2}>>)

// -----

// expected-error @+1 {{codebook table has 5 entries; 2-bit indices address at most 4}}
func.func @too_many_entries(%c: tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, {1, 2, 3, 4, 5}>>)

// -----

// expected-error @+1 {{codebook values must have a uniform quantized type, got 'f32'}}
func.func @not_quantized(%c: tensor<4x!qnn.codebook<2, f32, {1, 2}>>)

// -----

// expected-error @+1 {{codebook values must have storage of at most 8 bits (they decode to int8 kernels), got 16}}
func.func @wide(%c: tensor<4x!qnn.codebook<2, !quant.uniform<i16:f32, 0.5>, {1, 2}>>)

// -----

// expected-error @+1 {{codebook entry 128 (table 0, entry 1) is outside the storage range [-127, 127]}}
func.func @entry_range(%c: tensor<4x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32, 0.5>, {1, 128}>>)

// -----

// expected-error @+1 {{codebook table 1 has 2 entries, table 0 has 3}}
func.func @ragged(%c: tensor<2x4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 0:{{1, 2, 3}, {1, 2}}>>)

// -----

// expected-error @+1 {{codebook axis 1 differs from its values' quantization axis 0}}
func.func @axis_mismatch(%c: tensor<2x2x!qnn.codebook<2, !quant.uniform<i8:f32:0, {0.5, 0.25}>, 1:{{1, 2}, {3, 4}}>>)

// -----

// expected-error @+1 {{codebook has 3 tables but its values have 2 scales}}
func.func @table_count(%c: tensor<2x2x!qnn.codebook<2, !quant.uniform<i8:f32:0, {0.5, 0.25}>, 0:{{1, 2}, {3, 4}, {5, 6}}>>)

// -----

// expected-error @+1 {{codebook type axis must be >= 0, got -1}}
func.func @negative_axis(%c: tensor<2x2x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, -1:{{1, 2}}>>)

// -----

func.func @decode_result_type(%c: tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, {1, 2}>>) {
  // expected-error @+1 {{result element type must be the codebook's '!quant.uniform<i8:f32, 5.000000e-01>', got '!quant.uniform<i8:f32, 2.500000e-01>'}}
  %w = qnn.decode %c : tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, {1, 2}>> -> tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

func.func @decode_axis_range(%c: tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 1:{{1, 2}}>>) {
  // expected-error @+1 {{codebook axis 1 is out of range for rank 1 (rule N23)}}
  %w = qnn.decode %c : tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 1:{{1, 2}}>> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @decode_tables(%c: tensor<3x2x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 0:{{1, 2}, {3, 4}}>>) {
  // expected-error @+1 {{codebook has 2 tables but dimension 0 has size 3 (rule N23)}}
  %w = qnn.decode %c : tensor<3x2x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 0:{{1, 2}, {3, 4}}>> -> tensor<3x2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @decode_shape(%c: tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, {1, 2}>>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %w = qnn.decode %c : tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, {1, 2}>> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return
}

// -----

func.func @cast_container(%i: tensor<4xi16>) {
  // expected-error @+1 {{the container side of 'tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 5.000000e-01>, {1, 2}>>' must be 'tensor<4xi8>' (rule N1.4), got 'tensor<4xi16>'}}
  %c = qnn.container_cast %i : tensor<4xi16> to tensor<4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, {1, 2}>>
  return
}
