// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.bitpack (rule N18) exposes the packed words: the compiled function
// copies i64 words from the input to the output pointer unchanged.

// CHECK-LABEL: llvm.func @bitpack(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK-NEXT: %[[V:.*]] = llvm.load %[[XP]] : !llvm.ptr -> i64
// CHECK-NOT: llvm.{{and|or|xor|shl|lshr|ashr}}
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK-NEXT: llvm.store %[[V]], %[[YP]] : i64, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @bitpack(%x: tensor<3x130x!qnn.binary<f32:0, {1.0, 0.5, 0.25}>>) -> tensor<3x3xi64> {
  %y = qnn.bitpack %x : tensor<3x130x!qnn.binary<f32:0, {1.0, 0.5, 0.25}>> -> tensor<3x3xi64>
  return %y : tensor<3x3xi64>
}
