// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.add (rule N11) with a relu6 activation.

// Fixed point (N11.1): twice = 0.06, Ma = 1/3 -> (1431655765, -1),
// Mb = 0.5 -> (2^30, 0), My = 0.06 / (2^20 * 0.05) -> (1288490189, -19);
// operands shifted left by L = 20. relu6: [10, min(255, 10 + 120)] = [10, 130].
// FIXED-LABEL: llvm.func @add(
// FIXED-SAME: %[[A:arg0]]: !llvm.ptr, %[[B:arg1]]: !llvm.ptr, %[[Y:arg2]]: !llvm.ptr) {
// FIXED-DAG: %[[L:.*]] = llvm.mlir.constant(20 : i64) : i64
// FIXED-DAG: %[[MA:.*]] = llvm.mlir.constant(1431655765 : i64) : i64
// FIXED-DAG: %[[MY:.*]] = llvm.mlir.constant(1288490189 : i64) : i64
// FIXED-DAG: %[[SY:.*]] = llvm.mlir.constant(19 : i32) : i32
// FIXED-DAG: %[[LO:.*]] = llvm.mlir.constant(10 : i64) : i64
// FIXED-DAG: %[[HI:.*]] = llvm.mlir.constant(130 : i64) : i64
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.getelementptr inbounds|nuw %[[A]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.shl %{{.*}}, %[[L]] : i64
// FIXED: llvm.mul %{{.*}}, %[[MA]] : i64
// FIXED: llvm.shl %{{.*}}, %[[L]] : i64
// FIXED: llvm.mul %{{.*}}, %[[MY]] : i64
// FIXED: llvm.ashr %{{.*}}, %[[SY]] : i32
// FIXED: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i64, i64) -> i64
// FIXED: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i64, i64) -> i64
// FIXED: %[[Q:.*]] = llvm.trunc %[[C1]] : i64 to i8
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FIXED-NOT: llvm.intr.roundeven
// FIXED: llvm.return{{$}}

// Float (N11.2): f32(0.02 / 0.05) = 0.4 and f32(0.03 / 0.05) = 0.6, one f32
// add, round half to even.
// FLOAT-LABEL: llvm.func @add(
// FLOAT-SAME: %[[A:arg0]]: !llvm.ptr, %[[B:arg1]]: !llvm.ptr, %[[Y:arg2]]: !llvm.ptr) {
// FLOAT-DAG: %[[SA:.*]] = llvm.mlir.constant(4.000000e-01 : f32) : f32
// FLOAT-DAG: %[[SB:.*]] = llvm.mlir.constant(6.000000e-01 : f32) : f32
// FLOAT-DAG: %[[LO:.*]] = llvm.mlir.constant(10 : i64) : i64
// FLOAT-DAG: %[[HI:.*]] = llvm.mlir.constant(130 : i64) : i64
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: %[[P:.*]] = llvm.fmul %{{.*}}, %[[SA]] : f32
// FLOAT: %[[R:.*]] = llvm.fmul %{{.*}}, %[[SB]] : f32
// FLOAT: %[[S:.*]] = llvm.fadd %[[P]], %[[R]] : f32
// FLOAT: llvm.intr.roundeven(%[[S]]) : (f32) -> f32
// FLOAT: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i64, i64) -> i64
// FLOAT: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i64, i64) -> i64
// FLOAT: %[[Q:.*]] = llvm.trunc %[[C1]] : i64 to i8
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.return{{$}}
func.func @add(%a: tensor<2x2x!quant.uniform<u8:f32, 0.02:128>>,
               %b: tensor<2x2x!quant.uniform<u8:f32, 0.03:100>>)
    -> tensor<2x2x!quant.uniform<u8:f32, 0.05:10>> {
  %y = qnn.add %a, %b {activation = #qnn.activation<relu6>}
      : (tensor<2x2x!quant.uniform<u8:f32, 0.02:128>>, tensor<2x2x!quant.uniform<u8:f32, 0.03:100>>)
      -> tensor<2x2x!quant.uniform<u8:f32, 0.05:10>>
  return %y : tensor<2x2x!quant.uniform<u8:f32, 0.05:10>>
}
