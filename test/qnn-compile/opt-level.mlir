// RUN: qnn-compile %s -O0 --emit=llvm -o - | FileCheck %s --check-prefix=O0
// RUN: qnn-compile %s -O1 --emit=llvm -o - | FileCheck %s --check-prefix=OPT
// RUN: qnn-compile %s --emit=llvm -o - | FileCheck %s --check-prefix=OPT
// RUN: qnn-compile %s -O3 --emit=llvm -o - | FileCheck %s --check-prefix=OPT
// RUN: rm -f %t.o
// RUN: qnn-compile %s -O0 -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=SYM

// -O0 skips the LLVM optimization pipeline: the IR is the direct
// translation (plain pointer arguments, no inferred attributes; only the
// target-cpu/target-features attribute group). -O1..-O3
// (default -O2) run it, which infers argument attributes.
// O0: define void @dequantize(ptr %0, ptr %1) #{{[0-9]+}} {
// OPT: define void @dequantize(ptr readonly captures(none) %0, ptr writeonly captures(none) %1)
// SYM: T dequantize
func.func @dequantize(%q: tensor<64x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<64xf32> {
  %x = qnn.dequantize %q : tensor<64x!quant.uniform<i8:f32, 0.1:3>> -> tensor<64xf32>
  return %x : tensor<64xf32>
}
