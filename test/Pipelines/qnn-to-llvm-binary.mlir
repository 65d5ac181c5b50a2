// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// Binary ops: packed i64 words through bare pointers, popcount as the LLVM
// intrinsic.

// CHECK-LABEL: llvm.func @binarize
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.fcmp "olt"
// CHECK: llvm.shl
// CHECK: llvm.or
// CHECK: llvm.store %{{.*}}, %{{.*}} : i64, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @binarize(%x: tensor<2x70xf32>) -> tensor<2x70x!qnn.binary<f32, 0.5>> {
  %y = qnn.binarize %x : tensor<2x70xf32> -> tensor<2x70x!qnn.binary<f32, 0.5>>
  return %y : tensor<2x70x!qnn.binary<f32, 0.5>>
}

// CHECK-LABEL: llvm.func @bconv
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.xor
// CHECK: llvm.intr.ctpop(%{{.*}}) : (i64) -> i64
// CHECK: llvm.return{{$}}
func.func @bconv(%x: tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
                 %w: tensor<3x1x3x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>,
                 %b: tensor<3xf32>) -> tensor<1x2x2x3x!quant.uniform<i8:f32, 0.05:2>> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 1>}
      : (tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
         tensor<3x1x3x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>, tensor<3xf32>)
      -> tensor<1x2x2x3x!quant.uniform<i8:f32, 0.05:2>>
  return %y : tensor<1x2x2x3x!quant.uniform<i8:f32, 0.05:2>>
}

// CHECK-LABEL: llvm.func @bfc_bitpack
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.intr.ctpop
// CHECK: llvm.return{{$}}
func.func @bfc_bitpack(%x: tensor<2x70x!qnn.binary<f32, 1.0>>,
                       %w: tensor<100x70x!qnn.binary<f32, 0.5>>) -> tensor<2x2xi64> {
  %y = qnn.bfully_connected %x, %w
      : (tensor<2x70x!qnn.binary<f32, 1.0>>, tensor<100x70x!qnn.binary<f32, 0.5>>)
      -> tensor<2x100x!qnn.binary<f32, 1.0>>
  %p = qnn.bitpack %y : tensor<2x100x!qnn.binary<f32, 1.0>> -> tensor<2x2xi64>
  return %p : tensor<2x2xi64>
}
