// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --check-prefix=FIXED --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --check-prefix=FLOAT --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.depthwise_conv2d (rule N9): channel multiplier 2, weights per input
// channel (axis 2), no bias.

// Output channel oc = c * 2 + m uses the weight scale of input channel c:
// M = 0.02 * {0.1, 0.1, 0.3, 0.3} / 0.05 = {0.04, 0.04, 0.12, 0.12}
// -> m = {1374389535, 1374389535, 2061584302, 2061584302}, right shift
// {4, 4, 3, 3}; the weight zero points stay per input channel.
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1374389535, 1374389535, 2061584302, 2061584302]> : tensor<4xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[4, 4, 3, 3]> : tensor<4xi32>)
// FIXED-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1, -2]> : tensor<2xi32>)
// FIXED-LABEL: llvm.func @depthwise_conv2d(
// FIXED-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[Y:arg2]]: !llvm.ptr) {
// FIXED: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.getelementptr inbounds|nuw %[[W]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.mul %{{.*}}, %{{.*}} : i32
// FIXED: llvm.sdiv %{{.*}}, %{{.*}} : i64
// FIXED: llvm.ashr
// FIXED: %[[Q:.*]] = llvm.trunc %{{.*}} : i64 to i8
// FIXED: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FIXED: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FIXED: llvm.return{{$}}

// FLOAT-DAG: llvm.mlir.global private constant @{{.*}}(dense<[4.000000e-02, 4.000000e-02, 1.200000e-01, 1.200000e-01]> : tensor<4xf32>)
// FLOAT-LABEL: llvm.func @depthwise_conv2d(
// FLOAT-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[Y:arg2]]: !llvm.ptr) {
// FLOAT-NOT: llvm.sdiv
// FLOAT: llvm.mul %{{.*}}, %{{.*}} : i32
// FLOAT: %[[P:.*]] = llvm.fmul %{{.*}}, %{{.*}} : f32
// FLOAT: llvm.intr.roundeven(%[[P]]) : (f32) -> f32
// FLOAT: %[[Q:.*]] = llvm.trunc %{{.*}} : i64 to i8
// FLOAT: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// FLOAT: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// FLOAT-NOT: llvm.sdiv
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
