// RUN: rm -f %t.s %t.o
// RUN: qnn-compile %s --mtriple=aarch64-linux-gnu --emit=asm -o %t.s
// RUN: FileCheck %s < %t.s
// RUN: qnn-compile %s --mtriple=aarch64-linux-gnu --emit=obj -o %t.o
// RUN: llvm-readobj --file-headers %t.o | FileCheck %s --check-prefix=OBJ
// RUN: qnn-compile %s --mtriple=aarch64-linux-gnu --emit=llvm -o - | FileCheck %s --check-prefix=IR

// Cross-compilation: an explicit triple selects that target and uses no
// host CPU name or features.

// CHECK: .globl requantize
// CHECK: {{^}}requantize:
// AArch64 general-purpose registers and return.
// CHECK: {{[[:space:]]x[0-9]+, }}
// CHECK: ret
// CHECK-NOT: {{%[re]ax}}

// OBJ: Format: elf64-littleaarch64
// OBJ: Machine: EM_AARCH64

// IR: target triple = "aarch64-linux-gnu"
// IR: define void @requantize(ptr
func.func @requantize(%x: tensor<16x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<16x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<16x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<16x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<16x!quant.uniform<i8:f32, 0.2:1>>
}
