// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.bfully_connected (rule N20) with a quantized result (N19.3).

// Bits per word for C = 100: [64, 36]; alpha_x * alpha_w = 0.5; the f32
// result is quantized per N2 into 0.5:3.
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[64, 36]> : tensor<2xi32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<5.000000e-01> : tensor<4xf32>)
// CHECK-LABEL: llvm.func @bfully_connected(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// CHECK-DAG: %[[TWO:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: llvm.getelementptr inbounds|nuw %[[W]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: %[[XOR:.*]] = llvm.xor %{{.*}}, %{{.*}} : i64
// CHECK: %[[PC:.*]] = llvm.intr.ctpop(%[[XOR]]) : (i64) -> i64
// CHECK: %[[PC32:.*]] = llvm.trunc %[[PC]] : i64 to i32
// CHECK: %[[D:.*]] = llvm.mul %[[PC32]], %[[TWO]] : i32
// CHECK: llvm.sub %{{.*}}, %[[D]] : i32
// CHECK: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: llvm.sitofp %{{.*}} : i32 to f32
// CHECK: llvm.fmul
// CHECK: llvm.fadd
// CHECK: llvm.fdiv
// CHECK: llvm.intr.roundeven
// CHECK: %[[Q:.*]] = llvm.trunc %{{.*}} : i64 to i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @bfully_connected(%x: tensor<2x100x!qnn.binary<f32, 1.0>>,
                            %w: tensor<4x100x!qnn.binary<f32, 0.5>>,
                            %b: tensor<4xf32>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5:3>> {
  %y = qnn.bfully_connected %x, %w, %b
      : (tensor<2x100x!qnn.binary<f32, 1.0>>, tensor<4x100x!qnn.binary<f32, 0.5>>, tensor<4xf32>)
      -> tensor<2x4x!quant.uniform<i8:f32, 0.5:3>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.5:3>>
}
