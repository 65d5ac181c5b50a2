// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// Upstream quant.qcast on a tensor lowers like qnn.quantize (rule N2).

// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<5.000000e-01> : tensor<1xf32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<128> : tensor<1xi32>)
// CHECK-LABEL: llvm.func @qcast(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-DAG: %[[LO:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-DAG: %[[HI:.*]] = llvm.mlir.constant(255 : i64) : i64
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[XV:.*]] = llvm.load %[[XP]] : !llvm.ptr -> f32
// CHECK: %[[D:.*]] = llvm.fdiv %[[XV]], %{{.*}} : f32
// CHECK: %[[R:.*]] = llvm.intr.roundeven(%[[D]]) : (f32) -> f32
// CHECK: llvm.fcmp "uno" %[[R]], %[[R]] : f32
// CHECK: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i64, i64) -> i64
// CHECK: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i64, i64) -> i64
// CHECK: %[[Q:.*]] = llvm.trunc %[[C1]] : i64 to i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @qcast(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<u8:f32, 0.5:128>> {
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<u8:f32, 0.5:128>>
  return %q : tensor<4x!quant.uniform<u8:f32, 0.5:128>>
}
