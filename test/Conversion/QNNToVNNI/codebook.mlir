// RUN: qnn-opt %s --convert-qnn-to-vnni --mlir-print-elementsattrs-with-hex-if-larger=1000 | FileCheck %s

// Codebook weights decoded in registers (rule N23) by kind: "dot4" (targets
// without VBMI) looks them up with qnn.lane_lookup16 (vpshufb), one 16-entry
// table per 16-byte lane. Per output channel: four table vectors per block
// of 16 channels, vector p holding in lane L the table of channel 4 L + p,
// four lookups merged by arith.select (byte j is channel j / 4). Per layer:
// one vector with the table in each lane, one lookup. "vnni512" keeps the
// vpermb layout: channel o's 4-entry table at byte 4 o of one vector.
// Channel o's table here is {o, o + 20}.

// Indices are stored at the codebook's width (1 as 2 bits): all 1 at 2 bits
// packs 4 to a byte, 0b01010101 = 85, in 16 bytes per 64 weights; at 4
// bits, 2 to a byte (17) in 32; all 5 at 3 bits, the low 2 bits as for 2
// bits (85), then 8 bytes of third bits (all set: -1).
// CHECK: #[[NOUNROLL:.*]] = #llvm.loop_annotation<unroll = #{{.*}}>
// CHECK-LABEL: func.func @channel_dot4
// CHECK: arith.constant dense<85> : tensor<1x2x16xi8>
// CHECK: arith.constant dense<{{\[\[\[}}0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 24, 0, {{.*}}, 12, 32, 0, {{.*}}], [1, 21, 0, {{.*}}, 5, 25, 0, {{.*}}], [2, 22, 0, {{.*}}], [3, 23, 0, {{.*}}, 15, 35, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]]> : tensor<1x4x64xi8>
// CHECK-COUNT-4: vector.transfer_read {{.*}} : tensor<1x4x64xi8>, vector<64xi8>
// CHECK: %[[L0:.*]] = qnn.lane_lookup16
// CHECK: %[[M1:.*]] = arith.constant dense<[false, false, false, false, true, true, true, true, false, false, false, false, false, false, false, false, false, false, false, false, true, true, true, true,
// CHECK-NEXT: %[[L1:.*]] = qnn.lane_lookup16
// CHECK-NEXT: %[[S1:.*]] = arith.select %[[M1]], %[[L1]], %[[L0]]
// CHECK-NEXT: %[[M2:.*]] = arith.constant dense<[false, false, false, false, false, false, false, false, true, true, true, true, false, false, false, false,
// CHECK-NEXT: %[[L2:.*]] = qnn.lane_lookup16
// CHECK-NEXT: %[[S2:.*]] = arith.select %[[M2]], %[[L2]], %[[S1]]
// CHECK-NEXT: %[[M3:.*]] = arith.constant dense<[false, false, false, false, false, false, false, false, false, false, false, false, true, true, true, true,
// CHECK-NEXT: %[[L3:.*]] = qnn.lane_lookup16
// CHECK-NEXT: arith.select %[[M3]], %[[L3]], %[[S2]]
// CHECK-NOT: qnn.permute_bytes
// CHECK: qnn.dot_u8i8
// CHECK-LABEL: func.func @layer_dot4
// CHECK: arith.constant dense<17> : tensor<1x2x32xi8>
// CHECK: arith.constant dense<{{\[\[\[}}-100, -20, 0, 20, 100, 0, {{.*}}, 0, -100, -20, 0, 20, 100, 0, {{.*}}, 0, -100, -20, 0, 20, 100, 0, {{.*}}, 0, -100, -20, 0, 20, 100, 0, {{.*}}]]]> : tensor<1x1x64xi8>
// CHECK: qnn.lane_lookup16
// CHECK-NOT: qnn.lane_lookup16
// CHECK-NOT: arith.select
// CHECK: qnn.dot_u8i8
// CHECK-LABEL: func.func @channel_vnni
// CHECK: arith.constant dense<{{\[\[\[}}0, 20, 0, 0, 1, 21, 0, 0, 2, 22, 0, 0,
// CHECK-NOT: qnn.lane_lookup16
// CHECK: qnn.permute_bytes
// CHECK: qnn.dot_u8i8
// The vnni512 kernel with lookup = "vpshufb" (VNNI without VBMI): dot4's
// lane tables and lookups, then vnni512's tile (qnn.dot_u8i8 becomes
// vpdpbusd there).
// CHECK-LABEL: func.func @channel_vnni_vpshufb
// CHECK: arith.constant dense<{{\[\[\[}}0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 24, 0, {{.*}}> : tensor<1x4x64xi8>
// CHECK-COUNT-4: qnn.lane_lookup16
// CHECK-NOT: qnn.permute_bytes
// CHECK: qnn.dot_u8i8

