// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni | FileCheck %s

// u8 activations, 8 input channels, no padding: the kernel reads its window
// straight from the input (no im2col buffer, no copy). Stride 2 and width
// dilation 3: tap (th, tw) of output pixel (oh, ow) reads input row
// oh * 2 + th and column ow * 2 + tw * 3. 32 channels x 3x2 taps x 2 groups
// of 4 inputs pack to [2 blocks][12 tap-groups][64]; the bias is
// -zx * sum w = -128 * 48 = -6144.

// CHECK-LABEL: func.func @strided
// CHECK: %[[XS:.*]] = qnn.container_cast %{{.*}} : tensor<1x9x9x8x!quant.uniform<u8:f32, 2.000000e-02:128>> to tensor<1x9x9x8xi8>
// CHECK: %[[PACKED:.*]] = arith.constant dense<1> : tensor<2x12x64xi8>
// CHECK: arith.constant dense<-6144> : tensor<32xi32>
// CHECK-NOT: linalg.generic
// CHECK-NOT: tensor.pad
// Output rows (batch and height flattened), then the taps' rows, columns and
// input-channel groups. The kernel writes [rows, columns, channels].
// CHECK: scf.for %[[OH:[^ ]*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (tensor<4x3x32xi8>)
// CHECK: %[[IH0:.*]] = arith.muli %[[OH]], %{{.*}} : index
// CHECK: scf.for %[[TH:[^ ]*]] = {{.*}} -> (vector<16xi32>, vector<16xi32>, vector<16xi32>, vector<16xi32>)
// CHECK: %[[IH:.*]] = arith.addi %[[IH0]], %[[TH]] : index
// CHECK: scf.for %[[TW:[^ ]*]] = {{.*}} -> (vector<16xi32>, vector<16xi32>, vector<16xi32>, vector<16xi32>)
// CHECK: scf.for %[[G:[^ ]*]] = {{.*}} -> (vector<16xi32>, vector<16xi32>, vector<16xi32>, vector<16xi32>)
// CHECK: vector.transfer_read %[[PACKED]]{{.*}} : tensor<2x12x64xi8>, vector<64xi8>
// CHECK: vector.transfer_read %[[PACKED]]{{.*}} : tensor<2x12x64xi8>, vector<64xi8>
// CHECK: vector.transfer_read %[[XS]][%{{.*}}, %[[IH]], %{{.*}}, %{{.*}}]{{.*}} : tensor<1x9x9x8xi8>, vector<4xi8>
// CHECK-COUNT-2: qnn.dot_u8i8
// CHECK: vector.transfer_read %[[XS]][%{{.*}}, %[[IH]], %{{.*}}, %{{.*}}]{{.*}} : tensor<1x9x9x8xi8>, vector<4xi8>
// CHECK-COUNT-2: qnn.dot_u8i8
// CHECK: scf.yield
// The requantized tile goes straight to the output: no i32 tensor.
// CHECK: vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<16xi8>, tensor<4x3x32xi8>
// CHECK-NOT: tensor<{{.*}}xi32> = tensor.empty
// CHECK: %[[Y4:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3]] output_shape [1, 4, 3, 32] : tensor<4x3x32xi8> into tensor<1x4x3x32xi8>
// CHECK: qnn.container_cast %[[Y4]] : tensor<1x4x3x32xi8> to tensor<1x4x3x32x!quant.uniform<i8:f32, 5.000000e-02:-3>>
// CHECK-NOT: qnn.conv2d
func.func @strided(%x: tensor<1x9x9x8x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x4x3x32x!quant.uniform<i8:f32, 0.05:-3>> {
  %c = arith.constant dense<1> : tensor<32x3x2x8xi8>
  %w = quant.scast %c : tensor<32x3x2x8xi8> to tensor<32x3x2x8x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.conv2d %x, %w {stride = array<i64: 2, 2>, dilation = array<i64: 1, 3>, qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 2 : i64}}
      : (tensor<1x9x9x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<32x3x2x8x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x4x3x32x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  return %y : tensor<1x4x3x32x!quant.uniform<i8:f32, 5.000000e-02:-3>>
}

// -----

// s8 activations (zp -3), 3 input channels, padding [top 1, bottom 0,
// left 2, right 1]: the input is copied once into a 2x6x8x4 image, row by
// row: rows inside the input are 2 columns of zx + 128 = 125, the 5 input
// columns (a masked 4-byte read of the 3 channels, flipped to u8) and 1
// column of 125; the padding row is all 125. Padded taps then contribute
// (125 - 125) * w = 0 (rule N8.4). A 1x1 kernel has no tap loops.

// CHECK-LABEL: func.func @padded
// CHECK: %[[XS:.*]] = qnn.container_cast %{{.*}} : {{.*}} to tensor<2x5x5x3xi8>
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<2x6x8x4xi8>
// CHECK: %[[PADDED:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[EMPTY]]) -> (tensor<2x6x8x4xi8>)
// CHECK: scf.if %{{.*}} -> (tensor<2x6x8x4xi8>) {
// CHECK: vector.transfer_write %[[FILL:.*]], %{{.*}} {in_bounds = [true]} : vector<4xi8>, tensor<2x6x8x4xi8>
// CHECK: %[[V:.*]] = vector.transfer_read %[[XS]]{{.*}} : tensor<2x5x5x3xi8>, vector<4xi8>
// CHECK: arith.xori %[[V]], %{{.*}} : vector<4xi8>
// CHECK: } else {
// CHECK: vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<4xi8>, tensor<2x6x8x4xi8>
// CHECK: scf.for
// CHECK-NOT: scf.for {{.*}} -> (vector<16xi32>)
// CHECK: vector.transfer_read %[[PADDED]]{{.*}} : tensor<2x6x8x4xi8>, vector<4xi8>
// CHECK: qnn.dot_u8i8
// CHECK: tensor.expand_shape %{{.*}} : tensor<12x8x5xi16> into tensor<2x6x8x5xi16>
// CHECK: qnn.container_cast %{{.*}} : tensor<2x6x8x5xi16> to tensor<2x6x8x5x!quant.uniform<i16:f32, 1.000000e-03>>
func.func @padded(%x: tensor<2x5x5x3x!quant.uniform<i8:f32, 0.02:-3>>) -> tensor<2x6x8x5x!quant.uniform<i16:f32, 0.001>> {
  %c = arith.constant dense<-2> : tensor<5x1x1x3xi8>
  %w = quant.scast %c : tensor<5x1x1x3xi8> to tensor<5x1x1x3x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 0, 2, 1>, qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 1 : i64}}
      : (tensor<2x5x5x3x!quant.uniform<i8:f32, 0.02:-3>>, tensor<5x1x1x3x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<2x6x8x5x!quant.uniform<i16:f32, 0.001>>
  return %y : tensor<2x6x8x5x!quant.uniform<i16:f32, 0.001>>
}

