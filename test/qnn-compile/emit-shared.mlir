// RUN: rm -f %t.so %t.lib
// RUN: qnn-compile %s --emit=shared -o %t.lib
// RUN: llvm-nm -D --defined-only %t.lib | FileCheck %s
// RUN: llvm-readobj --file-headers %t.lib | FileCheck %s --check-prefix=ELF
// The .so suffix selects a shared library by default.
// RUN: qnn-compile %s -o %t.so
// RUN: llvm-nm -D --defined-only %t.so | FileCheck %s
// No temporary file is left beside the output.
// RUN: not ls %t.so-*.tmp

// Every public function is an exported dynamic symbol.
// CHECK-DAG: T conv
// CHECK-DAG: T dequantize
// ELF: Type: SharedObject
func.func @conv(%x: tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
                %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>,
                %b: tensor<2xi32>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w, %b
      : (tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>, tensor<2xi32>)
      -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
}

func.func @dequantize(%q: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x3xf32> {
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}
