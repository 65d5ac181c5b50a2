// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.bconv2d (rule N19): XOR and llvm.intr.ctpop per word, dot = C - 2 *
// popcount with the per-word bit counts [64, 6] of C = 70, then
// f32(dot) * (alpha_x * alpha_w[o]) + bias (N19.2).

// pad_value = 1 with a binary result (N19.3): padded taps read all-zero words
// (+1) and go through the same XOR/popcount; the result is binarized at 0
// (ordered less-than) and packed along O.
// The in-bounds mask of @bconv2d_pad0 (globals come first in the module).
// CHECK-DAG: llvm.mlir.global private constant @[[MASK:.*]](dense<{{\[\[}}0, 0, 0], [0, 1, 1], [0, 1, 1]]> : tensor<3x3xi8>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[64, 6]> : tensor<2xi32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1.250000e-01, 2.500000e-01, 5.000000e-01]> : tensor<3xf32>)
// CHECK-LABEL: llvm.func @bconv2d(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[B:arg2]]: !llvm.ptr, %[[Y:arg3]]: !llvm.ptr) {
// CHECK-DAG: %[[ZERO:.*]] = llvm.mlir.constant(0.000000e+00 : f32) : f32
// CHECK-DAG: %[[TWO:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: llvm.getelementptr inbounds|nuw %[[W]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: %[[XOR:.*]] = llvm.xor %{{.*}}, %{{.*}} : i64
// CHECK: %[[PC:.*]] = llvm.intr.ctpop(%[[XOR]]) : (i64) -> i64
// CHECK: %[[PC32:.*]] = llvm.trunc %[[PC]] : i64 to i32
// CHECK: %[[D:.*]] = llvm.mul %[[PC32]], %[[TWO]] : i32
// CHECK: llvm.sub %{{.*}}, %[[D]] : i32
// CHECK-NOT: llvm.select
// CHECK: llvm.getelementptr inbounds|nuw %[[B]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: %[[F:.*]] = llvm.sitofp %{{.*}} : i32 to f32
// CHECK: %[[P:.*]] = llvm.fmul %[[F]], %{{.*}} : f32
// CHECK: llvm.fadd %[[P]], %{{.*}} : f32
// CHECK: %[[LT:.*]] = llvm.fcmp "olt" %{{.*}}, %[[ZERO]] : f32
// CHECK: %[[BIT:.*]] = llvm.zext %[[LT]] : i1 to i64
// CHECK: %[[SH:.*]] = llvm.shl %[[BIT]], %{{.*}} : i64
// CHECK: %[[WD:.*]] = llvm.or %{{.*}}, %[[SH]] : i64
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: llvm.store %[[WD]], %[[YP]] : i64, !llvm.ptr
// CHECK: llvm.return{{$}}

func.func @bconv2d(%x: tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
                   %w: tensor<3x2x2x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>,
                   %b: tensor<3xf32>) -> tensor<1x2x2x3x!qnn.binary<f32, 1.0>> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 1, 0, 1, 0>, pad_value = 1 : i64}
      : (tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
         tensor<3x2x2x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>, tensor<3xf32>)
      -> tensor<1x2x2x3x!qnn.binary<f32, 1.0>>
  return %y : tensor<1x2x2x3x!qnn.binary<f32, 1.0>>
}

// pad_value = 0 with an f32 result and no bias: an in-bounds mask of the
// padded 3x3 grid (first row and column out of bounds; @[[MASK]] above)
// selects 0 for padded taps instead of C - 2 * popcount.
// CHECK-LABEL: llvm.func @bconv2d_pad0(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[W:arg1]]: !llvm.ptr, %[[Y:arg2]]: !llvm.ptr) {
// CHECK-DAG: llvm.mlir.addressof @[[MASK]]
// CHECK-DAG: %[[ZERO:.*]] = llvm.mlir.constant(0 : i32) : i32
// CHECK: %[[XOR:.*]] = llvm.xor %{{.*}}, %{{.*}} : i64
// CHECK: llvm.intr.ctpop(%[[XOR]]) : (i64) -> i64
// CHECK: %[[T:.*]] = llvm.sub %{{.*}}, %{{.*}} : i32
// CHECK: %[[IN:.*]] = llvm.trunc %{{.*}} : i8 to i1
// CHECK: llvm.select %[[IN]], %[[T]], %[[ZERO]] : i1, i32
// CHECK: %[[F:.*]] = llvm.sitofp %{{.*}} : i32 to f32
// CHECK: %[[P:.*]] = llvm.fmul %[[F]], %{{.*}} : f32
// CHECK: %[[R:.*]] = llvm.fadd %[[P]], %{{.*}} : f32
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: llvm.store %[[R]], %[[YP]] : f32, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @bconv2d_pad0(%x: tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
                        %w: tensor<3x2x2x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>)
    -> tensor<1x2x2x3xf32> {
  %y = qnn.bconv2d %x, %w {pad = array<i64: 1, 0, 1, 0>}
      : (tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
         tensor<3x2x2x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>) -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}
