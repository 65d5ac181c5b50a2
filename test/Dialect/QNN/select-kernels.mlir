// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw,+avx512vnni | FileCheck %s
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx2 | FileCheck %s --check-prefix=AVX2
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw | FileCheck %s --check-prefix=AVX512
// RUN: qnn-opt %s --qnn-select-kernels | FileCheck %s --check-prefix=NOSIMD

// Without AVX-512 VNNI conv2d and fully_connected take the same kernel as
// kind "dot4" (vpmaddubsw or vpmaddwd), with 4 x 2 tiles with AVX-512; on
// AVX2's 16 ymm registers 4 x 1 when the weights are narrow (each pair of
// input channels: positive weights summing to at most 128, negative ones
// to at least -128; vpmaddubsw) and 2 x 1 otherwise (pair-sum
// accumulators, four ymm each); without SIMD features nothing is chosen.
// AVX2-NOT: vnni512
// AVX2-LABEL: func.func @large
// AVX2: qnn.kernel = {kind = "dot4", mr = 4 : i64, nr = 1 : i64}
// AVX2-LABEL: func.func @narrow_edge
// AVX2: qnn.kernel = {kind = "dot4", mr = 4 : i64, nr = 1 : i64}
// AVX2: qnn.kernel = {kind = "dot4", mr = 4 : i64, nr = 1 : i64}
// AVX2-LABEL: func.func @wide_pairs
// AVX2: qnn.kernel = {kind = "dot4", mr = 2 : i64, nr = 1 : i64}
// AVX2: qnn.kernel = {kind = "dot4", mr = 2 : i64, nr = 1 : i64}
// AVX2: qnn.kernel = {kind = "dot4", mr = 2 : i64, nr = 1 : i64}
// AVX2-LABEL: func.func @depthwise
// AVX2: kind = "dwvec"
// AVX512-NOT: vnni512
// AVX512-LABEL: func.func @large
// AVX512: qnn.kernel = {kind = "dot4", mr = 4 : i64, nr = 2 : i64}
// NOSIMD-NOT: qnn.kernel

!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8<-127:127>:f32, 0.1>
!y = !quant.uniform<i8:f32, 0.05:1>

// 8 rows x 3 blocks of 16 channels when the problem is large enough.
// CHECK-LABEL: func.func @large
// CHECK: qnn.fully_connected {{.*}} {qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 3 : i64}}
func.func @large(%x: tensor<8x32x!x>) -> tensor<8x100x!y> {
  %c = arith.constant dense<1> : tensor<100x32xi8>
  %w = quant.scast %c : tensor<100x32xi8> to tensor<100x32x!w>
  %y = qnn.fully_connected %x, %w : (tensor<8x32x!x>, tensor<100x32x!w>) -> tensor<8x100x!y>
  return %y : tensor<8x100x!y>
}

// Narrow at the edge: pairs (64, 64) and (-64, -64), (127, 1) and
// (-1, -127); with 3 input channels the last one pairs with the zero
// padding, so 127 alone is narrow too.
// AVX512-LABEL: func.func @narrow_edge
// AVX512: qnn.kernel = {kind = "dot4", mr = 4 : i64, nr = 1 : i64}
func.func @narrow_edge(%x: tensor<8x4x!x>, %x3: tensor<8x3x!x>) -> (tensor<8x2x!y>, tensor<8x2x!y>) {
  %c = arith.constant dense<[[64, 64, -64, -64], [127, 1, -1, -127]]> : tensor<2x4xi8>
  %w = quant.scast %c : tensor<2x4xi8> to tensor<2x4x!w>
  %y = qnn.fully_connected %x, %w : (tensor<8x4x!x>, tensor<2x4x!w>) -> tensor<8x2x!y>
  %c3 = arith.constant dense<[[64, 64, 127], [-64, -64, -127]]> : tensor<2x3xi8>
  %w3 = quant.scast %c3 : tensor<2x3xi8> to tensor<2x3x!w>
  %y3 = qnn.fully_connected %x3, %w3 : (tensor<8x3x!x>, tensor<2x3x!w>) -> tensor<8x2x!y>
  return %y, %y3 : tensor<8x2x!y>, tensor<8x2x!y>
}

