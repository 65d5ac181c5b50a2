// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so conv_pad_stride u8:129,126,131,124,133,122,135,120,137 i8:1,2,3,4,-1,1,1,-1 i32:6,-3 out:i8:8 | FileCheck %s --match-full-lines --check-prefix=PAD
// RUN: %call %t.float.so conv_pad_stride u8:129,126,131,124,133,122,135,120,137 i8:1,2,3,4,-1,1,1,-1 i32:6,-3 out:i8:8 | FileCheck %s --match-full-lines --check-prefix=PAD-FLOAT
// RUN: %call %t.so conv_dilation_relu6 u8:110,255,80,0,255,0,130,0,105 i8:1,1,1,1,-2,-1,-1,0,5,4,3,2 out:u8:3 | FileCheck %s --match-full-lines --check-prefix=DIL
// RUN: %call %t.float.so conv_dilation_relu6 u8:110,255,80,0,255,0,130,0,105 i8:1,1,1,1,-2,-1,-1,0,5,4,3,2 out:u8:3 | FileCheck %s --match-full-lines --check-prefix=DIL-FLOAT
// RUN: %call %t.so conv_channels i8:3,-5,127,-128 i8:5,-1,-3,0 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=CHAN

// qnn.conv2d (rule N8): acc = bias + sum (x - zx) * (w - zw[o]) over in-bounds
// taps (padding contributes 0, N8.4), y = N6(acc, M[o]), M[o] = s_x s_w[o] / s_y.

// x 1x3x3x1 u8 0.5:128, x - zx = [[1, -2, 3], [-4, 5, -6], [7, -8, 9]];
// w 2x2x2x1 per-axis {0.25, 0.5}: w0 = [[1, 2], [3, 4]], w1 = [[-1, 1], [1, -1]];
// bias [6, -3]; pad [1, 1, 1, 1], stride 2 -> OH = OW = (3 + 2 - 1 - 1) / 2 + 1 = 2.
// Windows start at (2 oh - 1, 2 ow - 1):
//   (0,0): only x(0,0) = 1 under w(1,1):     acc0 = 6 + 4 = 10,   acc1 = -3 - 1 = -4
//   (0,1): x(0,1) = -2, x(0,2) = 3 under w(1,0), w(1,1):
//          acc0 = 6 - 6 + 12 = 12,  acc1 = -3 - 2 - 3 = -8
//   (1,0): x(1,0) = -4, x(2,0) = 7 under w(0,1), w(1,1):
//          acc0 = 6 - 8 + 28 = 26,  acc1 = -3 - 4 - 7 = -14
//   (1,1): x(1..2, 1..2) = [[5, -6], [-8, 9]]:
//          acc0 = 6 + 5 - 12 - 24 + 36 = 11,  acc1 = -3 - 5 - 6 - 8 - 9 = -31
// M = 0.5 * {0.25, 0.5} / 0.5 = {0.25, 0.5} -> (2^30, -1), (2^30, 0); zp_y = -2.
//   acc0 10 -> 2.5: RDBPOT(5, 1) = 3 / float 2;  12 -> 3;  26 -> 6.5: 7 / 6;
//   11 -> 2.75: SRDHM(11) = 6, RDBPOT(6, 1) = 3 / float 3.
//   acc1 -4 -> -2;  -8 -> -4;  -14 -> -7;  -31 -> -15.5: SRDHM ties toward
//   +inf -> -15 / float -16.
// PAD: out0: 1 -4 1 -6 5 -9 1 -17
// PAD-FLOAT: out0: 0 -4 1 -6 4 -9 1 -18
func.func @conv_pad_stride(%x: tensor<1x3x3x1x!quant.uniform<u8:f32, 0.5:128>>,
                           %w: tensor<2x2x2x1x!quant.uniform<i8:f32:0, {0.25, 0.5}>>,
                           %b: tensor<2xi32>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:-2>> {
  %y = qnn.conv2d %x, %w, %b {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>}
      : (tensor<1x3x3x1x!quant.uniform<u8:f32, 0.5:128>>,
         tensor<2x2x2x1x!quant.uniform<i8:f32:0, {0.25, 0.5}>>, tensor<2xi32>)
      -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:-2>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.5:-2>>
}

// Dilation 2 with a 2x2 kernel reads only the corners of the 3x3 input
// (x - zx = [10, -20, 30, 5] at (0,0), (0,2), (2,0), (2,2); the other five
// positions hold 255 / 0 and must not contribute), no bias, OH = OW = 1.
// w (per-axis {0.25, 0.5, 1.0}) taps: w0 = [1, 1, 1, 1], w1 = [-2, -1, -1, 0],
// w2 = [5, 4, 3, 2]:  acc = [25, -30, 70].
// M = 0.25 * s_w / 0.125 = {0.5, 1.0, 2.0}; relu6 on u8 0.125:10 ->
// [10, 10 + round(6 / 0.125) = 58] (N6.3).
//   acc 25 -> 12.5: SRDHM ties toward +inf 13 / float 12 -> 23 / 22
//   acc -30 -> -30 -> -20 -> relu bound 10
//   acc 70 -> 140 -> 150 -> relu6 bound 58
// DIL: out0: 23 10 58
// DIL-FLOAT: out0: 22 10 58
func.func @conv_dilation_relu6(%x: tensor<1x3x3x1x!quant.uniform<u8:f32, 0.25:100>>,
                               %w: tensor<3x2x2x1x!quant.uniform<i8:f32:0, {0.25, 0.5, 1.0}>>)
    -> tensor<1x1x1x3x!quant.uniform<u8:f32, 0.125:10>> {
  %y = qnn.conv2d %x, %w {dilation = array<i64: 2, 2>, activation = #qnn.activation<relu6>}
      : (tensor<1x3x3x1x!quant.uniform<u8:f32, 0.25:100>>,
         tensor<3x2x2x1x!quant.uniform<i8:f32:0, {0.25, 0.5, 1.0}>>)
      -> tensor<1x1x1x3x!quant.uniform<u8:f32, 0.125:10>>
  return %y : tensor<1x1x1x3x!quant.uniform<u8:f32, 0.125:10>>
}

// Two input channels, batch 2, per-axis weight zero points {0.5:2, 0.25:-3}.
// x i8 0.5:-1 = [[3, -5], [127, -128]] -> x - zx = [[4, -4], [128, -127]];
// w = [[5, -1], [-3, 0]] -> w - zw = [[3, -3], [0, 3]].
//   n0: acc0 = 12 + 12 = 24,  acc1 = 0 - 12 = -12
//   n1: acc0 = 384 + 381 = 765,  acc1 = -381
// M = 0.5 * {0.5, 0.25} / 1.0 = {0.25, 0.125}, y i8 1.0:0:
//   24 -> 6;  -12 -> -1.5 -> RDBPOT(-6, 2) = -2;  765 -> 191.25 -> 127;
//   -381 -> -47.625 -> -48.
// CHAN: out0: 6 -2 127 -48
func.func @conv_channels(%x: tensor<2x1x1x2x!quant.uniform<i8:f32, 0.5:-1>>,
                         %w: tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.5:2, 0.25:-3}>>)
    -> tensor<2x1x1x2x!quant.uniform<i8:f32, 1.0>> {
  %y = qnn.conv2d %x, %w
      : (tensor<2x1x1x2x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<2x1x1x2x!quant.uniform<i8:f32:0, {0.5:2, 0.25:-3}>>)
      -> tensor<2x1x1x2x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<2x1x1x2x!quant.uniform<i8:f32, 1.0>>
}
