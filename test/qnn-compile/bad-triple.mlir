// RUN: rm -f %t.o %t.s
// RUN: not qnn-compile %s --mtriple=nonexistent-unknown-nowhere -o %t.o 2>&1 | FileCheck %s
// RUN: not test -e %t.o
// RUN: not qnn-compile %s --mtriple=nonexistent-unknown-nowhere --emit=asm -o %t.s 2>&1 | FileCheck %s
// RUN: not test -e %t.s

// An unknown triple is reported by name and leaves no output behind.
// CHECK: qnn-compile: error: unknown target triple 'nonexistent-unknown-nowhere'
func.func @quantize(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.05:-3>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
}
