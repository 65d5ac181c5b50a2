// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so depthwise i8:1,-4,3,0,-6,5,6,-1,-3,7,2,-5 i8:2,0,0,-1,3,4,-3,-1 i32:1,-250,0,120 out:i8:16 | FileCheck %s --match-full-lines --check-prefix=DW
// RUN: %call %t.float.so depthwise i8:1,-4,3,0,-6,5,6,-1,-3,7,2,-5 i8:2,0,0,-1,3,4,-3,-1 i32:1,-250,0,120 out:i8:16 | FileCheck %s --match-full-lines --check-prefix=DW-FLOAT
// RUN: %call %t.so depthwise_dilation_relu u8:20,0,99,200,5,10 i8:3,2,4,1 out:u8:2 | FileCheck %s --match-full-lines --check-prefix=DIL

// qnn.depthwise_conv2d (rule N9): output channel oc = c * MULT + m reads
// input channel c only, with the weight scale and zero point of c (per axis 2).
//
// x 1x2x3x2 i8 0.5:-1, (x - zx)[h][w] as (c0, c1) pairs:
//   h0: (2, -3) (4, 1) (-5, 6);   h1: (7, 0) (-2, 8) (3, -4)
// w [KH=1, KW=2, C=2, MULT=2] per axis 2 {0.25:1, 0.5:-2}, (w - zw)[kw][c][m]:
//   kw0: c0 (1, -1), c1 (2, 1);   kw1: c0 (2, 3), c1 (-1, 1)
//   (storage = value + zw: [2, 0, 0, -1, 3, 4, -3, -1])
// bias [1, -250, 0, 120]; pad [0, 0, 1, 0], stride [1, 2] -> OH = 2,
// OW = (3 + 1 - 1 - 1) / 2 + 1 = 2. Output column ow reads input columns
// 2 ow - 1 (kw0; column -1 is padding) and 2 ow (kw1).
//   (0,0): kw1 only:  c0m0 1 + 2*2 = 5;  c0m1 -250 + 2*3 = -244;
//          c1m0 -3*-1 = 3;  c1m1 120 - 3 = 117
//   (0,1): c0m0 1 + 4 - 10 = -5;  c0m1 -250 - 4 - 15 = -269;
//          c1m0 2 - 6 = -4;  c1m1 120 + 1 + 6 = 127
//   (1,0): c0m0 1 + 14 = 15;  c0m1 -250 + 21 = -229;  c1m0 0;  c1m1 120
//   (1,1): c0m0 1 - 2 + 6 = 5;  c0m1 -250 + 2 + 9 = -239;
//          c1m0 16 + 4 = 20;  c1m1 120 + 8 - 4 = 124
// M[oc] = 0.5 * {0.25, 0.25, 0.5, 0.5} / 0.25 = {0.5, 0.5, 1, 1}, zp_y = 5:
//   5 -> 2.5: fixed 3 / float 2 -> 8 / 7;   -244 -> -122 -> -117;
//   -5 -> -2.5: fixed -2 (ties toward +inf) / float -2 -> 3;
//   -269 -> -134.5 -> -134 -> -129 -> -128 (saturated);
//   15 -> 7.5 -> 8 / 8 -> 13;   -229 -> -114.5 -> -114 / -114 -> -109;
//   -239 -> -119.5: fixed -119 / float -120 -> -114 / -115;
//   c1: 3 -> 8, 117 -> 122, -4 -> 1, 127 -> 132 -> 127, 0 -> 5, 120 -> 125,
//   20 -> 25, 124 -> 129 -> 127.
// DW: out0: 8 -117 8 122 3 -128 1 127 13 -109 5 125 8 -114 25 127
// DW-FLOAT: out0: 7 -117 8 122 3 -128 1 127 13 -109 5 125 7 -115 25 127
func.func @depthwise(%x: tensor<1x2x3x2x!quant.uniform<i8:f32, 0.5:-1>>,
                     %w: tensor<1x2x2x2x!quant.uniform<i8:f32:2, {0.25:1, 0.5:-2}>>,
                     %b: tensor<4xi32>) -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.25:5>> {
  %y = qnn.depthwise_conv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>}
      : (tensor<1x2x3x2x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<1x2x2x2x!quant.uniform<i8:f32:2, {0.25:1, 0.5:-2}>>, tensor<4xi32>)
      -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.25:5>>
  return %y : tensor<1x2x2x4x!quant.uniform<i8:f32, 0.25:5>>
}

// Per-tensor weights, dilation [2, 1], relu. x 1x3x1x2 u8 1.0:10, (x - zx)
// per row as (c0, c1): (10, -10), (89, 190), (-5, 0); the middle row is
// skipped by the dilation. w [2, 1, 2, 1] i8 0.5 = rows (3, 2), (4, 1).
// OH = (3 - 2 - 1) / 1 + 1 = 1.  acc c0 = 10*3 - 5*4 = 10, c1 = -10*2 + 0 = -20.
// M = 1.0 * 0.5 / 0.5 = 1; u8 0.5:20 with relu -> [20, 255]:
// c0 10 + 20 = 30;  c1 -20 + 20 = 0 -> 20.
// DIL: out0: 30 20
func.func @depthwise_dilation_relu(%x: tensor<1x3x1x2x!quant.uniform<u8:f32, 1.0:10>>,
                                   %w: tensor<2x1x2x1x!quant.uniform<i8:f32, 0.5>>)
    -> tensor<1x1x1x2x!quant.uniform<u8:f32, 0.5:20>> {
  %y = qnn.depthwise_conv2d %x, %w {dilation = array<i64: 2, 1>, activation = #qnn.activation<relu>}
      : (tensor<1x3x1x2x!quant.uniform<u8:f32, 1.0:10>>, tensor<2x1x2x1x!quant.uniform<i8:f32, 0.5>>)
      -> tensor<1x1x1x2x!quant.uniform<u8:f32, 0.5:20>>
  return %y : tensor<1x1x1x2x!quant.uniform<u8:f32, 0.5:20>>
}
