// RUN: qnn-compile %s --emit=llvm -O0 -o - | FileCheck %s --check-prefix=FIXED
// RUN: qnn-compile %s --requant-mode=fixed-point --emit=llvm -O0 -o - | FileCheck %s --check-prefix=FIXED
// RUN: qnn-compile %s --requant-mode=float --emit=llvm -O0 -o - | FileCheck %s --check-prefix=FLOAT
// RUN: qnn-compile %s --requant-mode=float --emit=mlir -o - | FileCheck %s --check-prefix=FLOAT-MLIR
// RUN: rm -f %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.so
// RUN: llvm-nm -D --defined-only %t.so | FileCheck %s --check-prefix=SYM

// --requant-mode selects rule N6.1 (default) or N6.2 for the whole module.
// FIXED-LABEL: define void @requantize(
// FIXED-NOT: roundeven
// FIXED: ashr i64 %{{.*}}, 31
// FIXED-NOT: roundeven
// FIXED: ret void

// FLOAT-LABEL: define void @requantize(
// FLOAT-NOT: ashr i64
// FLOAT: call float @llvm.roundeven.f32(float
// FLOAT-NOT: ashr i64
// FLOAT: ret void

// FLOAT-MLIR: llvm.intr.roundeven

// SYM: T requantize
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}
