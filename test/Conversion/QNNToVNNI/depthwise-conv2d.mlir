// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni | FileCheck %s
// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni=requant-mode=float | FileCheck %s --check-prefix=FLOAT

// s8 activations (zp -3), 20 channels, stride 2, padding 1: the input is
// padded with zx = -3 spatially (padded taps contribute (zx - zx) * w = 0)
// and to 32 channels. Weights are widened to i16 at compile time and
// interleaved in tap pairs, [5 pairs][2 * 32]; the bias is
// -zx * sum w = 3 * 27 = 81 for the 20 real channels. Each tap pair
// interleaves the 16 activations of its two taps, sign-extends them and
// multiplies them by the pair's weights, summing products in pairs (the
// vpmaddwd shape), for each of the 5 pixels of a row tile.

// CHECK-LABEL: func.func @dw
// CHECK: %[[W:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<5x64xi16>
// CHECK: %[[BIAS:.*]] = arith.constant dense<[81, {{.*}}, 81, 0, {{.*}}, 0]> : tensor<32xi32>
// CHECK: %[[XS:.*]] = qnn.container_cast %{{.*}} : tensor<1x9x9x20x!quant.uniform<i8:f32, 2.000000e-02:-3>> to tensor<1x9x9x20xi8>
// The padded copy: padding holds zx = -3 (0xFD) in all 32 lanes; inside
// the input a masked read of the 20 channels (the other 12 read 0).
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1x11x11x32xi8>
// CHECK: %[[PADDED:.*]] = scf.for {{.*}} -> (tensor<1x11x11x32xi8>)
// CHECK: vector.transfer_write %{{.*}} : vector<32xi8>, tensor<1x11x11x32xi8>
// CHECK: vector.transfer_read %[[XS]]{{.*}} : tensor<1x9x9x20xi8>, vector<32xi8>
// CHECK: scf.for
// CHECK: vector.transfer_read %[[BIAS]]
// CHECK: %[[WV16:.*]] = vector.transfer_read %[[W]]{{.*}} : tensor<5x64xi16>, vector<32xi16>
// CHECK: %[[WV:.*]] = arith.extsi %[[WV16]] : vector<32xi16> to vector<32xi32>
// CHECK: %[[XA:.*]] = vector.transfer_read %[[PADDED]]{{.*}} : tensor<1x11x11x32xi8>, vector<16xi8>
// CHECK: %[[XB:.*]] = vector.transfer_read %[[PADDED]]{{.*}} : tensor<1x11x11x32xi8>, vector<16xi8>
// CHECK: %[[BOTH:.*]] = vector.shuffle %[[XA]], %[[XB]] [0, 16, 1, 17, {{.*}}, 15, 31] : vector<16xi8>, vector<16xi8>
// CHECK: %[[WIDE16:.*]] = arith.extsi %[[BOTH]] : vector<32xi8> to vector<32xi16>
// CHECK: %[[WIDE:.*]] = arith.extsi %[[WIDE16]] : vector<32xi16> to vector<32xi32>
// CHECK: %[[P:.*]] = arith.muli %[[WIDE]], %[[WV]] : vector<32xi32>
// CHECK: %[[PE:.*]] = vector.shuffle %[[P]], %[[P]] [0, 2, {{.*}}, 30] : vector<32xi32>, vector<32xi32>
// CHECK: %[[PO:.*]] = vector.shuffle %[[P]], %[[P]] [1, 3, {{.*}}, 31] : vector<32xi32>, vector<32xi32>
// CHECK: %[[PAIR:.*]] = arith.addi %[[PE]], %[[PO]] : vector<16xi32>
// CHECK: arith.addi %{{.*}}, %[[PAIR]] : vector<16xi32>
// Full 16-channel blocks are stored whole, the last 4 channels through a slice.
// CHECK: vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<16xi8>, tensor<5x5x20xi8>
// CHECK: tensor.insert_slice %{{.*}} [1, 1, 4] [1, 1, 1] : tensor<4xi8> into tensor<5x5x20xi8>
// CHECK: tensor.expand_shape %{{.*}} : tensor<5x5x20xi8> into tensor<1x5x5x20xi8>
// CHECK-NOT: qnn.depthwise_conv2d

// FLOAT-LABEL: func.func @dw
// FLOAT: math.roundeven %{{.*}} : vector<16xf32>
func.func @dw(%x: tensor<1x9x9x20x!quant.uniform<i8:f32, 0.02:-3>>) -> tensor<1x5x5x20x!quant.uniform<u8:f32, 0.05:10>> {
  %c = arith.constant dense<3> : tensor<3x3x20x1xi8>
  %w = quant.scast %c : tensor<3x3x20x1xi8> to tensor<3x3x20x1x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.depthwise_conv2d %x, %w {stride = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>, qnn.kernel = {kind = "dwvec", mr = 5 : i64}}
      : (tensor<1x9x9x20x!quant.uniform<i8:f32, 0.02:-3>>, tensor<3x3x20x1x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x5x5x20x!quant.uniform<u8:f32, 0.05:10>>
  return %y : tensor<1x5x5x20x!quant.uniform<u8:f32, 0.05:10>>
}

// -----

// u8 activations, 16 channels, no padding: no copy; activations are
// zero-extended.
// CHECK-LABEL: func.func @unpadded
// CHECK-NOT: tensor.empty() : tensor<1x
// CHECK: arith.extui %{{.*}} : vector<32xi8> to vector<32xi16>
func.func @unpadded(%x: tensor<1x4x4x16x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x2x2x16x!quant.uniform<u8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x3x16x1xi8>
  %w = quant.scast %c : tensor<3x3x16x1xi8> to tensor<3x3x16x1x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.depthwise_conv2d %x, %w {qnn.kernel = {kind = "dwvec", mr = 2 : i64}}
      : (tensor<1x4x4x16x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x3x16x1x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x2x2x16x!quant.uniform<u8:f32, 0.05>>
  return %y : tensor<1x2x2x16x!quant.uniform<u8:f32, 0.05>>
}
