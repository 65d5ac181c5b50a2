// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// Upstream quant.dcast on a tensor lowers like qnn.dequantize (rule N3).

// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<2.500000e-01> : tensor<1xf32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<-8> : tensor<1xi32>)
// CHECK-LABEL: llvm.func @dcast(
// CHECK-SAME: %[[Q:arg0]]: !llvm.ptr, %[[X:arg1]]: !llvm.ptr) {
// CHECK: %[[QP:.*]] = llvm.getelementptr inbounds|nuw %[[Q]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: %[[QV:.*]] = llvm.load %[[QP]] : !llvm.ptr -> i8
// CHECK: %[[S:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK: %[[ZP:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i32
// CHECK: %[[E:.*]] = llvm.sext %[[QV]] : i8 to i32
// CHECK: %[[D:.*]] = llvm.sub %[[E]], %[[ZP]] : i32
// CHECK: %[[F:.*]] = llvm.sitofp %[[D]] : i32 to f32
// CHECK: %[[V:.*]] = llvm.fmul %[[F]], %[[S]] : f32
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: llvm.store %[[V]], %[[XP]] : f32, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @dcast(%q: tensor<4x!quant.uniform<i8:f32, 0.25:-8>>) -> tensor<4xf32> {
  %x = quant.dcast %q : tensor<4x!quant.uniform<i8:f32, 0.25:-8>> to tensor<4xf32>
  return %x : tensor<4xf32>
}
