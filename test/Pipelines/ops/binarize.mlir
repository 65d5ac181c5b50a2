// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// qnn.binarize (rule N17) of a quantized input: the value is dequantized
// (rule N3) and compared with the threshold with an ordered less-than, and
// the bits are packed into i64 words.

// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<5.000000e-01> : tensor<1xf32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<-2> : tensor<1xi32>)
// CHECK-LABEL: llvm.func @binarize(
// CHECK-SAME: %[[X:arg0]]: !llvm.ptr, %[[Y:arg1]]: !llvm.ptr) {
// CHECK-DAG: %[[T:.*]] = llvm.mlir.constant(2.500000e-01 : f32) : f32
// CHECK: llvm.getelementptr inbounds|nuw %[[X]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// CHECK: llvm.sitofp %{{.*}} : i32 to f32
// CHECK: llvm.fmul
// CHECK: %[[LT:.*]] = llvm.fcmp "olt" %{{.*}}, %[[T]] : f32
// CHECK: %[[BIT:.*]] = llvm.zext %[[LT]] : i1 to i64
// CHECK: %[[SH:.*]] = llvm.shl %[[BIT]], %{{.*}} : i64
// CHECK: %[[W:.*]] = llvm.or %{{.*}}, %[[SH]] : i64
// CHECK: %[[YP:.*]] = llvm.getelementptr inbounds|nuw %[[Y]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK: llvm.store %[[W]], %[[YP]] : i64, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @binarize(%x: tensor<2x70x!quant.uniform<i8:f32, 0.5:-2>>)
    -> tensor<2x70x!qnn.binary<f32, 0.5>> {
  %y = qnn.binarize %x {threshold = 0.25 : f32}
      : tensor<2x70x!quant.uniform<i8:f32, 0.5:-2>> -> tensor<2x70x!qnn.binary<f32, 0.5>>
  return %y : tensor<2x70x!qnn.binary<f32, 0.5>>
}
