// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.clamp (rule N14) in the storage domain.

// CHECK-LABEL: llvm.func @clamp(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-DAG: %[[LO:.*]] = llvm.mlir.constant(-20 : i64) : i64
// CHECK-DAG: %[[HI:.*]] = llvm.mlir.constant(100 : i64) : i64
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: %[[XV:.*]] = llvm.load %[[XP]] : !llvm.ptr -> i8
// CHECK: %[[E:.*]] = llvm.sext %[[XV]] : i8 to i64
// CHECK: %[[C0:.*]] = llvm.intr.smax(%[[E]], %[[LO]]) : (i64, i64) -> i64
// CHECK: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i64, i64) -> i64
// CHECK: %[[Q:.*]] = llvm.trunc %[[C1]] : i64 to i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @clamp(%x: tensor<2x4x!quant.uniform<i8:f32, 0.1:3>>)
    -> tensor<2x4x!quant.uniform<i8:f32, 0.1:3>> {
  %y = qnn.clamp %x {min = -20 : i64, max = 100 : i64}
      : tensor<2x4x!quant.uniform<i8:f32, 0.1:3>> -> tensor<2x4x!quant.uniform<i8:f32, 0.1:3>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.1:3>>
}
