// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.conv2d with padding, stride, per-channel weights and bias (rule N8).

// M[o] = 0.02 * {0.1, 0.2} / 0.05 = {0.04, 0.08} -> (1374389535, -4), (1374389535, -3).
// No left shift: SRDHM takes the accumulator directly (no i64 pre-shift,
// no INT32_MIN saturation select).
// relu with zp_out z = -1: clamp to [-1, 127]; z is shared by the channels, so
// the clamp is done in i32 before adding z: [-1 - z, 127 - z] = [0, 128],
// then + z and an i32 -> i8 truncation.
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<1374389535> : tensor<2xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[4, 3]> : tensor<2xi32>)
// FIXED-LABEL: llvm.func @conv2d(
// FIXED-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FIXED-DAG: %[[ZX:.*]] = llvm.mlir.constant(128 : i32) : i32
// FIXED-DAG: %[[ZY:.*]] = llvm.mlir.constant(-1 : i32) : i32
// FIXED-DAG: %[[LO:.*]] = llvm.mlir.constant(0 : i32) : i32
// FIXED: llvm.load %{{.*}} : !llvm.ptr -> i8
// FIXED: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i32
// FIXED: %[[XE:.*]] = llvm.zext %{{.*}} : i8 to i32
// FIXED: %[[XC:.*]] = llvm.sub %[[XE]], %[[ZX]] : i32
// FIXED: %[[WE:.*]] = llvm.sext %{{.*}} : i8 to i32
// FIXED: %[[WC:.*]] = llvm.sub %[[WE]], %{{.*}} : i32
// FIXED: %[[PR:.*]] = llvm.mul %[[XC]], %[[WC]] : i32
// FIXED: llvm.add %{{.*}}, %[[PR]] : i32
// FIXED-NOT: llvm.shl %{{.*}} : i64
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED-NOT: llvm.icmp "eq"
// FIXED: llvm.ashr
// The upper bound 128 is the same constant as the input zero point.
// FIXED: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[ZX]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[S:.*]] = llvm.add %[[C1]], %[[ZY]] : i32
// FIXED-NEXT: %[[Q:.*]] = llvm.trunc %[[S]] : i32 to i8
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FIXED: llvm.call @free
// FIXED: llvm.return{{$}}

// Float: the same [0, 128] clamp on the rounded f32 value, then fptosi to i32.
// Mf = f32(f32(0.02) * f32(0.1)) / f32(0.05) in f32 steps (rule N6.2) is
// 0.0400000028, one ulp above f32(0.04).
// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<[0.0400000028, 0.0800000056]> : tensor<2xf32>)
// FLOAT-LABEL: llvm.func @conv2d(
// FLOAT-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// FLOAT-DAG: %[[ZY:.*]] = llvm.mlir.constant(-1 : i32) : i32
// FLOAT-DAG: %[[HI:.*]] = llvm.mlir.constant(1.280000e+02 : f32) : f32
// FLOAT-DAG: %[[LO:.*]] = llvm.mlir.constant(0.000000e+00 : f32) : f32
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.mul %{{.*}}, %{{.*}} : i32
// FLOAT: %[[F:.*]] = llvm.sitofp %{{.*}} : i32 to f32
// FLOAT: %[[P:.*]] = llvm.fmul %[[F]], %{{.*}} : f32
// FLOAT: %[[R:.*]] = llvm.intr.roundeven(%[[P]]) : (f32) -> f32
// FLOAT-NEXT: %[[C0:.*]] = llvm.intr.maximum(%[[R]], %[[LO]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[C1:.*]] = llvm.intr.minimum(%[[C0]], %[[HI]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[I:.*]] = llvm.fptosi %[[C1]] : f32 to i32
// FLOAT-NEXT: %[[S:.*]] = llvm.add %[[I]], %[[ZY]] : i32
// FLOAT-NEXT: %[[Q:.*]] = llvm.trunc %[[S]] : i32 to i8
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
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
