// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw,+avx512vnni,+avx512vbmi | FileCheck %s
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw,+avx512vnni | FileCheck %s --check-prefix=NOVBMI
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw,+avx512vnni,+avx512vbmi --qnn-decode-codebooks | FileCheck %s --check-prefix=FOLD
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx2 | FileCheck %s --check-prefix=AVX2
// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512f,+avx512bw | FileCheck %s --check-prefix=DOT512

// Codebook weights (qnn.decode of constant indices, rule N23): with
// AVX512_VBMI the vnni512 kernel decodes them in registers (decode =
// "registers", vpermb / vpermi2b) when the indices have at most 4 bits, the
// tables are one per layer or per output channel, and the input channels
// are a multiple of 4; otherwise it takes the int8 kernel and
// qnn-decode-codebooks folds the decode into constant weights first.
// With VNNI but no VBMI (Cascade Lake), the vnni512 kernel decodes under
// the same conditions with vpshufb lane tables (lookup = "vpshufb").
// Without VNNI the dot4 kernel decodes them under the same conditions, with
// vpshufb (AVX2 or AVX512BW; no VBMI needed). Its tiles are at most 4
// pixels, and on AVX2 2 with these tables (entries outside [-64, 64]: not
// narrow weights, see select-kernels.mlir), so the 8-row layer below
// decodes per block group.

!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8<-127:127>:f32, 0.1>
!y = !quant.uniform<i8:f32, 0.05:1>
!c4 = !qnn.codebook<4, !w, {-100, -20, 0, 20, 100}>
!c5 = !qnn.codebook<5, !w, {-100, -20, 0, 20, 100}>

// CHECK-LABEL: func.func @registers
// CHECK: qnn.fully_connected {{.*}} {qnn.kernel = {decode = "registers", kind = "vnni512", mr = 8 : i64, nr = 2 : i64}}
// NOVBMI-LABEL: func.func @registers
// NOVBMI: qnn.kernel = {decode = "registers", kind = "vnni512", lookup = "vpshufb", mr = 8 : i64, nr = 2 : i64}
// FOLD-LABEL: func.func @registers
// FOLD: qnn.decode
// AVX2-LABEL: func.func @registers
// AVX2: qnn.kernel = {decode = "block", kind = "dot4", mr = 2 : i64, nr = 1 : i64}
// DOT512-LABEL: func.func @registers
// DOT512: qnn.kernel = {decode = "block", kind = "dot4", mr = 4 : i64, nr = 2 : i64}
func.func @registers(%x: tensor<8x32x!x>) -> tensor<8x32x!y> {
  %i = arith.constant dense<3> : tensor<32x32xi8>
  %c = qnn.container_cast %i : tensor<32x32xi8> to tensor<32x32x!c4>
  %w = qnn.decode %c : tensor<32x32x!c4> -> tensor<32x32x!w>
  %y = qnn.fully_connected %x, %w : (tensor<8x32x!x>, tensor<32x32x!w>) -> tensor<8x32x!y>
  return %y : tensor<8x32x!y>
}

// 5-bit indices: the int8 kernel on folded weights.
// CHECK-LABEL: func.func @wide_indices
// CHECK: qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64}
// NOVBMI-LABEL: func.func @wide_indices
// NOVBMI: qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64}
// AVX2-LABEL: func.func @wide_indices
// AVX2: qnn.kernel = {kind = "dot4", mr = 2 : i64, nr = 1 : i64}
// FOLD-LABEL: func.func @wide_indices
// FOLD-NOT: qnn.decode
// FOLD: quant.scast
func.func @wide_indices(%x: tensor<8x32x!x>) -> tensor<8x32x!y> {
  %i = arith.constant dense<3> : tensor<32x32xi8>
  %c = qnn.container_cast %i : tensor<32x32xi8> to tensor<32x32x!c5>
  %w = qnn.decode %c : tensor<32x32x!c5> -> tensor<32x32x!w>
  %y = qnn.fully_connected %x, %w : (tensor<8x32x!x>, tensor<32x32x!w>) -> tensor<8x32x!y>
  return %y : tensor<8x32x!y>
}

// 6 input channels (not a multiple of 4): the int8 kernel on folded weights.
// CHECK-LABEL: func.func @ragged_inputs
// CHECK: qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64}
// NOVBMI-LABEL: func.func @ragged_inputs
// NOVBMI: qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 2 : i64}
// AVX2-LABEL: func.func @ragged_inputs
// AVX2: qnn.kernel = {kind = "dot4", mr = 2 : i64, nr = 1 : i64}
func.func @ragged_inputs(%x: tensor<8x6x!x>) -> tensor<8x32x!y> {
  %i = arith.constant dense<3> : tensor<32x6xi8>
  %c = qnn.container_cast %i : tensor<32x6xi8> to tensor<32x6x!c4>
  %w = qnn.decode %c : tensor<32x6x!c4> -> tensor<32x6x!w>
  %y = qnn.fully_connected %x, %w : (tensor<8x6x!x>, tensor<32x6x!w>) -> tensor<8x32x!y>
  return %y : tensor<8x32x!y>
}