// One pair past the edge makes the layer wide: 65 + 64 > 128, -65 - 64 <
// -128; in a convolution too (input channels innermost: the pair is
// (channel 0, channel 1) of one tap).
// AVX512-LABEL: func.func @wide_pairs
// AVX512: qnn.kernel = {kind = "dot4", mr = 4 : i64, nr = 1 : i64}
func.func @wide_pairs(%x: tensor<8x4x!x>, %img: tensor<1x4x4x2x!x>) -> (tensor<8x2x!y>, tensor<8x2x!y>, tensor<1x4x4x2x!y>) {
  %c = arith.constant dense<[[1, 1, 1, 1], [0, 0, 65, 64]]> : tensor<2x4xi8>
  %w = quant.scast %c : tensor<2x4xi8> to tensor<2x4x!w>
  %y = qnn.fully_connected %x, %w : (tensor<8x4x!x>, tensor<2x4x!w>) -> tensor<8x2x!y>
  %n = arith.constant dense<[[-65, -64, 0, 0], [1, 1, 1, 1]]> : tensor<2x4xi8>
  %wn = quant.scast %n : tensor<2x4xi8> to tensor<2x4x!w>
  %yn = qnn.fully_connected %x, %wn : (tensor<8x4x!x>, tensor<2x4x!w>) -> tensor<8x2x!y>
  %k = arith.constant dense<[[[[1, 1]]], [[[100, 29]]]]> : tensor<2x1x1x2xi8>
  %wk = quant.scast %k : tensor<2x1x1x2xi8> to tensor<2x1x1x2x!w>
  %yk = qnn.conv2d %img, %wk {stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>} : (tensor<1x4x4x2x!x>, tensor<2x1x1x2x!w>) -> tensor<1x4x4x2x!y>
  return %y, %yn, %yk : tensor<8x2x!y>, tensor<8x2x!y>, tensor<1x4x4x2x!y>
}

// Small problems shrink the tile: 2 rows, ceil(20 / 16) = 2 blocks.
// CHECK-LABEL: func.func @small
// CHECK: {qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 2 : i64}}
func.func @small(%x: tensor<2x5x!x>) -> tensor<2x20x!y> {
  %c = arith.constant dense<1> : tensor<20x5xi8>
  %w = quant.scast %c : tensor<20x5xi8> to tensor<20x5x!w>
  %b = arith.constant dense<7> : tensor<20xi32>
  %y = qnn.fully_connected %x, %w, %b : (tensor<2x5x!x>, tensor<20x5x!w>, tensor<20xi32>) -> tensor<2x20x!y>
  return %y : tensor<2x20x!y>
}

// Weights that are function arguments cannot be packed at compile time.
// CHECK-LABEL: func.func @runtime_weights
// CHECK-NOT: qnn.kernel
// CHECK: return
func.func @runtime_weights(%x: tensor<2x5x!x>, %w: tensor<20x5x!w>) -> tensor<2x20x!y> {
  %y = qnn.fully_connected %x, %w : (tensor<2x5x!x>, tensor<20x5x!w>) -> tensor<2x20x!y>
  return %y : tensor<2x20x!y>
}

// A bias that is not constant cannot be folded with the zero point.
// CHECK-LABEL: func.func @runtime_bias
// CHECK-NOT: qnn.kernel
// CHECK: return
func.func @runtime_bias(%x: tensor<2x5x!x>, %b: tensor<20xi32>) -> tensor<2x20x!y> {
  %c = arith.constant dense<1> : tensor<20x5xi8>
  %w = quant.scast %c : tensor<20x5xi8> to tensor<20x5x!w>
  %y = qnn.fully_connected %x, %w, %b : (tensor<2x5x!x>, tensor<20x5x!w>, tensor<20xi32>) -> tensor<2x20x!y>
  return %y : tensor<2x20x!y>
}

