// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// The pipeline produces the C ABI of docs/abi.md: one llvm.func per
// func.func, every argument a bare !llvm.ptr (inputs in order, then one
// caller-allocated output buffer per result) and no return value. Nothing
// of qnn, linalg, tensor, memref, arith or func is left.

// CHECK: llvm.mlir.global private constant @{{.*}}(dense<1374389535> : tensor<1xi32>)
// CHECK-LABEL: llvm.func @conv
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.call @malloc
// CHECK: llvm.mul
// CHECK: llvm.ashr %{{.*}}, %{{.*}} : i64
// CHECK: llvm.store %{{.*}}, %{{.*}} : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @conv(%x: tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
                %w: tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>,
                %b: tensor<2xi32>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w, %b {pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>}
      : (tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<2x3x3x3x!quant.uniform<i8:f32, 0.1>>, tensor<2xi32>)
      -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
}