// Indices given at run time: no kernel (the reference lowering decodes).
// CHECK-LABEL: func.func @runtime_indices
// CHECK-NOT: qnn.kernel
func.func @runtime_indices(%x: tensor<8x32x!x>, %i: tensor<32x32xi8>) -> tensor<8x32x!y> {
  %c = qnn.container_cast %i : tensor<32x32xi8> to tensor<32x32x!c4>
  %w = qnn.decode %c : tensor<32x32x!c4> -> tensor<32x32x!w>
  %y = qnn.fully_connected %x, %w : (tensor<8x32x!x>, tensor<32x32x!w>) -> tensor<8x32x!y>
  return %y : tensor<8x32x!y>
}

// More pixels than one tile: each group of channel blocks is decoded once
// into a scratch its tiles share (decode = "block").
// CHECK-LABEL: func.func @block
// CHECK: qnn.kernel = {decode = "block", kind = "vnni512", mr = 8 : i64, nr = 2 : i64}
// NOVBMI-LABEL: func.func @block
// NOVBMI: qnn.kernel = {decode = "block", kind = "vnni512", lookup = "vpshufb", mr = 8 : i64, nr = 2 : i64}
// AVX2-LABEL: func.func @block
// AVX2: qnn.kernel = {decode = "block", kind = "dot4", mr = 2 : i64, nr = 1 : i64}
func.func @block(%x: tensor<64x32x!x>) -> tensor<64x32x!y> {
  %i = arith.constant dense<3> : tensor<32x32xi8>
  %c = qnn.container_cast %i : tensor<32x32xi8> to tensor<32x32x!c4>
  %w = qnn.decode %c : tensor<32x32x!c4> -> tensor<32x32x!w>
  %y = qnn.fully_connected %x, %w : (tensor<64x32x!x>, tensor<32x32x!w>) -> tensor<64x32x!y>
  return %y : tensor<64x32x!y>
}

// One row of pixels, within one dot4 tile: decoded in registers before each
// dot product (each weight is used once).
// NOVBMI-LABEL: func.func @one_row
// NOVBMI: qnn.kernel = {decode = "registers", kind = "vnni512", lookup = "vpshufb", mr = 2 : i64, nr = 2 : i64}
// AVX2-LABEL: func.func @one_row
// AVX2: qnn.kernel = {decode = "registers", kind = "dot4", mr = 2 : i64, nr = 1 : i64}
func.func @one_row(%x: tensor<2x32x!x>) -> tensor<2x32x!y> {
  %i = arith.constant dense<3> : tensor<32x32xi8>
  %c = qnn.container_cast %i : tensor<32x32xi8> to tensor<32x32x!c4>
  %w = qnn.decode %c : tensor<32x32x!c4> -> tensor<32x32x!w>
  %y = qnn.fully_connected %x, %w : (tensor<2x32x!x>, tensor<32x32x!w>) -> tensor<2x32x!y>
  return %y : tensor<2x32x!y>
}

// A table within [-64, 64] makes narrow weights: 4-pixel tiles on AVX2, so
// these 4 rows are one tile and decode in registers.
// AVX2-LABEL: func.func @narrow_table
// AVX2: qnn.kernel = {decode = "registers", kind = "dot4", mr = 4 : i64, nr = 1 : i64}
!cn = !qnn.codebook<4, !w, {-64, -20, 0, 20, 64}>
func.func @narrow_table(%x: tensor<4x32x!x>) -> tensor<4x32x!y> {
  %i = arith.constant dense<3> : tensor<32x32xi8>
  %c = qnn.container_cast %i : tensor<32x32xi8> to tensor<32x32x!cn>
  %w = qnn.decode %c : tensor<32x32x!cn> -> tensor<32x32x!w>
  %y = qnn.fully_connected %x, %w : (tensor<4x32x!x>, tensor<32x32x!w>) -> tensor<4x32x!y>
  return %y : tensor<4x32x!y>
}

// Depthwise layers (dwvec) keep any codebook of constant indices, decoded
// once per call (decode = "block"); qnn-decode-codebooks leaves the decode
// in place for them. Runtime indices get no kernel, as above.
// CHECK-LABEL: func.func @depthwise
// CHECK: qnn.kernel = {decode = "block", kind = "dwvec", mr = 4 : i64}
// NOVBMI-LABEL: func.func @depthwise
// NOVBMI: qnn.kernel = {decode = "block", kind = "dwvec", mr = 4 : i64}
// AVX2-LABEL: func.func @depthwise
// AVX2: qnn.kernel = {decode = "block", kind = "dwvec", mr = 4 : i64}
// FOLD-LABEL: func.func @depthwise
// FOLD: qnn.decode
// FOLD: qnn.depthwise_conv2d
!wd = !quant.uniform<i8<-127:127>:f32:2, {0.1, 0.2, 0.1}>
!cd = !qnn.codebook<5, !wd, 2:{{-100, 0, 100}, {1, 2, 3}, {-1, -2, -3}}>
func.func @depthwise(%x: tensor<1x4x4x3x!x>) -> tensor<1x4x4x3x!y> {
  %i = arith.constant dense<2> : tensor<3x3x3x1xi8>
  %c = qnn.container_cast %i : tensor<3x3x3x1xi8> to tensor<3x3x3x1x!cd>
  %w = qnn.decode %c : tensor<3x3x3x1x!cd> -> tensor<3x3x3x1x!wd>
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x3x!x>, tensor<3x3x3x1x!wd>) -> tensor<1x4x4x3x!y>
  return %y : tensor<1x4x4x3x!y>
}
