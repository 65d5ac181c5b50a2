// RUN: qnn-opt %s --split-input-file --mlir-print-elementsattrs-with-hex-if-larger=-1 --qnn-pack-narrow-weights | FileCheck %s
// RUN: qnn-opt %s --split-input-file --mlir-print-elementsattrs-with-hex-if-larger=-1 --qnn-pack-narrow-weights --qnn-decode-codebooks | FileCheck %s --check-prefix=BACK

// qnn-pack-narrow-weights: 2- to 4-bit weights become indices q - qmin
// into one linear table over the storage range; the decode has the weight's
// own type, so the op is unchanged. i4<-7:7>: q = -7, 0, 3, 7, -1, 2, -3, 5
// -> 0, 7, 10, 14, 6, 9, 4, 12.
// CHECK-LABEL: func.func @fc4(
// CHECK: %[[I:.*]] = arith.constant dense<{{\[}}[0, 7, 10, 14], [6, 9, 4, 12]]> : tensor<2x4xi8>
// CHECK: %[[C:.*]] = qnn.container_cast %[[I]] : tensor<2x4xi8> to tensor<2x4x!qnn.codebook<4, !quant.uniform<i4<-7:7>:f32:0, {1.000000e-01,2.000000e-01}>, {-7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7}>>
// CHECK: %[[W:.*]] = qnn.decode %[[C]] : {{.*}} -> tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {1.000000e-01,2.000000e-01}>>
// CHECK: qnn.fully_connected %{{.*}}, %[[W]]
// CHECK-NOT: arith.constant dense<{{\[}}[-7
// qnn-decode-codebooks folds it back into the same constant.
// BACK-LABEL: func.func @fc4(
// BACK: %[[I:.*]] = arith.constant dense<{{\[}}[-7, 0, 3, 7], [-1, 2, -3, 5]]> : tensor<2x4xi8>
// BACK: %[[W:.*]] = qnn.container_cast %[[I]] : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {1.000000e-01,2.000000e-01}>>
// BACK: qnn.fully_connected %{{.*}}, %[[W]]
func.func @fc4(%x: tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>> {
  %c = arith.constant dense<[[-7, 0, 3, 7], [-1, 2, -3, 5]]> : tensor<2x4xi8>
  %w = qnn.container_cast %c : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {0.1, 0.2}>>
  %y = qnn.fully_connected %x, %w : (tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i4<-7:7>:f32:0, {0.1, 0.2}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Asymmetric 4-bit weights, re-centred by qnn-quantize into i5<-15:15>:
// each channel still spans at most 16 values, so each gets a linear table
// from its least value and the indices take 4 bits. Row 0 spans -12..3
// (q = -12, -5, 2, ... -> 0, 7, 14, ...), row 1 0..15 (indices = q).
// Tables per channel need 64 weights per channel (16 bytes each).
// CHECK-LABEL: func.func @fc5(
// CHECK: arith.constant dense<{{\[}}[0, 7, 14, 5, {{.*}}], [0, 5, 10, 15, {{.*}}]]> : tensor<2x64xi8>
// CHECK: !qnn.codebook<4, !quant.uniform<i5<-15:15>:f32:0, {1.000000e-01,2.000000e-01}>, 0:{{[{]}}{-12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}}>
// BACK-LABEL: func.func @fc5(
// BACK: arith.constant dense<{{\[}}[-12, -5, 2, -7, {{.*}}]]> : tensor<2x64xi8>
func.func @fc5(%x: tensor<1x64x!quant.uniform<u8:f32, 0.5:3>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>> {
  %c = arith.constant dense<[[-12, -5, 2, -7, 0, -9, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3, -12, -5, 2, -7, 0, -9, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3, -12, -5, 2, -7, 0, -9, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3, -12, -5, 2, -7, 0, -9, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3], [0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11]]> : tensor<2x64xi8>
  %w = qnn.container_cast %c : tensor<2x64xi8> to tensor<2x64x!quant.uniform<i5<-15:15>:f32:0, {0.1, 0.2}>>
  %y = qnn.fully_connected %x, %w : (tensor<1x64x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x64x!quant.uniform<i5<-15:15>:f32:0, {0.1, 0.2}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}

// With one scale, one table over the tensor's span (-3..12); 8 values
// need only 3 bits (-2..5).
// CHECK-LABEL: func.func @fc5t(
// CHECK: arith.constant dense<{{\[}}[0, 3, 15, 8], [4, 1, 10, 14]]> : tensor<2x4xi8>
// CHECK: !qnn.codebook<4, !quant.uniform<i5<-15:15>:f32, 1.000000e-01>, {-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}>
// CHECK: arith.constant dense<{{\[}}[0, 2, 7, 3], [1, 2, 4, 6]]> : tensor<2x4xi8>
// CHECK: !qnn.codebook<3, !quant.uniform<i5<-15:15>:f32, 1.000000e-01>, {-2, -1, 0, 1, 2, 3, 4, 5}>
func.func @fc5t(%x: tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>) -> (tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>) {
  %c = arith.constant dense<[[-3, 0, 12, 5], [1, -2, 7, 11]]> : tensor<2x4xi8>
  %w = qnn.container_cast %c : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i5<-15:15>:f32, 0.1>>
  %y = qnn.fully_connected %x, %w : (tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i5<-15:15>:f32, 0.1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %c3 = arith.constant dense<[[-2, 0, 5, 1], [-1, 0, 2, 4]]> : tensor<2x4xi8>
  %w3 = qnn.container_cast %c3 : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i5<-15:15>:f32, 0.1>>
  %y3 = qnn.fully_connected %x, %w3 : (tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i5<-15:15>:f32, 0.1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %y, %y3 : tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}

// Left alone with 5-bit storage: a channel spanning 17 values (-12..4);
// fewer than 64 weights per channel (tables would outweigh the indices); a
// depthwise layer (its per-channel decode stores more than it saves).
// CHECK-LABEL: func.func @fc5kept(
// CHECK-NOT: qnn.codebook
// CHECK: return
func.func @fc5kept(%x: tensor<1x64x!quant.uniform<u8:f32, 0.5:3>>, %x4: tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>,
                   %xd: tensor<1x3x3x2x!quant.uniform<u8:f32, 0.5:3>>)
    -> (tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x3x2x2x!quant.uniform<i8:f32, 0.25>>) {
  %c = arith.constant dense<[[-12, -5, 2, -7, 0, 4, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3, -12, -5, 2, -7, 0, -9, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3, -12, -5, 2, -7, 0, -9, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3, -12, -5, 2, -7, 0, -9, -2, -11, -4, 3, -6, 1, -8, -1, -10, -3], [0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11]]> : tensor<2x64xi8>
  %w = qnn.container_cast %c : tensor<2x64xi8> to tensor<2x64x!quant.uniform<i5<-15:15>:f32:0, {0.1, 0.2}>>
  %y = qnn.fully_connected %x, %w : (tensor<1x64x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x64x!quant.uniform<i5<-15:15>:f32:0, {0.1, 0.2}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %c4 = arith.constant dense<[[-12, 0, 3, -5], [0, 15, 7, 1]]> : tensor<2x4xi8>
  %w4 = qnn.container_cast %c4 : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i5<-15:15>:f32:0, {0.1, 0.2}>>
  %y4 = qnn.fully_connected %x4, %w4 : (tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i5<-15:15>:f32:0, {0.1, 0.2}>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %cd = arith.constant dense<[[[[-12], [0]], [[3], [15]]]]> : tensor<1x2x2x1xi8>
  %wd = qnn.container_cast %cd : tensor<1x2x2x1xi8> to tensor<1x2x2x1x!quant.uniform<i5<-15:15>:f32:2, {0.1, 0.2}>>
  %yd = qnn.depthwise_conv2d %xd, %wd : (tensor<1x3x3x2x!quant.uniform<u8:f32, 0.5:3>>, tensor<1x2x2x1x!quant.uniform<i5<-15:15>:f32:2, {0.1, 0.2}>>) -> tensor<1x3x2x2x!quant.uniform<i8:f32, 0.25>>
  return %y, %y4, %yd : tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x3x2x2x!quant.uniform<i8:f32, 0.25>>
}

// -----

// 2 bits with one scale (i2<-1:1>: three entries); a depthwise layer.
// CHECK-LABEL: func.func @dw2(
// CHECK: arith.constant dense<{{\[}}[{{\[}}[0], [1]], {{\[}}[2], [1]]]]> : tensor<1x2x2x1xi8>
// CHECK: !qnn.codebook<2, !quant.uniform<i2<-1:1>:f32, 5.000000e-01>, {-1, 0, 1}>
// CHECK: qnn.depthwise_conv2d %{{.*}}, %{{.*}} :
func.func @dw2(%x: tensor<1x3x3x2x!quant.uniform<u8:f32, 0.5:3>>) -> tensor<1x3x2x2x!quant.uniform<i8:f32, 0.25>> {
  %c = arith.constant dense<[[[[-1], [0]], [[1], [0]]]]> : tensor<1x2x2x1xi8>
  %w = qnn.container_cast %c : tensor<1x2x2x1xi8> to tensor<1x2x2x1x!quant.uniform<i2<-1:1>:f32, 0.5>>
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x3x3x2x!quant.uniform<u8:f32, 0.5:3>>, tensor<1x2x2x1x!quant.uniform<i2<-1:1>:f32, 0.5>>) -> tensor<1x3x2x2x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<1x3x2x2x!quant.uniform<i8:f32, 0.25>>
}

// -----

// Left alone: 5-bit weights spanning 31 values; 8-bit weights; 4-bit activations (the
// bit-serial kernel's); a weight outside its storage range.
// CHECK-LABEL: func.func @kept(
// CHECK-NOT: qnn.codebook
// CHECK: return
func.func @kept(%x: tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, %x4: tensor<1x4x!quant.uniform<u4:f32, 0.5:3>>)
    -> (tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>) {
  %c5 = arith.constant dense<[[-15, 0, 3, 15], [-1, 2, -3, 5]]> : tensor<2x4xi8>
  %w5 = qnn.container_cast %c5 : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i5<-15:15>:f32, 0.1>>
  %y5 = qnn.fully_connected %x, %w5 : (tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i5<-15:15>:f32, 0.1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %c8 = arith.constant dense<[[-100, 0, 3, 15], [-1, 2, -3, 5]]> : tensor<2x4xi8>
  %w8 = quant.scast %c8 : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i8:f32, 0.1>>
  %y8 = qnn.fully_connected %x, %w8 : (tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %c4 = arith.constant dense<[[-7, 0, 3, 7], [-1, 2, -3, 5]]> : tensor<2x4xi8>
  %w4 = qnn.container_cast %c4 : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i4<-7:7>:f32, 0.1>>
  %ya = qnn.fully_connected %x4, %w4 : (tensor<1x4x!quant.uniform<u4:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i4<-7:7>:f32, 0.1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  %cb = arith.constant dense<[[-8, 0, 3, 7], [-1, 2, -3, 5]]> : tensor<2x4xi8>
  %wb = qnn.container_cast %cb : tensor<2x4xi8> to tensor<2x4x!quant.uniform<i4<-7:7>:f32, 0.1>>
  %yb = qnn.fully_connected %x, %wb : (tensor<1x4x!quant.uniform<u8:f32, 0.5:3>>, tensor<2x4x!quant.uniform<i4<-7:7>:f32, 0.1>>) -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %y5, %y8, %ya, %yb : tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>, tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}