!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8<-127:127>:f32, 0.1>
!y = !quant.uniform<i8:f32, 0.05:1>
func.func @channel_dot4(%x: tensor<1x8x!x>) -> tensor<1x16x!y> {
  %i = arith.constant dense<1> : tensor<16x8xi8>
  %c = qnn.container_cast %i : tensor<16x8xi8> to tensor<16x8x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32, 0.1>, 0:{{0, 20}, {1, 21}, {2, 22}, {3, 23}, {4, 24}, {5, 25}, {6, 26}, {7, 27}, {8, 28}, {9, 29}, {10, 30}, {11, 31}, {12, 32}, {13, 33}, {14, 34}, {15, 35}}>>
  %w = qnn.decode %c : tensor<16x8x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32, 0.1>, 0:{{0, 20}, {1, 21}, {2, 22}, {3, 23}, {4, 24}, {5, 25}, {6, 26}, {7, 27}, {8, 28}, {9, 29}, {10, 30}, {11, 31}, {12, 32}, {13, 33}, {14, 34}, {15, 35}}>> -> tensor<16x8x!w>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "dot4", mr = 1 : i64, nr = 1 : i64, decode = "registers"}} : (tensor<1x8x!x>, tensor<16x8x!w>) -> tensor<1x16x!y>
  return %y : tensor<1x16x!y>
}
func.func @layer_dot4(%x: tensor<1x8x!x>) -> tensor<1x16x!y> {
  %i = arith.constant dense<1> : tensor<16x8xi8>
  %c = qnn.container_cast %i : tensor<16x8xi8> to tensor<16x8x!qnn.codebook<4, !quant.uniform<i8<-127:127>:f32, 0.1>, {-100, -20, 0, 20, 100}>>
  %w = qnn.decode %c : tensor<16x8x!qnn.codebook<4, !quant.uniform<i8<-127:127>:f32, 0.1>, {-100, -20, 0, 20, 100}>> -> tensor<16x8x!w>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "dot4", mr = 1 : i64, nr = 1 : i64, decode = "block"}} : (tensor<1x8x!x>, tensor<16x8x!w>) -> tensor<1x16x!y>
  return %y : tensor<1x16x!y>
}
func.func @channel_vnni(%x: tensor<1x8x!x>) -> tensor<1x16x!y> {
  %i = arith.constant dense<1> : tensor<16x8xi8>
  %c = qnn.container_cast %i : tensor<16x8xi8> to tensor<16x8x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32, 0.1>, 0:{{0, 20}, {1, 21}, {2, 22}, {3, 23}, {4, 24}, {5, 25}, {6, 26}, {7, 27}, {8, 28}, {9, 29}, {10, 30}, {11, 31}, {12, 32}, {13, 33}, {14, 34}, {15, 35}}>>
  %w = qnn.decode %c : tensor<16x8x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32, 0.1>, 0:{{0, 20}, {1, 21}, {2, 22}, {3, 23}, {4, 24}, {5, 25}, {6, 26}, {7, 27}, {8, 28}, {9, 29}, {10, 30}, {11, 31}, {12, 32}, {13, 33}, {14, 34}, {15, 35}}>> -> tensor<16x8x!w>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64, decode = "registers"}} : (tensor<1x8x!x>, tensor<16x8x!w>) -> tensor<1x16x!y>
  return %y : tensor<1x16x!y>
}
func.func @channel_vnni_vpshufb(%x: tensor<1x8x!x>) -> tensor<1x16x!y> {
  %i = arith.constant dense<1> : tensor<16x8xi8>
  %c = qnn.container_cast %i : tensor<16x8xi8> to tensor<16x8x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32, 0.1>, 0:{{0, 20}, {1, 21}, {2, 22}, {3, 23}, {4, 24}, {5, 25}, {6, 26}, {7, 27}, {8, 28}, {9, 29}, {10, 30}, {11, 31}, {12, 32}, {13, 33}, {14, 34}, {15, 35}}>>
  %w = qnn.decode %c : tensor<16x8x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32, 0.1>, 0:{{0, 20}, {1, 21}, {2, 22}, {3, 23}, {4, 24}, {5, 25}, {6, 26}, {7, 27}, {8, 28}, {9, 29}, {10, 30}, {11, 31}, {12, 32}, {13, 33}, {14, 34}, {15, 35}}>> -> tensor<16x8x!w>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64, decode = "registers", lookup = "vpshufb"}} : (tensor<1x8x!x>, tensor<16x8x!w>) -> tensor<1x16x!y>
  return %y : tensor<1x16x!y>
}

