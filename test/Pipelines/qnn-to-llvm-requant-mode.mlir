// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=fixed-point | FileCheck %s --check-prefix=FIXED
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT
// RUN: qnn-opt %s '--qnn-to-llvm=requant-mode=float bare-ptr-call-conv=true' | FileCheck %s --check-prefix=FLOAT

// The pipeline forwards requant-mode to convert-qnn-to-linalg (rule N6):
// fixed-point code multiplies in i64 and divides by 2^31 (no rounding
// intrinsic; the i32 multiplier is a global constant); float code uses
// llvm.intr.roundeven and an f32 multiplier.

// FIXED: llvm.mlir.global private constant @{{.*}}(dense<1073741824> : tensor<1xi32>)
// FIXED-LABEL: llvm.func @requantize
// FIXED-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.mlir.constant(2147483648 : i64) : i64
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.sdiv %{{.*}}, %{{.*}} : i64
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.return

// FLOAT: llvm.mlir.global private constant @{{.*}}(dense<2.500000e-01> : tensor<1xf32>)
// FLOAT-LABEL: llvm.func @requantize
// FLOAT-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// FLOAT-NOT: llvm.sdiv
// FLOAT: llvm.sitofp %{{.*}} : i32 to f32
// FLOAT: llvm.fmul
// FLOAT: llvm.intr.roundeven(%{{.*}}) : (f32) -> f32
// FLOAT: llvm.fptosi %{{.*}} : f32 to i64
// FLOAT-NOT: llvm.sdiv
// FLOAT: llvm.return
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}
