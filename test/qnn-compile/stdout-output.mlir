// RUN: qnn-compile %s --emit=llvm -o - | FileCheck %s --check-prefix=LLVM
// RUN: qnn-compile %s --emit=asm -o - | FileCheck %s --check-prefix=ASM
// RUN: qnn-compile %s --emit=mlir -o - | FileCheck %s --check-prefix=MLIR
// RUN: qnn-compile --emit=llvm -o - < %s | FileCheck %s --check-prefix=LLVM

// "-o -" writes textual outputs to stdout; the input defaults to stdin.
// LLVM: define void @clamp(ptr
// ASM: {{^}}clamp:
// MLIR: llvm.func @clamp(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
func.func @clamp(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.clamp %x {min = -5 : i64, max = 100 : i64}
      : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1>>
}
