// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.depthwise_conv2d (rule N9): channel multiplier 2, weights per input
// channel (axis 2), no bias.

// Output channel oc = c * 2 + m uses the weight scale of input channel c:
// M = 0.02 * {0.1, 0.1, 0.3, 0.3} / 0.05 = {0.04, 0.04, 0.12, 0.12}
// -> m = {1374389535, 1374389535, 2061584302, 2061584302}, right shift
// {4, 4, 3, 3}; the weight zero points stay per input channel.
// No left shift: SRDHM takes the accumulator directly (no i64 pre-shift, no
// INT32_MIN saturation select). The output zero point z = 0 is shared, so
// the result is clamped in i32 to [-128 - 0, 127 - 0] = [-128, 127] (adding
// z = 0 folds away) and truncated i32 -> i8.
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1374389535, 1374389535, 2061584302, 2061584302]> : tensor<4xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[4, 4, 3, 3]> : tensor<4xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1, -2]> : tensor<2xi32>)
// FIXED-LABEL: llvm.func @depthwise_conv2d(
// FIXED-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[Y:arg2]]: !llvm.ptr) {
// FIXED-DAG: %[[HI:.*]] = llvm.mlir.constant(127 : i32) : i32
// FIXED-DAG: %[[LO:.*]] = llvm.mlir.constant(-128 : i32) : i32
// FIXED: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.getelementptr inbounds|nuw %[[W]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.mul %{{.*}}, %{{.*}} : i32
// FIXED-NOT: llvm.shl %{{.*}} : i64
// FIXED: llvm.ashr %{{.*}}, %{{.*}} : i64
// FIXED-NOT: llvm.icmp "eq"
// FIXED: llvm.ashr
// FIXED: %[[C0:.*]] = llvm.intr.smax(%{{.*}}, %[[LO]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[C1:.*]] = llvm.intr.smin(%[[C0]], %[[HI]]) : (i32, i32) -> i32
// FIXED-NEXT: %[[Q:.*]] = llvm.trunc %[[C1]] : i32 to i8
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FIXED: llvm.return{{$}}

// Mf in the f32 steps of rule N6.2: f32(f32(s_x) * f32(s_w)) / f32(s_y).
// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<[0.0400000028, 0.0400000028, 1.200000e-01, 1.200000e-01]> : tensor<4xf32>)
// FLOAT-LABEL: llvm.func @depthwise_conv2d(
// FLOAT-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[Y:arg2]]: !llvm.ptr) {
// FLOAT-DAG: %[[HI:.*]] = llvm.mlir.constant(1.270000e+02 : f32) : f32
// FLOAT-DAG: %[[LO:.*]] = llvm.mlir.constant(-1.280000e+02 : f32) : f32
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.mul %{{.*}}, %{{.*}} : i32
// FLOAT: %[[P:.*]] = llvm.fmul %{{.*}}, %{{.*}} : f32
// FLOAT: %[[R:.*]] = llvm.intr.roundeven(%[[P]]) : (f32) -> f32
// FLOAT-NEXT: %[[C0:.*]] = llvm.intr.maximum(%[[R]], %[[LO]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[C1:.*]] = llvm.intr.minimum(%[[C0]], %[[HI]]) : (f32, f32) -> f32
// FLOAT-NEXT: %[[I:.*]] = llvm.fptosi %[[C1]] : f32 to i32
// FLOAT-NEXT: %[[Q:.*]] = llvm.trunc %[[I]] : i32 to i8
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FLOAT-NOT: llvm.ashr %{{.*}}, %{{.*}} : i64
// FLOAT: llvm.return{{$}}
func.func @depthwise_conv2d(%x: tensor<1x3x3x2x!quant.uniform<i8:f32, 0.02:-1>>,
                            %w: tensor<2x2x2x2x!quant.uniform<i8:f32:2, {0.1:1, 0.3:-2}>>)
    -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.05:0>> {
  %y = qnn.depthwise_conv2d %x, %w
      : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.02:-1>>,
         tensor<2x2x2x2x!quant.uniform<i8:f32:2, {0.1:1, 0.3:-2}>>)
      -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.05:0>>
  return %y : tensor<1x2x2x4x!quant.uniform<i8:f32, 0.05:0>>
}
