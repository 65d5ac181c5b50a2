// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.fully_connected (rule N10) with an i16 output and per-tensor weights
// with a non-zero zero point.

// M = 0.5 * 0.25 / 0.1 = 1.25 -> frexp (0.625, 1) -> m = 1342177280,
// left shift 1 (the pre-shift saturates, N5, and SRDHM keeps its INT32_MIN
// saturation select). The i16 result is clamped to [-32768, 32767] and stored
// as i16: the output zero point z = 100 is a single one, so the clamp is done
// in i32 before adding it, to [-32768 - 100, 32767 - 100] = [-32868, 32667],
// then + 100 in i32 and an i32 -> i16 truncation.
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<1342177280> : tensor<1xi32>)
// FIXED-LABEL: llvm.func @fully_connected(
// FIXED-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FIXED-DAG: %[[ZY:.*]] = llvm.mlir.constant(100 : i32) : i32
// FIXED-DAG: %[[LO:.*]] = llvm.mlir.constant(-32868 : i32) : i32
// FIXED-DAG: %[[HI:.*]] = llvm.mlir.constant(32667 : i32) : i32
// FIXED-DAG: %[[MIN:.*]] = llvm.mlir.constant(-2147483648 : i32) : i32
// FIXED: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i32
// FIXED: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.getelementptr inbounds|nuw %[[W]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.mul %{{.*}}, %{{.*}} : i32
// FIXED: %[[SH:.*]] = llvm.shl %{{.*}}, %{{.*}} : i64
// FIXED: llvm.intr.smax(%[[SH]], %{{.*}}) : (i64, i64) -> i64
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED: llvm.icmp "eq" %{{.*}}, %[[MIN]] : i32
// FIXED: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[S:.*]] = llvm.add %[[C1]], %[[ZY]] : i32
// FIXED-NEXT: %[[Q:.*]] = llvm.trunc %[[S]] : i32 to i16
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i16
// FIXED: llvm.store %[[Q]], %[[YP]] : i16, !llvm.ptr
// FIXED: llvm.return{{$}}

// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<1.250000e+00> : tensor<1xf32>)
// FLOAT-LABEL: llvm.func @fully_connected(
// FLOAT-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FLOAT-DAG: %[[ZY:.*]] = llvm.mlir.constant(100 : i32) : i32
// FLOAT-DAG: %[[HI:.*]] = llvm.mlir.constant(3.266700e+04 : f32) : f32
// FLOAT-DAG: %[[LO:.*]] = llvm.mlir.constant(-3.286800e+04 : f32) : f32
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.mul %{{.*}}, %{{.*}} : i32
// FLOAT: %[[P:.*]] = llvm.fmul %{{.*}}, %{{.*}} : f32
// FLOAT: %[[R:.*]] = llvm.intr.roundeven(%[[P]]) : (f32) -> f32
// FLOAT-NEXT: %[[C0:.*]] = llvm.intr.maximum(%[[R]], %[[LO]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[C1:.*]] = llvm.intr.minimum(%[[C0]], %[[HI]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[I:.*]] = llvm.fptosi %[[C1]] : f32 to i32
// FLOAT-NEXT: %[[S:.*]] = llvm.add %[[I]], %[[ZY]] : i32
// FLOAT-NEXT: %[[Q:.*]] = llvm.trunc %[[S]] : i32 to i16
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i16
// FLOAT: llvm.store %[[Q]], %[[YP]] : i16, !llvm.ptr
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.return{{$}}
func.func @fully_connected(%x: tensor<2x5x!quant.uniform<i8:f32, 0.5:-1>>,
                           %w: tensor<3x5x!quant.uniform<i8:f32, 0.25:2>>,
                           %b: tensor<3xi32>) -> tensor<2x3x!quant.uniform<i16:f32, 0.1:100>> {
  %y = qnn.fully_connected %x, %w, %b
      : (tensor<2x5x!quant.uniform<i8:f32, 0.5:-1>>, tensor<3x5x!quant.uniform<i8:f32, 0.25:2>>,
         tensor<3xi32>) -> tensor<2x3x!quant.uniform<i16:f32, 0.1:100>>
  return %y : tensor<2x3x!quant.uniform<i16:f32, 0.1:100>>
}
