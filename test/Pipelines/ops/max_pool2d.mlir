// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.max_pool2d (rule N13): the maximum compares with the signedness of the
// storage type, unsigned for u8 and signed for i8.

// CHECK-LABEL: llvm.func @max_pool2d_u8(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-NOT: llvm.intr.smax
// CHECK: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.intr.umax(%{{.*}}, %{{.*}}) : (i8, i8) -> i8
// CHECK-NOT: llvm.intr.smax
// CHECK: llvm.return{{$}}
func.func @max_pool2d_u8(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.1:5>>)
    -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
      : tensor<1x4x4x2x!quant.uniform<u8:f32, 0.1:5>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>
  return %y : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>
}

// CHECK-LABEL: llvm.func @max_pool2d_i8(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-NOT: llvm.intr.umax
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: %[[XV:.*]] = llvm.load %[[XP]] : !llvm.ptr -> i8
// CHECK: %[[M:.*]] = llvm.intr.smax(%[[XV]], %{{.*}}) : (i8, i8) -> i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[M]], %[[YP]] : i8, !llvm.ptr
// CHECK-NOT: llvm.intr.umax
// CHECK: llvm.return{{$}}
func.func @max_pool2d_i8(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1:-5>>)
    -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.1:-5>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>}
      : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1:-5>> -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.1:-5>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.1:-5>>
}
