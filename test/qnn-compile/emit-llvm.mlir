// RUN: rm -f %t.ll %t.txt
// RUN: qnn-compile %s --emit=llvm -o %t.txt
// RUN: FileCheck %s < %t.txt
// The .ll suffix selects LLVM IR by default, and the IR is valid.
// RUN: qnn-compile %s -o %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: llvm-as %t.ll -o /dev/null
// Without optimization the signature is exactly the ABI's: N + M pointers.
// RUN: qnn-compile %s -O0 --emit=llvm -o - | FileCheck %s --check-prefix=O0

// The C ABI of docs/abi.md: inputs then outputs as pointers, void result.
// CHECK: target triple =
// CHECK: define void @fully_connected(ptr
// CHECK: define void @two_outputs(ptr
// O0: define void @fully_connected(ptr %{{[0-9]+}}, ptr %{{[0-9]+}}, ptr %{{[0-9]+}}, ptr %{{[0-9]+}}) #[[ATTRS:[0-9]+]] {
// O0: define void @two_outputs(ptr %{{[0-9]+}}, ptr %{{[0-9]+}}, ptr %{{[0-9]+}}) #[[ATTRS]] {
// The target is recorded for llc/clang: the host CPU by default.
// O0: attributes #[[ATTRS]] = { "target-cpu"="{{[a-z0-9-]+}}" "target-features"=
func.func @fully_connected(%x: tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
                           %w: tensor<8x16x!quant.uniform<i8:f32, 0.1>>,
                           %b: tensor<8xi32>) -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>> {
  %y = qnn.fully_connected %x, %w, %b {activation = #qnn.activation<relu>}
      : (tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<8x16x!quant.uniform<i8:f32, 0.1>>, tensor<8xi32>)
      -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
  return %y : tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
}

func.func @two_outputs(%x: tensor<4xf32>) -> (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4xf32>) {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %d = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4xf32>
  return %q, %d : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4xf32>
}
