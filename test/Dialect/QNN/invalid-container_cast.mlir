// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.container_cast (rule N1.4): exactly one side is
// quantized and the other is its container tensor, same shape.

func.func @storage_type_not_container(%x: tensor<4x!quant.uniform<u4:f32, 0.5>>) {
  // expected-error @+1 {{the container side of 'tensor<4x!quant.uniform<u4:f32, 5.000000e-01>>' must be 'tensor<4xi8>' (rule N1.4), got 'tensor<4xi4>'}}
  %c = qnn.container_cast %x : tensor<4x!quant.uniform<u4:f32, 0.5>> to tensor<4xi4>
  return
}

// -----

func.func @shape_mismatch(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{the container side of 'tensor<4x!quant.uniform<i8:f32, 5.000000e-01>>' must be 'tensor<4xi8>' (rule N1.4), got 'tensor<2x2xi8>'}}
  %c = qnn.container_cast %x : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<2x2xi8>
  return
}

// -----

func.func @both_plain(%x: tensor<4xi8>) {
  // expected-error @+1 {{exactly one of the input 'tensor<4xi8>' and the result 'tensor<4xi8>' must have a uniform quantized or codebook element type}}
  %c = qnn.container_cast %x : tensor<4xi8> to tensor<4xi8>
  return
}

// -----

func.func @both_quantized(%x: tensor<4x!quant.uniform<i8:f32, 0.5>>) {
  // expected-error @+1 {{exactly one of the input}}
  %c = qnn.container_cast %x : tensor<4x!quant.uniform<i8:f32, 0.5>> to tensor<4x!quant.uniform<i8:f32, 0.25>>
  return
}

// -----

func.func @wide_container(%x: tensor<4x!quant.uniform<i16:f32, 0.5>>) {
  // expected-error @+1 {{must be 'tensor<4xi16>' (rule N1.4), got 'tensor<4xi32>'}}
  %c = qnn.container_cast %x : tensor<4x!quant.uniform<i16:f32, 0.5>> to tensor<4xi32>
  return
}
