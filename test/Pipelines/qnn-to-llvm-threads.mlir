// RUN: qnn-opt %s --qnn-to-llvm="kernels=auto target-features=+avx512f,+avx512bw,+avx512vnni threads=2" | FileCheck %s
// RUN: qnn-opt %s --qnn-to-llvm="kernels=auto target-features=+avx512f,+avx512bw,+avx512vnni" | FileCheck %s --check-prefix=ONE

// threads=2: the kernel's scf.forall becomes an OpenMP parallel loop over
// the 2 parts, with 2 threads, in the LLVM dialect; no alloca scope or other
// non-LLVM op is left.
// CHECK-LABEL: llvm.func @conv(
// CHECK: %[[N:.*]] = llvm.mlir.constant(2 : i32) : i32
// CHECK: omp.parallel num_threads(%[[N]] : i32) {
// CHECK: omp.wsloop {
// CHECK: omp.loop_nest
// CHECK: llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"
// CHECK: omp.yield
// CHECK: omp.terminator
// CHECK-NOT: memref.alloca_scope
// ONE-LABEL: llvm.func @conv(
// ONE-NOT: omp.
func.func @conv(%x: tensor<1x6x8x8x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x4x6x16x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<16x3x3x8xi8>
  %w = quant.scast %c : tensor<16x3x3x8xi8> to tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.conv2d %x, %w : (tensor<1x6x8x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x6x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x4x6x16x!quant.uniform<i8:f32, 0.05>>
}