// CHECK-LABEL: func.func @three_bits
// CHECK: arith.constant dense<{{\[\[\[}}85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, 85, -1, -1, -1, -1, -1, -1, -1, -1], [85, {{.*}}, -1]]]> : tensor<1x2x24xi8>
// CHECK: qnn.lane_lookup16
func.func @three_bits(%x: tensor<1x8x!x>) -> tensor<1x16x!y> {
  %i = arith.constant dense<5> : tensor<16x8xi8>
  %c = qnn.container_cast %i : tensor<16x8xi8> to tensor<16x8x!qnn.codebook<3, !quant.uniform<i8<-127:127>:f32, 0.1>, {-100, -20, 0, 20, 100, 110, 120}>>
  %w = qnn.decode %c : tensor<16x8x!qnn.codebook<3, !quant.uniform<i8<-127:127>:f32, 0.1>, {-100, -20, 0, 20, 100, 110, 120}>> -> tensor<16x8x!w>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "dot4", mr = 1 : i64, nr = 1 : i64, decode = "registers"}} : (tensor<1x8x!x>, tensor<16x8x!w>) -> tensor<1x16x!y>
  return %y : tensor<1x16x!y>
}

// Depthwise (dwvec, decode = "block"), tables along the channel axis: the
// indices packed per block of 16 channels and tap pair in the kernel's
// order (lane j: channel j / 2, tap 2p + j % 2; 3 bits in 4-bit slots, lane
// j in byte j % 16 at bit 4 (j / 16)). Channel c's taps hold (3 t + c) % 8:
// pair 0 -> 0, 3, 1, 4, 2, 5; pair 4 (tap 8 and none) -> 0, 0, 1, 0, 2, 0.
// The tables as [entry, channel] i8 (entry 0: -100, 1, -1). Per block, each
// entry's 16 channels are read once and doubled; per pair, the indices are
// unpacked by shift and mask and looked up with one select per entry; the
// last pair's odd tap is masked to 0. No i16 weight constant, no scalar
// decode loop. The bias still folds the decoded weights' sums: channel 0
// takes entries 0, 3, 6, 1, 4, 7, 2, 5, 0 of its table, so -128 * (-100 +
// 20 + 5 - 20 + 100 + 7 + 0 + 3 - 100) = 10880.
// CHECK-LABEL: func.func @depthwise
// CHECK: arith.constant dense<{{\[\[\[}}0, 3, 1, 4, 2, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [6, 1, 7, 2, 0, 3, 0, {{.*}}], [0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]]> : tensor<1x5x16xi8>
// CHECK: arith.constant dense<{{\[\[}}-100, 1, -1, 0, {{.*}}, [7, 8, -8, 0, {{.*}}]]> : tensor<8x16xi8>
// CHECK-NOT: tensor.generate
// CHECK-COUNT-8: vector.transfer_read {{.*}} : tensor<8x16xi8>, vector<16xi8>
// CHECK: vector.transfer_read {{.*}} : tensor<1x5x16xi8>, vector<16xi8>
// CHECK: arith.shrui {{.*}} : vector<16xi8>
// CHECK-COUNT-7: arith.select {{.*}} : vector<32xi1>, vector<32xi8>
// CHECK: arith.extsi {{.*}} : vector<32xi8> to vector<32xi16>
// CHECK: vector.transfer_write {{.*}} : vector<32xi16>, tensor<5x32xi16>
// CHECK: arith.constant dense<[true, false, true, false, {{.*}}]> : vector<32xi1>
// CHECK-NOT: tensor<5x32xi16> = dense
// CHECK: arith.constant dense<[10880, {{.*}}]> : tensor<16xi32>
!wd = !quant.uniform<i8<-127:127>:f32:2, {0.1, 0.2, 0.1}>
!cd = !qnn.codebook<3, !wd, 2:{{-100, -20, 0, 20, 100, 3, 5, 7}, {1, 2, 3, 4, 5, 6, 7, 8}, {-1, -2, -3, -4, -5, -6, -7, -8}}>
func.func @depthwise(%x: tensor<1x4x4x3x!x>) -> tensor<1x4x4x3x!y> {
  %i = arith.constant dense<[[[[0], [1], [2]], [[3], [4], [5]], [[6], [7], [0]]], [[[1], [2], [3]], [[4], [5], [6]], [[7], [0], [1]]], [[[2], [3], [4]], [[5], [6], [7]], [[0], [1], [2]]]]> : tensor<3x3x3x1xi8>
  %c = qnn.container_cast %i : tensor<3x3x3x1xi8> to tensor<3x3x3x1x!cd>
  %w = qnn.decode %c : tensor<3x3x3x1x!cd> -> tensor<3x3x3x1x!wd>
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, qnn.kernel = {decode = "block", kind = "dwvec", mr = 4 : i64}} : (tensor<1x4x4x3x!x>, tensor<3x3x3x1x!wd>) -> tensor<1x4x4x3x!y>
  return %y : tensor<1x4x4x3x!y>
}

