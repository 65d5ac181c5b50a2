// RUN: rm -f %t.o
// RUN: not qnn-compile %s -o %t.o 2>&1 | FileCheck %s
// RUN: not test -e %t.o

// A qnn op over dynamic shapes inside a function with a static signature is
// diagnosed by the lowering, on the op.
// CHECK: dynamic-shape-op.mlir:[[# @LINE + 4]]:8: error: 'qnn.quantize' op operand #0 has type 'tensor<?x3xf32>'; the reference lowering needs static shapes
// CHECK: qnn-compile: error: lowering '{{.*}}dynamic-shape-op.mlir' failed
func.func @dynamic(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>> {
  %d = tensor.cast %x : tensor<2x3xf32> to tensor<?x3xf32>
  %q = qnn.quantize %d : tensor<?x3xf32> -> tensor<?x3x!quant.uniform<i8:f32, 0.05:-3>>
  %s = tensor.cast %q : tensor<?x3x!quant.uniform<i8:f32, 0.05:-3>> to tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
  return %s : tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
}
