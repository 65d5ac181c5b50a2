// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.conv2d with padding, stride, per-channel weights and bias (rule N8).

// M[o] = 0.02 * {0.1, 0.2} / 0.05 = {0.04, 0.08} -> (1374389535, -4), (1374389535, -3).
// relu with zp_out = -1: clamp to [-1, 127].
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<1374389535> : tensor<2xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[4, 3]> : tensor<2xi32>)
// FIXED-LABEL: llvm.func @conv2d(
// FIXED-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FIXED-DAG: %[[LO:.*]] = llvm.mlir.constant(-1 : i64) : i64
// FIXED-DAG: %[[HI:.*]] = llvm.mlir.constant(127 : i64) : i64
// FIXED-DAG: %[[ZX:.*]] = llvm.mlir.constant(128 : i32) : i32
// FIXED: llvm.load %{{.*}} : !llvm.ptr -> i8
// FIXED: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i32
// FIXED: %[[XE:.*]] = llvm.zext %{{.*}} : i8 to i32
// FIXED: %[[XC:.*]] = llvm.sub %[[XE]], %[[ZX]] : i32
// FIXED: %[[WE:.*]] = llvm.sext %{{.*}} : i8 to i32
// FIXED: %[[WC:.*]] = llvm.sub %[[WE]], %{{.*}} : i32
// FIXED: %[[PR:.*]] = llvm.mul %[[XC]], %[[WC]] : i32
// FIXED: llvm.add %{{.*}}, %[[PR]] : i32
// FIXED: llvm.sdiv %{{.*}}, %{{.*}} : i64
// FIXED: llvm.ashr
// FIXED: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i64, i64) -> i64
// FIXED: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i64, i64) -> i64
// FIXED: %[[Q:.*]] = llvm.trunc %[[C1]] : i64 to i8
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FIXED: llvm.call @free
// FIXED: llvm.return{{$}}

// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<[4.000000e-02, 8.000000e-02]> : tensor<2xf32>)
// FLOAT-LABEL: llvm.func @conv2d(
// FLOAT-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FLOAT-NOT: llvm.sdiv
// FLOAT: llvm.mul %{{.*}}, %{{.*}} : i32
// FLOAT: %[[F:.*]] = llvm.sitofp %{{.*}} : i32 to f32
// FLOAT: %[[P:.*]] = llvm.fmul %[[F]], %{{.*}} : f32
// FLOAT: llvm.intr.roundeven(%[[P]]) : (f32) -> f32
// FLOAT: %[[Q:.*]] = llvm.trunc %{{.*}} : i64 to i8
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FLOAT-NOT: llvm.sdiv
// FLOAT: llvm.return{{$}}
func.func @conv2d(%x: tensor<1x3x3x2x!quant.uniform<u8:f32, 0.02:128>>,
                  %w: tensor<2x2x2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>,
                  %b: tensor<2xi32>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-1>> {
  %y = qnn.conv2d %x, %w, %b {pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>,
                              activation = #qnn.activation<relu>}
      : (tensor<1x3x3x2x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<2x2x2x2x!quant.uniform<i8:f32:0, {0.1, 0.2}>>, tensor<2xi32>)
      -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-1>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-1>>
}
