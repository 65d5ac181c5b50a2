// RUN: qnn-opt %s --convert-qnn-to-vnni | FileCheck %s

// The dot4 kernel (no VNNI) takes one of two forms (rule N6.4):
// - narrow weights (in every pair of input channels the positive weights
//   sum to at most 128 and the negative ones to at least -128) keep the
//   vpdpbusd shape: qnn.dot_u8i8 {narrow_rhs}, which lowers to vpmaddubsw;
// - otherwise each tile accumulates pair sums in 32 i32 lanes per block of
//   16 channels (u8 and s8 operands widened, products summed in adjacent
//   pairs: vpmaddwd), starting from zero, and adds each lane pair to the
//   bias after the last step.

!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8<-127:127>:f32, 0.1>
!y = !quant.uniform<i8:f32, 0.05:1>

// CHECK-LABEL: func.func @narrow
// CHECK: qnn.dot_u8i8 {{.*}} {narrow_rhs} : vector<16xi32>, vector<64xi8>, vector<64xi8>
// CHECK-NOT: vector<32xi32>
// CHECK: return
func.func @narrow(%x: tensor<2x8x!x>) -> tensor<2x16x!y> {
  %c = arith.constant dense<[[64, 64, -64, -64, 127, 1, -1, -127], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1]]> : tensor<16x8xi8>
  %w = quant.scast %c : tensor<16x8xi8> to tensor<16x8x!w>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "dot4", mr = 2 : i64, nr = 1 : i64}}
      : (tensor<2x8x!x>, tensor<16x8x!w>) -> tensor<2x16x!y>
  return %y : tensor<2x16x!y>
}

// Channel 0's pair (65, 64) is wide; the others hold 1s. The bias (zero
// point folded in: 5 - 128 * 130 = -16635 for channel 0, 5 - 128 * 8 = -1019
// for the others) is read after the loop, not before it.
// CHECK-LABEL: func.func @wide
// CHECK: %[[BIAS:.*]] = arith.constant dense<[-16635, -1019, {{.*}}, -1019]> : tensor<16xi32>
// CHECK: %[[ZERO:.*]] = arith.constant dense<0> : vector<32xi32>
// CHECK: %[[ACCS:.*]]:2 = scf.for {{.*}} iter_args(%[[A0:.*]] = %[[ZERO]], %[[A1:.*]] = %[[ZERO]]) -> (vector<32xi32>, vector<32xi32>)
// CHECK: %[[W8:.*]] = vector.transfer_read {{.*}} vector<64xi8>
// CHECK: %[[W16:.*]] = arith.extsi %[[W8]] : vector<64xi8> to vector<64xi16>
// CHECK: %[[W32:.*]] = arith.extsi %[[W16]] : vector<64xi16> to vector<64xi32>
// CHECK: %[[X16:.*]] = arith.extui %{{.*}} : vector<64xi8> to vector<64xi16>
// CHECK: %[[X32:.*]] = arith.extsi %[[X16]] : vector<64xi16> to vector<64xi32>
// CHECK: %[[P:.*]] = arith.muli %[[X32]], %[[W32]] : vector<64xi32>
// CHECK: %[[E:.*]] = vector.shuffle %[[P]], %[[P]] [0, 2, 4, {{.*}}, 62] : vector<64xi32>, vector<64xi32>
// CHECK: %[[O:.*]] = vector.shuffle %[[P]], %[[P]] [1, 3, 5, {{.*}}, 63] : vector<64xi32>, vector<64xi32>
// CHECK: %[[S:.*]] = arith.addi %[[E]], %[[O]] : vector<32xi32>
// CHECK: arith.addi %[[A0]], %[[S]] : vector<32xi32>
// CHECK-NOT: qnn.dot_u8i8
// CHECK: %[[E2:.*]] = vector.shuffle %[[ACCS]]#0, %[[ACCS]]#0 [0, 2, {{.*}}, 30] : vector<32xi32>, vector<32xi32>
// CHECK: %[[O2:.*]] = vector.shuffle %[[ACCS]]#0, %[[ACCS]]#0 [1, 3, {{.*}}, 31] : vector<32xi32>, vector<32xi32>
// CHECK: %[[S2:.*]] = arith.addi %[[E2]], %[[O2]] : vector<16xi32>
// CHECK: %[[B:.*]] = vector.transfer_read %[[BIAS]]
// CHECK: arith.addi %[[B]], %[[S2]] : vector<16xi32>
func.func @wide(%x: tensor<2x8x!x>) -> tensor<2x16x!y> {
  %c = arith.constant dense<[[65, 64, 0, 0, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1]]> : tensor<16x8xi8>
  %w = quant.scast %c : tensor<16x8xi8> to tensor<16x8x!w>
  %bias = arith.constant dense<5> : tensor<16xi32>
  %y = qnn.fully_connected %x, %w, %bias {qnn.kernel = {kind = "dot4", mr = 2 : i64, nr = 1 : i64}}
      : (tensor<2x8x!x>, tensor<16x8x!w>, tensor<16xi32>) -> tensor<2x16x!y>
  return %y : tensor<2x16x!y>
}
