// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw,+avx512vnni,+avx512vpopcntdq | FileCheck %s
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw | FileCheck %s --check-prefix=NOVNNI
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx2 | FileCheck %s --check-prefix=AVX2

// Low-bit conv2d / fully_connected take the bit-serial kernel where it
// beats the int8 one: activation bits x weight planes <= 2 with VNNI
// (2-bit activations x bipolar weights), <= 4 without (2 x 2). The tile
// holds 24 accumulators: nr = min(3, blocks of 8), mr = 24 / (nr * pairs).
// AVX2 alone (no zmm popcount) keeps the int8 kernels.

!x2 = !quant.uniform<u2:f32, 0.5:1>
!y = !quant.uniform<i8:f32, 0.05:-3>

// 2-bit x bipolar (+-1 weights): 2 pairs.
// CHECK-LABEL: func.func @two_by_one
// CHECK: qnn.kernel = {kind = "bitserial", lanes = 8 : i64, mr = 4 : i64, nr = 3 : i64}
// NOVNNI-LABEL: func.func @two_by_one
// NOVNNI: kind = "bitserial"
// AVX2-LABEL: func.func @two_by_one
// AVX2: kind = "dot4"
func.func @two_by_one(%x: tensor<1x8x8x64x!x2>) -> tensor<1x8x8x64x!y> {
  %c = arith.constant dense<-1> : tensor<64x3x3x64xi2>
  %w = quant.scast %c : tensor<64x3x3x64xi2> to tensor<64x3x3x64x!quant.uniform<i2<-1:1>:f32, 0.1>>
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x64x!x2>, tensor<64x3x3x64x!quant.uniform<i2<-1:1>:f32, 0.1>>) -> tensor<1x8x8x64x!y>
  return %y : tensor<1x8x8x64x!y>
}

// 2-bit x 2-bit (values -2..1): 4 pairs: int8 with VNNI, bit-serial without.
// CHECK-LABEL: func.func @two_by_two
// CHECK: kind = "vnni512"
// NOVNNI-LABEL: func.func @two_by_two
// NOVNNI: qnn.kernel = {kind = "bitserial", lanes = 8 : i64, mr = 2 : i64, nr = 3 : i64}
func.func @two_by_two(%x: tensor<1x8x8x64x!x2>) -> tensor<1x8x8x64x!y> {
  %c = arith.constant dense<-2> : tensor<64x3x3x64xi2>
  %w = quant.scast %c : tensor<64x3x3x64xi2> to tensor<64x3x3x64x!quant.uniform<i2:f32, 0.1>>
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x64x!x2>, tensor<64x3x3x64x!quant.uniform<i2:f32, 0.1>>) -> tensor<1x8x8x64x!y>
  return %y : tensor<1x8x8x64x!y>
}

// A fully connected layer with 1-bit activations and ternary weights (2
// planes: 1 and -1 need two's complement): 2 pairs; 10 outputs are 2 blocks,
// 24 / (2 * 2) = 6 rows, capped at the 5 rows there are.
// CHECK-LABEL: func.func @fc_one_bit
// CHECK: qnn.kernel = {kind = "bitserial", lanes = 8 : i64, mr = 5 : i64, nr = 2 : i64}
func.func @fc_one_bit(%x: tensor<5x3x!quant.uniform<u1:f32, 1.0>>) -> tensor<5x10x!y> {
  %c = arith.constant dense<[[-1, 0, 1], [1, 1, 1], [0, 0, 0], [-1, -1, 0], [1, 0, -1], [0, 1, 0], [1, -1, 1], [0, 0, 1], [-1, 1, 0], [1, 1, -1]]> : tensor<10x3xi2>
  %w = quant.scast %c : tensor<10x3xi2> to tensor<10x3x!quant.uniform<i2<-1:1>:f32, 0.1>>
  %y = qnn.fully_connected %x, %w : (tensor<5x3x!quant.uniform<u1:f32, 1.0>>, tensor<10x3x!quant.uniform<i2<-1:1>:f32, 0.1>>) -> tensor<5x10x!y>
  return %y : tensor<5x10x!y>
}

// 4-bit activations x bipolar weights: 4 pairs, int8 with VNNI.
// CHECK-LABEL: func.func @four_by_one
// CHECK: kind = "vnni512"
func.func @four_by_one(%x: tensor<1x8x8x64x!quant.uniform<u4:f32, 0.5:1>>) -> tensor<1x8x8x64x!y> {
  %c = arith.constant dense<1> : tensor<64x3x3x64xi2>
  %w = quant.scast %c : tensor<64x3x3x64xi2> to tensor<64x3x3x64x!quant.uniform<i2<-1:1>:f32, 0.1>>
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x64x!quant.uniform<u4:f32, 0.5:1>>, tensor<64x3x3x64x!quant.uniform<i2<-1:1>:f32, 0.1>>) -> tensor<1x8x8x64x!y>
  return %y : tensor<1x8x8x64x!y>
}
