// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni | FileCheck %s

// The bitserial kernel (qnn.kernel kind "bitserial"): activations of at
// most 4 bits read as bytes (qnn.container_cast), split at run time into
// bit planes of 64 channels per i64 word; constant weights split into
// planes at compile time; AND + popcount per plane pair on vector<8xi64>
// accumulators; the requantize epilogue on 8 lanes.
//
// u2 activations with zero point 1 (x' = x, zx' = 1), bipolar weights (all
// +1: the plane b of w = 1 - 2b is all zeros), C = 70 (2 words per plane):
// the folded bias is bias - zx' * sum w = [10, 20, 30] - 70 = [-60, -50, -40].
// Per pixel and activation plane the popcount of the word itself (the
// bipolar term sum x'), per block the popcount of the word AND the weight
// plane.
// CHECK-LABEL: func.func @fc_two_by_one
// CHECK: %[[XC:.*]] = qnn.container_cast %arg0 : tensor<2x70x!quant.uniform<u2:f32, 5.000000e-01:1>> to tensor<2x70xi8>
// CHECK: tensor.expand_shape %[[XC]] {{.*}} into tensor<1x1x2x70xi8>
// CHECK-DAG: arith.constant dense<0> : tensor<1x2x1x8xi64>
// CHECK-DAG: arith.constant dense<[-60, -50, -40, 0, 0, 0, 0, 0]> : tensor<8xi32>
// CHECK: tensor.empty() : tensor<1x1x2x2x2xi64>
// CHECK: vector.transfer_read {{.*}} : tensor<1x1x2x70xi8>, vector<64xi8>
// CHECK: arith.cmpi ne, {{.*}} : vector<64xi8>
// CHECK: vector.bitcast %{{.*}} : vector<64xi1> to vector<1xi64>
// CHECK: math.ctpop %{{.*}} : i64
// CHECK: vector.broadcast %{{.*}} : i64 to vector<8xi64>
// CHECK: arith.andi %{{.*}} : vector<8xi64>
// CHECK: math.ctpop %{{.*}} : vector<8xi64>
// CHECK: arith.trunci %{{.*}} : vector<8xi64> to vector<8xi32>
// CHECK: arith.trunci %{{.*}} : vector<8xi32> to vector<8xi8>
// CHECK: tensor.collapse_shape
// CHECK: qnn.container_cast %{{.*}} : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8:f32, 5.000000e-01:-2>>
!x = !quant.uniform<u2:f32, 0.5:1>
!w = !quant.uniform<i2<-1:1>:f32, 0.25>
!y = !quant.uniform<i8:f32, 0.5:-2>
func.func @fc_two_by_one(%x: tensor<2x70x!x>) -> tensor<2x3x!y> {
  %c = arith.constant dense<1> : tensor<3x70xi2>
  %w = quant.scast %c : tensor<3x70xi2> to tensor<3x70x!w>
  %b = arith.constant dense<[10, 20, 30]> : tensor<3xi32>
  %y = qnn.fully_connected %x, %w, %b {qnn.kernel = {kind = "bitserial", mr = 2 : i64, nr = 1 : i64, lanes = 8 : i64}} : (tensor<2x70x!x>, tensor<3x70x!w>, tensor<3xi32>) -> tensor<2x3x!y>
  return %y : tensor<2x3x!y>
}

// -----

// i2 weights (two's complement, 2 planes: bit 0 with weight 1, the sign
// bit with weight -2) of value -2 = 0b10: plane 0 all zeros, plane 1 all
// ones over the 5 channels (0x1f); i3 activations (lo = -4, x' = x + 4,
// zx' = 0 + 4 = 4). Padding pixels hold the planes of zx' = 4 = 0b100:
// planes 0 and 1 zero, plane 2 the 5 valid channel bits (31).
// The folded bias: 0 - 4 * (9 taps * 5 channels * -2) = 360.
// CHECK-LABEL: func.func @conv_i3_i2
// CHECK-DAG: arith.constant dense<360> : tensor<8xi32>
// CHECK: scf.if
// CHECK: arith.subi %{{.*}}, %{{.*}} : vector<64xi8>
// CHECK: } else {
// CHECK: %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK: arith.constant 31 : i64
// CHECK: math.ctpop %{{.*}} : vector<8xi64>
// CHECK-NOT: math.ctpop %{{.*}} : i64
// CHECK: qnn.container_cast %{{.*}} : tensor<1x3x3x8xi8> to tensor<1x3x3x8x!quant.uniform<u8:f32, 1.000000e+00>>
func.func @conv_i3_i2(%x: tensor<1x3x3x5x!quant.uniform<i3:f32, 0.5>>) -> tensor<1x3x3x8x!quant.uniform<u8:f32, 1.0>> {
  %c = arith.constant dense<-2> : tensor<8x3x3x5xi2>
  %w = quant.scast %c : tensor<8x3x3x5xi2> to tensor<8x3x3x5x!quant.uniform<i2:f32, 0.25>>
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, qnn.kernel = {kind = "bitserial", mr = 3 : i64, nr = 1 : i64, lanes = 8 : i64}}
      : (tensor<1x3x3x5x!quant.uniform<i3:f32, 0.5>>, tensor<8x3x3x5x!quant.uniform<i2:f32, 0.25>>) -> tensor<1x3x3x8x!quant.uniform<u8:f32, 1.0>>
  return %y : tensor<1x3x3x8x!quant.uniform<u8:f32, 1.0>>
}
