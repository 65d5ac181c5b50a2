// RUN: rm -f %t.so %t.o
// RUN: not qnn-compile %s -o %t.so 2>&1 | FileCheck %s
// RUN: not test -e %t.so
// RUN: not ls %t.so-*.tmp

// Public functions must keep to the types docs/abi.md gives a C layout:
// qnn-compile names each function, argument and type it refuses, and writes
// nothing.
// CHECK-DAG: error: function @dynamic argument #0 has type 'tensor<?x!quant.uniform<i8:f32, 1.000000e+00>>', which has no C ABI
// CHECK-DAG: error: function @dynamic result #0 has type 'tensor<?x!quant.uniform<i8:f32, 1.000000e+00>>', which has no C ABI
// CHECK-DAG: error: function @sub_byte argument #0 has type 'tensor<4xi4>', which has no C ABI
// CHECK-DAG: error: function @sub_byte result #0 has type 'tensor<4xi4>', which has no C ABI
// CHECK-DAG: error: function @buffer argument #0 has type 'memref<4xf32>', which has no C ABI
// CHECK-DAG: error: function @unranked argument #0 has type 'tensor<*xf32>', which has no C ABI
func.func @dynamic(%a: tensor<?x!quant.uniform<i8:f32, 1.0>>) -> tensor<?x!quant.uniform<i8:f32, 1.0>> {
  return %a : tensor<?x!quant.uniform<i8:f32, 1.0>>
}
func.func @sub_byte(%a: tensor<4xi4>) -> tensor<4xi4> {
  return %a : tensor<4xi4>
}
func.func @buffer(%a: memref<4xf32>) {
  return
}
func.func @unranked(%a: tensor<*xf32>) {
  return
}
// Private functions are not exported, so their signatures are free.
func.func private @helper(%a: tensor<?xf32>) -> tensor<?xf32> {
  return %a : tensor<?xf32>
}

// Binary values exist only packed in tensors; empty tensors and calibrated
// quantized types have no C layout; a scalar result cannot share the return
// with other results.
// CHECK-DAG: error: function @binary_scalar argument #0 has type '!qnn.binary<f32, 1.000000e+00>', which has no C ABI
// CHECK-DAG: error: function @empty argument #0 has type 'tensor<2x0xf32>', which has no C ABI
// CHECK-DAG: error: function @calibrated argument #0 has type 'tensor<4x!quant.calibrated<f32<-1.000000e+00:1.000000e+00>>>', which has no C ABI
// CHECK-DAG: error: function @mixed mixes a scalar result with other results
func.func @binary_scalar(%a: !qnn.binary<f32, 1.0>) {
  return
}
func.func @empty(%a: tensor<2x0xf32>) {
  return
}
func.func @calibrated(%a: tensor<4x!quant.calibrated<f32<-1.0:1.0>>>) {
  return
}
func.func @mixed(%a: tensor<4xf32>, %s: f32) -> (tensor<4xf32>, f32) {
  return %a, %s : tensor<4xf32>, f32
}

// CHECK: qnn-compile: error: '{{.*}}unsupported-signature.mlir' has functions outside the C ABI
