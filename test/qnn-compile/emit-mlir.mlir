// RUN: rm -f %t.mlir %t.txt
// RUN: qnn-compile %s --emit=mlir -o %t.txt
// RUN: FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|arith|func)\.[a-z]}}' < %t.txt
// The .mlir suffix selects the lowered MLIR by default, and it parses again.
// RUN: qnn-compile %s -o %t.mlir
// RUN: FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|arith|func)\.[a-z]}}' < %t.mlir
// RUN: qnn-opt %t.mlir | FileCheck %s

// The LLVM dialect module before translation.
// CHECK-LABEL: llvm.func @binarize
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.return
func.func @binarize(%x: tensor<2x70xf32>) -> tensor<2x70x!qnn.binary<f32, 0.5>> {
  %y = qnn.binarize %x : tensor<2x70xf32> -> tensor<2x70x!qnn.binary<f32, 0.5>>
  return %y : tensor<2x70x!qnn.binary<f32, 0.5>>
}
