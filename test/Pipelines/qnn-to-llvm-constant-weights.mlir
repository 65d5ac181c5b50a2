// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|quant|linalg|tensor|memref|bufferization|arith|func)\.[a-z]}}'

// Quantized weights enter as integer constants through quant.scast; they
// become private LLVM globals next to the requantization constants, and the
// function keeps only the activation input and the output as arguments.

// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<{{\[\[}}1, 2, 3, 4], [-1, -2, -3, -4]]> : tensor<2x4xi8>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[10, -10]> : tensor<2xi32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<1073741824> : tensor<2xi32>)
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<[1, 0]> : tensor<2xi32>)
// CHECK-LABEL: llvm.func @fc_const_weights
// CHECK-SAME: (%{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr) {
// CHECK: llvm.mlir.addressof
// CHECK: llvm.return{{$}}
func.func @fc_const_weights(%x: tensor<1x4x!quant.uniform<i8:f32, 0.5:-1>>)
    -> tensor<1x2x!quant.uniform<i8:f32, 0.5>> {
  %c = arith.constant dense<[[1, 2, 3, 4], [-1, -2, -3, -4]]> : tensor<2x4xi8>
  %w = quant.scast %c : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.5}>>
  %b = arith.constant dense<[10, -10]> : tensor<2xi32>
  %y = qnn.fully_connected %x, %w, %b
      : (tensor<1x4x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.5}>>, tensor<2xi32>)
      -> tensor<1x2x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x2x!quant.uniform<i8:f32, 0.5>>
}
