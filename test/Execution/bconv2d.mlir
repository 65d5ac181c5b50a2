// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so bconv_pad0_f32 i64:0,0,-1,63,15,63 i64:0,0,255,0,-1,63,0,63 f32:0.5,-1.0 out:f32:4 | FileCheck %s --match-full-lines --check-prefix=PAD0
// RUN: %call %t.so bconv_pad1_f32 i64:0,0,-1,63,15,63 i64:0,0,255,0,-1,63,0,63 f32:0.5,-1.0 out:f32:4 | FileCheck %s --match-full-lines --check-prefix=PAD1
// RUN: %call %t.so bconv_pad0_q i64:0,0,-1,63,15,63 i64:0,0,255,0,-1,63,0,63 f32:0.5,-1.0 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=PAD0-Q
// RUN: %call %t.so bconv_pad1_q i64:0,0,-1,63,15,63 i64:0,0,255,0,-1,63,0,63 f32:0.5,-1.0 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=PAD1-Q
// RUN: %call %t.so bconv_pad1_binary i64:0,0,-1,63,15,63 i64:0,0,255,0,-1,63,0,63 f32:0.5,-1.0 out:i64:2 | FileCheck %s --match-full-lines --check-prefix=PAD1-BIN

// qnn.bconv2d (rule N19) with C = 70 (two words per tap, 6 bits used in the
// second), per-axis weight alphas, stride and padding.
//
// x 1x1x3x70, alpha_x = 0.5, pixels as words (N1.5):
//   p0 = [0, 0] (all +1), p1 = [-1, 0x3f] (all 70 channels -1),
//   p2 = [0xf, 0x3f] (channels 0..3 and 64..69 are -1: 10 bits)
// w 2x1x2x70, alpha_w = {0.25, 0.125}, taps:
//   o0: kw0 [0, 0] (all +1), kw1 [0xff, 0] (8 bits)
//   o1: kw0 [-1, 0x3f] (all -1), kw1 [0, 0x3f] (6 bits)
// bias [0.5, -1.0]; pad [0, 0, 1, 0], stride [1, 2] -> OW = (3 + 1 - 1 - 1) / 2 + 1 = 2.
// ow = 0 reads column -1 (padding) with kw0 and p0 with kw1;
// ow = 1 reads p1 with kw0 and p2 with kw1. In-bounds tap: C - 2 popcount(x ^ w).
//   (ow0, o0): kw1 popcount(0xff) = 8 -> 70 - 16 = 54; padded kw0 tap:
//              pad_value 0 -> 0, pad_value 1 -> 70 - 2 * 0 = 70: dot 54 / 124
//   (ow0, o1): kw1 popcount(0x3f) = 6 -> 58; padded kw0 tap: 0 or
//              70 - 2 * 70 = -70: dot 58 / -12
//   (ow1, o0): kw0 p1 ^ 0 -> 70 bits -> -70; kw1 p2 ^ [0xff, 0] = [0xf0, 0x3f]
//              -> 10 bits -> 50: dot -20
//   (ow1, o1): kw0 p1 ^ p1 = 0 -> 70; kw1 p2 ^ [0, 0x3f] = [0xf, 0] -> 4 -> 62: dot 132
// y = f32(dot) * (0.5 * alpha_w[o]) + bias[o], alpha products {0.125, 0.0625}:
//   pad_value 0: [54 * 0.125 + 0.5, 58 * 0.0625 - 1, -20 * 0.125 + 0.5, 132 * 0.0625 - 1]
//              = [7.25, 2.625, -2, 7.25]
//   pad_value 1: [124 * 0.125 + 0.5, -12 * 0.0625 - 1, -2, 7.25] = [16, -1.75, -2, 7.25]
// PAD0: out0: 7.25 2.625 -2 7.25
// PAD1: out0: 16 -1.75 -2 7.25

!x = tensor<1x1x3x70x!qnn.binary<f32, 0.5>>
!w = tensor<2x1x2x70x!qnn.binary<f32:0, {0.25, 0.125}>>

func.func @bconv_pad0_f32(%x: !x, %w: !w, %b: tensor<2xf32>) -> tensor<1x1x2x2xf32> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

func.func @bconv_pad1_f32(%x: !x, %w: !w, %b: tensor<2xf32>) -> tensor<1x1x2x2xf32> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>, pad_value = 1 : i64}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

// Quantized results (N19.3 -> N2). i8 0.5:0: 7.25 / 0.5 = 14.5 -> 14 (tie to
// even); 2.625 / 0.5 = 5.25 -> 5; -2 / 0.5 = -4; 7.25 -> 14.
// PAD0-Q: out0: 14 5 -4 14
func.func @bconv_pad0_q(%x: !x, %w: !w, %b: tensor<2xf32>)
    -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>>
}

// i8 0.0625:-100: 16 / 0.0625 = 256 -> 156 -> 127; -1.75 -> -28 -> -128;
// -2 -> -32 -> -132 -> -128; 7.25 -> 116 -> 16.
// PAD1-Q: out0: 127 -128 -128 16
func.func @bconv_pad1_q(%x: !x, %w: !w, %b: tensor<2xf32>)
    -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.0625:-100>> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>, pad_value = 1 : i64}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.0625:-100>>
  return %y : tensor<1x1x2x2x!quant.uniform<i8:f32, 0.0625:-100>>
}

// Binary result, packed along O = 2: ow0 [16, -1.75] -> bits [0, 1] = 2;
// ow1 [-2, 7.25] -> bits [1, 0] = 1.
// PAD1-BIN: out0: 2(0x2) 1(0x1)
func.func @bconv_pad1_binary(%x: !x, %w: !w, %b: tensor<2xf32>)
    -> tensor<1x1x2x2x!qnn.binary<f32, 1.0>> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>, pad_value = 1 : i64}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2x!qnn.binary<f32, 1.0>>
  return %y : tensor<1x1x2x2x!qnn.binary<f32, 1.0>>
}
