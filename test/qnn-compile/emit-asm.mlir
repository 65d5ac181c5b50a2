// RUN: rm -f %t.s %t.txt
// RUN: qnn-compile %s --emit=asm -o %t.txt
// RUN: FileCheck %s < %t.txt
// The .s suffix selects assembly by default.
// RUN: qnn-compile %s -o %t.s
// RUN: FileCheck %s < %t.s

// CHECK: .globl quantize
// CHECK: .type quantize,@function
// CHECK: {{^}}quantize:
// CHECK: .size quantize,
func.func @quantize(%x: tensor<8xf32>) -> tensor<8x!quant.uniform<i8:f32, 0.05:-3>> {
  %q = qnn.quantize %x : tensor<8xf32> -> tensor<8x!quant.uniform<i8:f32, 0.05:-3>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.05:-3>>
}