// Asymmetric weights (zero point 3) need a row-sum correction the kernel
// does not have yet.
// CHECK-LABEL: func.func @asymmetric_weights
// CHECK-NOT: qnn.kernel
// CHECK: return
func.func @asymmetric_weights(%x: tensor<2x5x!x>) -> tensor<2x20x!y> {
  %c = arith.constant dense<1> : tensor<20x5xi8>
  %w = quant.scast %c : tensor<20x5xi8> to tensor<20x5x!quant.uniform<i8:f32, 0.1:3>>
  %y = qnn.fully_connected %x, %w : (tensor<2x5x!x>, tensor<20x5x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<2x20x!y>
  return %y : tensor<2x20x!y>
}

// 4-bit activations sit in byte containers (rule N1.4): vpdpbusd takes them
// like s8 ones (top bit flipped). With 8-bit weights the bit-serial kernel
// would need 4 x 2 plane pairs (the weights 1 need 2 bits), more than int8.
// CHECK-LABEL: func.func @i4_activations
// CHECK: qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 2 : i64}
func.func @i4_activations(%x: tensor<2x5x!quant.uniform<i4:f32, 0.1>>) -> tensor<2x20x!y> {
  %c = arith.constant dense<1> : tensor<20x5xi8>
  %w = quant.scast %c : tensor<20x5xi8> to tensor<20x5x!w>
  %y = qnn.fully_connected %x, %w : (tensor<2x5x!quant.uniform<i4:f32, 0.1>>, tensor<20x5x!w>) -> tensor<2x20x!y>
  return %y : tensor<2x20x!y>
}

// conv2d: mr output pixels along a row. A width of 56 takes 8; 28 and 14
// take 7 (no remainder tile); 10 takes 5; 13 (no divisor in 4..8) takes 8
// with a remainder; a width of at most 8 is one tile. nr = ceil(32 / 16) = 2.
// CHECK-LABEL: func.func @conv_rows
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64}{{.*}} -> tensor<1x1x56x32x!quant.uniform
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 7 : i64, nr = 2 : i64}{{.*}} -> tensor<1x1x28x32x!quant.uniform
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 7 : i64, nr = 2 : i64}{{.*}} -> tensor<1x1x14x32x!quant.uniform
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 5 : i64, nr = 2 : i64}{{.*}} -> tensor<1x1x10x32x!quant.uniform
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64}{{.*}} -> tensor<1x1x13x32x!quant.uniform
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 3 : i64, nr = 2 : i64}{{.*}} -> tensor<1x1x3x32x!quant.uniform
func.func @conv_rows(%x56: tensor<1x1x56x8x!x>, %x28: tensor<1x1x28x8x!x>, %x14: tensor<1x1x14x8x!x>,
                     %x10: tensor<1x1x10x8x!x>, %x13: tensor<1x1x13x8x!x>, %x3: tensor<1x1x3x8x!x>) {
  %c = arith.constant dense<1> : tensor<32x1x1x8xi8>
  %w = quant.scast %c : tensor<32x1x1x8xi8> to tensor<32x1x1x8x!w>
  %0 = qnn.conv2d %x56, %w : (tensor<1x1x56x8x!x>, tensor<32x1x1x8x!w>) -> tensor<1x1x56x32x!y>
  %1 = qnn.conv2d %x28, %w : (tensor<1x1x28x8x!x>, tensor<32x1x1x8x!w>) -> tensor<1x1x28x32x!y>
  %2 = qnn.conv2d %x14, %w : (tensor<1x1x14x8x!x>, tensor<32x1x1x8x!w>) -> tensor<1x1x14x32x!y>
  %3 = qnn.conv2d %x10, %w : (tensor<1x1x10x8x!x>, tensor<32x1x1x8x!w>) -> tensor<1x1x10x32x!y>
  %4 = qnn.conv2d %x13, %w : (tensor<1x1x13x8x!x>, tensor<32x1x1x8x!w>) -> tensor<1x1x13x32x!y>
  %5 = qnn.conv2d %x3, %w : (tensor<1x1x3x8x!x>, tensor<32x1x1x8x!w>) -> tensor<1x1x3x32x!y>
  return
}

// conv2d with weights given at run time keeps the reference lowering.
// CHECK-LABEL: func.func @conv_runtime_weights
// CHECK-NOT: qnn.kernel
// CHECK: return
func.func @conv_runtime_weights(%x: tensor<1x4x4x8x!x>, %w: tensor<16x3x3x8x!w>) -> tensor<1x2x2x16x!y> {
  %y = qnn.conv2d %x, %w : (tensor<1x4x4x8x!x>, tensor<16x3x3x8x!w>) -> tensor<1x2x2x16x!y>
  return %y : tensor<1x2x2x16x!y>
}

// depthwise_conv2d with multiplier 1 takes the dwvec kernel: mr pixels along
// a row as for conv2d (28 -> 7).
// CHECK-LABEL: func.func @depthwise
// CHECK: qnn.depthwise_conv2d {{.*}}qnn.kernel = {kind = "dwvec", mr = 7 : i64}
func.func @depthwise(%x: tensor<1x28x28x8x!x>) -> tensor<1x28x28x8x!y> {
  %c = arith.constant dense<1> : tensor<3x3x8x1xi8>
  %w = quant.scast %c : tensor<3x3x8x1xi8> to tensor<3x3x8x1x!w>
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x28x28x8x!x>, tensor<3x3x8x1x!w>) -> tensor<1x28x28x8x!y>
  return %y : tensor<1x28x28x8x!y>
}