// A codebook of more than 4 bits (or with tables along the window) keeps the
// scalar decode: indices packed in logical order [tap][channel] (5 bits:
// 8-bit slots, one to a byte), one table, a tensor.generate.
// CHECK-LABEL: func.func @depthwise_wide
// CHECK: arith.constant dense<[0, 9, 18, 27, 4, 13, 22, 31, 8]> : tensor<9xi8>
// CHECK: tensor.generate
// CHECK: tensor.extract {{.*}} : tensor<9xi8>
// CHECK: tensor.extract {{.*}} : tensor<32xi8>
// CHECK: } : tensor<5x32xi16>
!wd1 = !quant.uniform<i8<-127:127>:f32, 0.1>
!cdw = !qnn.codebook<5, !wd1, {-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}>
func.func @depthwise_wide(%x: tensor<1x4x4x1x!x>) -> tensor<1x4x4x1x!y> {
  %i = arith.constant dense<[[[[0]], [[9]], [[18]]], [[[27]], [[4]], [[13]]], [[[22]], [[31]], [[8]]]]> : tensor<3x3x1x1xi8>
  %c = qnn.container_cast %i : tensor<3x3x1x1xi8> to tensor<3x3x1x1x!cdw>
  %w = qnn.decode %c : tensor<3x3x1x1x!cdw> -> tensor<3x3x1x1x!wd1>
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, qnn.kernel = {decode = "block", kind = "dwvec", mr = 4 : i64}} : (tensor<1x4x4x1x!x>, tensor<3x3x1x1x!wd1>) -> tensor<1x4x4x1x!y>
  return %y : tensor<1x4x4x1x!y>
}

// One table for the layer: looked up with qnn.lookup16 (vpshufb) in the
// table padded to 16 entries with its last (-3, 0, 3, 3, ...; 2 bits in
// 2-bit slots, lane j in byte j % 8 at bit 2 (j / 8)), and 34 channels: a
// loop over the two whole blocks (not to be unrolled: LLVM would fold the
// decode of a short loop back into constant weights), then the ragged block
// (channels 32 and 33) under a mask, as is the last pair's odd tap. All indices are 2 = 0b10:
// 0b10101010 = -86; padding lanes (tap 9, channels past 33) hold 0: the
// last pair's bytes alternate -86, 0 and the ragged block's last pair
// holds only channels 32 and 33's tap 8, at bits 0 of bytes 0 and 2.
// CHECK-LABEL: func.func @depthwise_shared
// CHECK: arith.constant dense<{{\[\[\[}}-86, -86, -86, -86, -86, -86, -86, -86], {{.*}}, [-86, 0, -86, 0, -86, 0, -86, 0]], {{.*}}, [2, 0, 2, 0, 0, 0, 0, 0]]]> : tensor<3x5x8xi8>
// CHECK-NOT: tensor<3x48xi8>
// CHECK: scf.for
// CHECK: arith.constant dense<[-3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]> : vector<16xi8>
// CHECK: qnn.lookup16 {{.*}} : vector<16xi8>, vector<64xi8>
// CHECK: vector.transfer_write {{.*}} : vector<32xi16>, tensor<5x96xi16>
// CHECK: scf.yield
// CHECK-NEXT: } {llvm.loop_annotation = #[[NOUNROLL]]}
// CHECK: arith.constant dense<[true, true, true, true, false, {{.*}}]> : vector<32xi1>
// CHECK: arith.constant dense<[true, false, true, false, false, {{.*}}]> : vector<32xi1>
!cds = !qnn.codebook<2, !wd1, {-3, 0, 3}>
func.func @depthwise_shared(%x: tensor<1x4x4x34x!x>) -> tensor<1x4x4x34x!y> {
  %i = arith.constant dense<2> : tensor<3x3x34x1xi8>
  %c = qnn.container_cast %i : tensor<3x3x34x1xi8> to tensor<3x3x34x1x!cds>
  %w = qnn.decode %c : tensor<3x3x34x1x!cds> -> tensor<3x3x34x1x!wd1>
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, qnn.kernel = {decode = "block", kind = "dwvec", mr = 4 : i64}} : (tensor<1x4x4x34x!x>, tensor<3x3x34x1x!wd1>) -> tensor<1x4x4x34x!y>
  return %y : tensor<1x4x4x34x!y>
}
