// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.observe (rule N22) and its ODS constraints.
// Negative ids: invalid-observe-negative-id.mlir.

func.func @id_missing(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.observe' op requires attribute 'id'}}
  %y = qnn.observe %x : tensor<4xf32>
  return
}

// -----

func.func @id_not_i64(%x: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'id' failed to satisfy constraint: 64-bit signless integer attribute}}
  %y = qnn.observe %x {id = 3 : i32} : tensor<4xf32>
  return
}

// -----

// Observation points sit on float values (calibration).
func.func @input_quantized(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) {
  // expected-error @+1 {{'qnn.observe' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>'}}
  %y = qnn.observe %x {id = 0 : i64} : tensor<4x!quant.uniform<i8:f32, 0.1>>
  return
}

// -----

func.func @input_f64(%x: tensor<4xf64>) {
  // expected-error @+1 {{'qnn.observe' op operand #0 must be ranked tensor of 32-bit float values, but got 'tensor<4xf64>'}}
  %y = qnn.observe %x {id = 0 : i64} : tensor<4xf64>
  return
}

// -----

// The custom form infers the result type; the generic form can disagree.
func.func @result_type_differs(%x: tensor<4xf32>) {
  // expected-error @+1 {{'qnn.observe' op requires the same type for all operands and results}}
  %y = "qnn.observe"(%x) <{id = 0 : i64}> : (tensor<4xf32>) -> tensor<2x2xf32>
  return
}
