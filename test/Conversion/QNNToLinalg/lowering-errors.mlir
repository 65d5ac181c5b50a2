// RUN: qnn-opt %s --convert-qnn-to-linalg -split-input-file -verify-diagnostics

// Ops that verify but that the reference lowering cannot lower are reported
// on the op, and the pass fails.

// Dynamic shapes: loop bounds, per-channel constants and pooling counts come
// from static shapes.
// expected-error @below {{function @dynamic_quantize result #0 has type 'tensor<?x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>'; the reference lowering needs statically shaped ranked tensors (binary ones of rank >= 1)}}
func.func @dynamic_quantize(%x: tensor<?x3xf32>) -> tensor<?x3x!quant.uniform<i8:f32, 0.05:-3>> {
  // expected-error @below {{'qnn.quantize' op operand #0 has type 'tensor<?x3xf32>'; the reference lowering needs static shapes}}
  // expected-error @below {{'qnn.quantize' op result #0 has type 'tensor<?x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>'; the reference lowering needs static shapes}}
  %q = qnn.quantize %x : tensor<?x3xf32> -> tensor<?x3x!quant.uniform<i8:f32, 0.05:-3>>
  return %q : tensor<?x3x!quant.uniform<i8:f32, 0.05:-3>>
}

// -----

func.func @dynamic_observe(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @below {{'qnn.observe' op operand #0 has type 'tensor<?xf32>'; the reference lowering needs static shapes}}
  // expected-error @below {{'qnn.observe' op result #0 has type 'tensor<?xf32>'; the reference lowering needs static shapes}}
  %y = qnn.observe %x {id = 1 : i64} : tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// Rank-0 reshape is not supported by the collapse/expand lowering.
func.func @reshape_rank0(%x: tensor<!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<1x!quant.uniform<i8:f32, 0.05:-3>> {
  // expected-error @below {{'qnn.reshape' op reshape of rank-0 tensors is not supported by the reference lowering}}
  %y = qnn.reshape %x : tensor<!quant.uniform<i8:f32, 0.05:-3>>
                     -> tensor<1x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x!quant.uniform<i8:f32, 0.05:-3>>
}

// -----

// Rank-0 binary tensors in a signature have no last dimension to pack.
// expected-error @below {{function @binary_rank0 result #0 has type 'tensor<!qnn.binary<f32, 1.000000e+00>>'; the reference lowering needs statically shaped ranked tensors (binary ones of rank >= 1)}}
// expected-error @below {{function @binary_rank0 argument #0 has type 'tensor<!qnn.binary<f32, 1.000000e+00>>'; the reference lowering needs statically shaped ranked tensors (binary ones of rank >= 1)}}
func.func @binary_rank0(%a: tensor<!qnn.binary<f32, 1.0>>) -> tensor<!qnn.binary<f32, 1.0>> {
  return %a : tensor<!qnn.binary<f32, 1.0>>
}

// -----

// 2^32 * 2^32 * 4 elements: byte sizes and indices would overflow.
// expected-error @below {{function @huge result #0 has type 'tensor<4294967296x4294967296x4xf32>' with more than 2^56 elements}}
// expected-error @below {{function @huge argument #0 has type 'tensor<4294967296x4294967296x4xf32>' with more than 2^56 elements}}
func.func @huge(%x: tensor<4294967296x4294967296x4xf32>) -> tensor<4294967296x4294967296x4xf32> {
  // expected-error @below {{'qnn.observe' op operand #0 has type 'tensor<4294967296x4294967296x4xf32>' with more than 2^56 elements}}
  // expected-error @below {{'qnn.observe' op result #0 has type 'tensor<4294967296x4294967296x4xf32>' with more than 2^56 elements}}
  %y = qnn.observe %x {id = 0 : i64} : tensor<4294967296x4294967296x4xf32>
  return %y : tensor<4294967296x4294967296x4xf32>
}

// -----

// Upstream quant casts on dynamic shapes are diagnosed like qnn ops.
func.func @dynamic_qcast(%x: tensor<2xf32>) -> tensor<2x!quant.uniform<i8:f32, 0.5>> {
  %d = tensor.cast %x : tensor<2xf32> to tensor<?xf32>
  // expected-error @below {{'quant.qcast' op operand #0 has type 'tensor<?xf32>'; the reference lowering needs static shapes}}
  // expected-error @below {{'quant.qcast' op result #0 has type 'tensor<?x!quant.uniform<i8:f32, 5.000000e-01>>'; the reference lowering needs static shapes}}
  %q = quant.qcast %d : tensor<?xf32> to tensor<?x!quant.uniform<i8:f32, 0.5>>
  %s = tensor.cast %q : tensor<?x!quant.uniform<i8:f32, 0.5>> to tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %s : tensor<2x!quant.uniform<i8:f32, 0.5>>
}
