// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.avg_pool2d (rule N12) with padding: the window counts differ per
// output position and live in a constant table; S / count is rounded half
// away from zero with two sdiv.

// Counts with pad [1, 0, 1, 0], kernel 2, stride 2 on 3x3: corner 1,
// edges 2, interior 4.
// CHECK: llvm.mlir.global private constant @[[CNT:.*]](dense<{{\[\[}}1, 2], [2, 4]]> : tensor<2x2xi32>)
// CHECK-LABEL: llvm.func @avg_pool2d(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-DAG: llvm.mlir.addressof @[[CNT]]
// CHECK-DAG: %[[TWO:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK-DAG: %[[ZPO:.*]] = llvm.mlir.constant(-4 : i64) : i64
// CHECK-DAG: %[[ZPI:.*]] = llvm.mlir.constant(-4 : i32) : i32
// CHECK: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.sub %{{.*}}, %[[ZPI]] : i32
// CHECK: %[[S:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i32
// CHECK: %[[N:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i32
// CHECK: %[[H:.*]] = llvm.sdiv %[[N]], %[[TWO]] : i32
// CHECK: llvm.add %[[S]], %[[H]] : i32
// CHECK: llvm.sub %[[S]], %[[H]] : i32
// CHECK: %[[SEL:.*]] = llvm.select
// CHECK: %[[DIV:.*]] = llvm.sdiv %[[SEL]], %[[N]] : i32
// CHECK: %[[EXT:.*]] = llvm.sext %[[DIV]] : i32 to i64
// CHECK: llvm.add %[[EXT]], %[[ZPO]] : i64
// CHECK: %[[Q:.*]] = llvm.trunc %{{.*}} : i64 to i8
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.store %[[Q]], %[[YP]] : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @avg_pool2d(%x: tensor<1x3x3x2x!quant.uniform<i8:f32, 0.1:-4>>)
    -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:-4>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                          pad = array<i64: 1, 0, 1, 0>}
      : tensor<1x3x3x2x!quant.uniform<i8:f32, 0.1:-4>> -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:-4>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:-4>>
}
