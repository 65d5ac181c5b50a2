// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.observe (rule N22) lowers to the identity for now: two chained
// observation points become one copy from the input to the output buffer.

// CHECK-LABEL: llvm.func @observe(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-NOT: llvm.call
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: %[[V:.*]] = llvm.load %[[XP]] : !llvm.ptr -> f32
// CHECK-NOT: llvm.{{f[a-z]+}}
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK-NEXT: llvm.store %[[V]], %[[YP]] : f32, !llvm.ptr
// CHECK-NOT: llvm.store
// CHECK-NOT: llvm.call
// CHECK: llvm.return{{$}}
func.func @observe(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = qnn.observe %x {id = 0 : i64} : tensor<2x3xf32>
  %z = qnn.observe %y {id = 7 : i64} : tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}
