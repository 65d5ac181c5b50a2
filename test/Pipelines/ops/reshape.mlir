// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.reshape (rule N16) is a relayout only: the compiled function copies
// the bytes from the input pointer to the output pointer without arithmetic
// on the values.

// CHECK-LABEL: llvm.func @reshape(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK-NEXT: %[[V:.*]] = llvm.load %[[XP]] : !llvm.ptr -> i8
// CHECK-NOT: llvm.{{zext|sext|trunc|intr}}
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK-NEXT: llvm.store %[[V]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @reshape(%x: tensor<1x2x2x4x!quant.uniform<u8:f32, 0.1:7>>)
    -> tensor<4x4x!quant.uniform<u8:f32, 0.1:7>> {
  %y = qnn.reshape %x : tensor<1x2x2x4x!quant.uniform<u8:f32, 0.1:7>>
                     -> tensor<4x4x!quant.uniform<u8:f32, 0.1:7>>
  return %y : tensor<4x4x!quant.uniform<u8:f32, 0.1:7>>
}
