// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512vpopcntdq | FileCheck %s
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw | FileCheck %s
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx2 | FileCheck %s --check-prefix=AVX2
// RUN: qnn-opt %s --qnn-select-kernels | FileCheck %s --check-prefix=NOSIMD

// Binary layers with constant weights (qnn.bitunpack of an arith.constant)
// take the bpop kernel: 8 i64 lanes per block where the zmm popcount is
// native (AVX512_VPOPCNTDQ) or a vpshufb table (AVX512BW), 6 pixels x 4
// blocks; 4 lanes and 3 x 2 with AVX2. Tiles shrink to small problems.
// NOSIMD-NOT: qnn.kernel

!b = !qnn.binary<f32, 1.0>

// CHECK-LABEL: func.func @conv
// CHECK: qnn.bconv2d {{.*}}qnn.kernel = {kind = "bpop", lanes = 8 : i64, mr = 6 : i64, nr = 4 : i64}
// AVX2-LABEL: func.func @conv
// AVX2: qnn.kernel = {kind = "bpop", lanes = 4 : i64, mr = 3 : i64, nr = 2 : i64}
func.func @conv(%x: tensor<1x8x8x64x!b>) -> tensor<1x8x8x64xf32> {
  %c = arith.constant dense<5> : tensor<64x3x3x1xi64>
  %w = qnn.bitunpack %c : tensor<64x3x3x1xi64> -> tensor<64x3x3x64x!b>
  %y = qnn.bconv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x64x!b>, tensor<64x3x3x64x!b>) -> tensor<1x8x8x64xf32>
  return %y : tensor<1x8x8x64xf32>
}

// 2 rows, ceil(10 / 8) = 2 blocks.
// CHECK-LABEL: func.func @fc_small
// CHECK: qnn.bfully_connected {{.*}}qnn.kernel = {kind = "bpop", lanes = 8 : i64, mr = 2 : i64, nr = 2 : i64}
func.func @fc_small(%x: tensor<2x70x!b>) -> tensor<2x10xf32> {
  %c = arith.constant dense<5> : tensor<10x2xi64>
  %w = qnn.bitunpack %c : tensor<10x2xi64> -> tensor<10x70x!b>
  %bias = arith.constant dense<0.5> : tensor<10xf32>
  %y = qnn.bfully_connected %x, %w, %bias : (tensor<2x70x!b>, tensor<10x70x!b>, tensor<10xf32>) -> tensor<2x10xf32>
  return %y : tensor<2x10xf32>
}

// Weights that are not constant keep the reference lowering.
// CHECK-LABEL: func.func @runtime_weights
// CHECK-NOT: qnn.kernel
// CHECK: return
func.func @runtime_weights(%x: tensor<2x70x!b>, %w: tensor<10x70x!b>) -> tensor<2x10xf32> {
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!b>, tensor<10x70x!b>) -> tensor<2x10xf32>
  return %y : tensor<2x10xf32>
}
