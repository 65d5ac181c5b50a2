// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.batch_norm (rule N21): inv = gamma / sqrt(var + epsilon), then
// (x - mean) * inv + beta, all f32, without fused multiply-add.

// CHECK-LABEL: llvm.func @batch_norm(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[G:arg1]]: !llvm.ptr, %[[BE:arg2]]: !llvm.ptr, %[[M:arg3]]: !llvm.ptr, %[[V:arg4]]: !llvm.ptr, %[[Y:arg5]]: !llvm.ptr) {
// CHECK-DAG: %[[EPS:.*]] = llvm.mlir.constant(1.000000e-03 : f32) : f32
// CHECK-NOT: llvm.intr.fma
// The input is read-only (docs/abi.md): it is copied into the output
// buffer, which the batch norm then updates in place.
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[XC0:.*]] = llvm.load %[[XP]] : !llvm.ptr -> f32
// CHECK: %[[YC:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: llvm.store %[[XC0]], %[[YC]] : f32, !llvm.ptr
// CHECK: %[[GP:.*]] = llvm.getelementptr inbounds|nuw %[[G]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[GV:.*]] = llvm.load %[[GP]] : !llvm.ptr -> f32
// CHECK: %[[BP:.*]] = llvm.getelementptr inbounds|nuw %[[BE]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[BV:.*]] = llvm.load %[[BP]] : !llvm.ptr -> f32
// CHECK: %[[MP:.*]] = llvm.getelementptr inbounds|nuw %[[M]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[MV:.*]] = llvm.load %[[MP]] : !llvm.ptr -> f32
// CHECK: %[[VP:.*]] = llvm.getelementptr inbounds|nuw %[[V]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[VV:.*]] = llvm.load %[[VP]] : !llvm.ptr -> f32
// CHECK: %[[YXP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[XV:.*]] = llvm.load %[[YXP]] : !llvm.ptr -> f32
// CHECK: %[[VE:.*]] = llvm.fadd %[[VV]], %[[EPS]] : f32
// CHECK: %[[SQ:.*]] = llvm.intr.sqrt(%[[VE]]) : (f32) -> f32
// CHECK: %[[INV:.*]] = llvm.fdiv %[[GV]], %[[SQ]] : f32
// CHECK: %[[XC:.*]] = llvm.fsub %[[XV]], %[[MV]] : f32
// CHECK: %[[P:.*]] = llvm.fmul %[[XC]], %[[INV]] : f32
// CHECK: %[[R:.*]] = llvm.fadd %[[P]], %[[BV]] : f32
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: llvm.store %[[R]], %[[YP]] : f32, !llvm.ptr
// CHECK-NOT: llvm.intr.fma
// CHECK: llvm.return{{$}}
func.func @batch_norm(%x: tensor<2x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>,
                      %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 1.0e-03 : f32}
      : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
      -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
