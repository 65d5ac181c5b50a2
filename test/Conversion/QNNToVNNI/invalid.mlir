// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni -verify-diagnostics

// A kernel choice the pass does not know is an error, not a silent fallback.
func.func @unknown_kind(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x4xi8>
  %w = quant.scast %c : tensor<3x4xi8> to tensor<3x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{'qnn.fully_connected' op unknown kernel in 'qnn.kernel'}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "avx9000"}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}

// -----

// A hand-written choice the operands do not support (weights given at run
// time) is reported on the op.
func.func @runtime_weights(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  // expected-error @+1 {{'qnn.fully_connected' op cannot apply the vnni512 kernel chosen in 'qnn.kernel'}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}