// -----

// pad = "band": each output row pads only the 3 input rows it reads into a
// [1, 3, W + 2, channels] band (here inside the loop over the 4 output
// rows), and the kernel reads the band.
// CHECK-LABEL: func.func @band
// CHECK: scf.for %[[ROW:.*]] = {{.*}} -> (tensor<4x4x16xi8>)
// CHECK: %[[BAND0:.*]] = tensor.empty() : tensor<1x3x6x8xi8>
// CHECK: scf.if %{{.*}} -> (tensor<1x3x6x8xi8>)
// CHECK: scf.if %{{.*}} -> (tensor<1x3x6x8xi8>)
// CHECK: %[[BAND:.*]] = scf.if %{{.*}} -> (tensor<1x3x6x8xi8>)
// CHECK: vector.transfer_read %[[BAND]]{{.*}} : tensor<1x3x6x8xi8>, vector<4xi8>
// CHECK: qnn.dot_u8i8
func.func @band(%x: tensor<1x4x4x8x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x4x4x16x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<16x3x3x8xi8>
  %w = quant.scast %c : tensor<16x3x3x8xi8> to tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, qnn.kernel = {kind = "vnni512", mr = 4 : i64, nr = 1 : i64, pad = "band"}}
      : (tensor<1x4x4x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x4x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x4x4x16x!quant.uniform<i8:f32, 0.05>>
}
