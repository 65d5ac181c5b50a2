// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.bitunpack (rule N18.1) clears the tail bits: each word is ANDed with
// a per-word mask, all ones for full words and 2^6 - 1 = 63 for the last
// word of C = 70.

// CHECK: llvm.mlir.global private constant @[[MASK:.*]](dense<[-1, 63]> : tensor<2xi64>)
// CHECK-LABEL: llvm.func @bitunpack(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK: llvm.mlir.addressof @[[MASK]]
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: %[[V:.*]] = llvm.load %[[XP]] : !llvm.ptr -> i64
// CHECK: %[[M:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: %[[R:.*]] = llvm.and %[[V]], %[[M]] : i64
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: llvm.store %[[R]], %[[YP]] : i64, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @bitunpack(%x: tensor<2x2xi64>) -> tensor<2x70x!qnn.binary<f32, 1.0>> {
  %y = qnn.bitunpack %x : tensor<2x2xi64> -> tensor<2x70x!qnn.binary<f32, 1.0>>
  return %y : tensor<2x70x!qnn.binary<f32, 1.0>>
}
