// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'
// RUN: qnn-opt %s --qnn-to-llvm=requant-mode=float | FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// Depthwise convolution with padding, per-axis weights and a bias through
// the whole pipeline: the expand/collapse reshapes and the pad disappear
// into loops over bare pointers.

// CHECK-LABEL: llvm.func @depthwise
// CHECK-SAME: (%{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr) {
// CHECK: llvm.store %{{.*}}, %{{.*}} : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @depthwise(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:130>>,
                     %w: tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.25:1, 3.0:-2}>>,
                     %b: tensor<4xi32>) -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5:4>> {
  %y = qnn.depthwise_conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu>}
      : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.5:130>>,
         tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.25:1, 3.0:-2}>>, tensor<4xi32>)
      -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5:4>>
  return %y : tensor<1x4x4x4x!quant.uniform<i8:f32, 0.5:4>>
}
