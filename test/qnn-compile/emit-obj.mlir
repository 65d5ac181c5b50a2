// RUN: rm -f %t.o %t.bin
// RUN: qnn-compile %s --emit=obj -o %t.o
// RUN: test -s %t.o
// RUN: llvm-nm %t.o | FileCheck %s
// RUN: llvm-readobj --file-headers %t.o | FileCheck %s --check-prefix=ELF
// Without a recognized suffix the default is an object file too.
// RUN: qnn-compile %s -o %t.bin
// RUN: llvm-nm %t.bin | FileCheck %s

// --emit=obj writes a relocatable object that defines one global function
// per public func.func.

// CHECK: T requantize
// ELF: Type: Relocatable
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}