// A channel multiplier of 2 keeps the reference lowering.
// CHECK-LABEL: func.func @depthwise_multiplier
// CHECK-NOT: qnn.kernel
// CHECK: return
func.func @depthwise_multiplier(%x: tensor<1x4x4x8x!x>) -> tensor<1x2x2x16x!y> {
  %c = arith.constant dense<1> : tensor<3x3x8x2xi8>
  %w = quant.scast %c : tensor<3x3x8x2xi8> to tensor<3x3x8x2x!w>
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x4x4x8x!x>, tensor<3x3x8x2x!w>) -> tensor<1x2x2x16x!y>
  return %y : tensor<1x2x2x16x!y>
}

// Padding: a padded copy of the 112x112x32 input (114 * 114 * 32 bytes =
// 406 KiB > 96 KiB) gives way to padding one output row at a time; the
// 14x14 input (16 * 16 * 32 = 8 KiB) is padded whole (no `pad` entry).
// CHECK-LABEL: func.func @pad_modes
// CHECK: qnn.depthwise_conv2d {{.*}}qnn.kernel = {kind = "dwvec", mr = 8 : i64, pad = "band"}
// CHECK: qnn.depthwise_conv2d {{.*}}qnn.kernel = {kind = "dwvec", mr = 7 : i64}}
// 56x56x64 conv: 58 * 58 * 64 = 210 KiB -> band; unpadded u8 with 64
// channels needs no copy at all -> no `pad` entry (width 54: mr = 6). The
// 4 channel blocks go 2 per tile (3 would leave a single-block tile).
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64, pad = "band"}
// CHECK: qnn.conv2d {{.*}}qnn.kernel = {kind = "vnni512", mr = 6 : i64, nr = 2 : i64}}
func.func @pad_modes(%x: tensor<1x112x112x32x!x>, %x2: tensor<1x14x14x32x!x>, %x3: tensor<1x56x56x64x!x>) {
  %c = arith.constant dense<1> : tensor<3x3x32x1xi8>
  %w = quant.scast %c : tensor<3x3x32x1xi8> to tensor<3x3x32x1x!w>
  %0 = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x112x112x32x!x>, tensor<3x3x32x1x!w>) -> tensor<1x112x112x32x!y>
  %1 = qnn.depthwise_conv2d %x2, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x14x14x32x!x>, tensor<3x3x32x1x!w>) -> tensor<1x14x14x32x!y>
  %c2 = arith.constant dense<1> : tensor<64x3x3x64xi8>
  %w2 = quant.scast %c2 : tensor<64x3x3x64xi8> to tensor<64x3x3x64x!w>
  %2 = qnn.conv2d %x3, %w2 {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x56x56x64x!x>, tensor<64x3x3x64x!w>) -> tensor<1x56x56x64x!y>
  %3 = qnn.conv2d %x3, %w2 : (tensor<1x56x56x64x!x>, tensor<64x3x3x64x!w>) -> tensor<1x54x54x64x!y>
  return
}

// Channel blocks per tile: 3 when they divide the blocks or 2 would not
// either (7 blocks of 100 channels above, 6 blocks here), else 2 (8 blocks).
// CHECK-LABEL: func.func @block_tiles
// CHECK: qnn.fully_connected {{.*}}qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 3 : i64}{{.*}} -> tensor<8x96x
// CHECK: qnn.fully_connected {{.*}}qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64}{{.*}} -> tensor<8x128x
func.func @block_tiles(%x: tensor<8x32x!x>) {
  %c = arith.constant dense<1> : tensor<96x32xi8>
  %w = quant.scast %c : tensor<96x32xi8> to tensor<96x32x!w>
  %0 = qnn.fully_connected %x, %w : (tensor<8x32x!x>, tensor<96x32x!w>) -> tensor<8x96x!y>
  %c2 = arith.constant dense<1> : tensor<128x32xi8>
  %w2 = quant.scast %c2 : tensor<128x32xi8> to tensor<128x32x!w>
  %1 = qnn.fully_connected %x, %w2 : (tensor<8x32x!x>, tensor<128x32x!w>) -> tensor<8x128x!y>
  return
}
