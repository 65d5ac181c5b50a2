// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.dequantize through the whole pipeline (rule N3): u8 storage is
// zero-extended (not sign-extended) to i32, the zero point subtracted in
// i32, converted with sitofp and multiplied once by f32(s).

// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[5.000000e-01, 2.500000e-01, 2.000000e+00]> : tensor<3xf32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[128, 0, 255]> : tensor<3xi32>)
// CHECK-LABEL: llvm.func @dequantize(
// CHECK-SAME: %[[Q:arg0]]: !llvm.ptr, %[[X:arg1]]: !llvm.ptr) {
// CHECK: %[[QP:.*]] = llvm.getelementptr inbounds|nuw %[[Q]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: %[[QV:.*]] = llvm.load %[[QP]] : !llvm.ptr -> i8
// CHECK: %[[S:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK: %[[ZP:.*]] = llvm.load %{{.*}} : !llvm.ptr -> i32
// CHECK: %[[E:.*]] = llvm.zext %[[QV]] : i8 to i32
// CHECK: %[[D:.*]] = llvm.sub %[[E]], %[[ZP]] : i32
// CHECK: %[[F:.*]] = llvm.sitofp %[[D]] : i32 to f32
// CHECK: %[[V:.*]] = llvm.fmul %[[F]], %[[S]] : f32
// CHECK: %[[XP:.*]] = llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, f32
// CHECK: llvm.store %[[V]], %[[XP]] : f32, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @dequantize(%q: tensor<2x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 2.0:255}>>)
    -> tensor<2x3xf32> {
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<u8:f32:1, {0.5:128, 0.25:0, 2.0:255}>>
                        -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}
