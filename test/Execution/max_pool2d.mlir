// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so max_u8 u8:100,0,200,1,130,255,5,254 out:u8:2 | FileCheck %s --match-full-lines --check-prefix=U8
// RUN: %call %t.so max_pad_negative i8:-100,-50,-128,-90 out:i8:9 | FileCheck %s --match-full-lines --check-prefix=PAD
// RUN: %call %t.so max_stride i8:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=STRIDE
// RUN: %call %t.so max_binary i64:-1,63,-1,0,12,63 out:i64:8 | FileCheck %s --match-full-lines --check-prefix=BIN

// qnn.max_pool2d (rule N13): maximum of q over the in-bounds window
// positions, compared with the signedness of the storage type; padding never
// contributes (not even the zero point).

// u8, 2x2 window over 1x2x2x2: channel 0 {100, 200, 130, 5} -> 200 (as signed
// bytes 200 and 130 would be negative and 100 would win); channel 1
// {0, 1, 255, 254} -> 255.
// U8: out0: 200 255
func.func @max_u8(%x: tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<1x1x1x2x!quant.uniform<u8:f32, 0.1:128>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>}
      : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:128>> -> tensor<1x1x1x2x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<1x1x1x2x!quant.uniform<u8:f32, 0.1:128>>
}

// i8 0.1:3, all values below the zero point: [[-100, -50], [-128, -90]];
// kernel 2x2, stride 1, pad 1 on every side -> 3x3, windows at (oh - 1, ow - 1):
//   (0,0) {-100}  (0,1) {-100, -50} -> -50  (0,2) {-50}
//   (1,0) {-100, -128} -> -100  (1,1) all -> -50  (1,2) {-50, -90} -> -50
//   (2,0) {-128}  (2,1) {-128, -90} -> -90  (2,2) {-90}
// PAD: out0: -100 -50 -50 -100 -50 -50 -128 -90 -90
func.func @max_pad_negative(%x: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1:3>>)
    -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:3>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1:3>> -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:3>>
  return %y : tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:3>>
}

// 4x4 input 1..16 (row-major), kernel 3x3, stride 2, pad [0, 1, 0, 1]:
// OH = OW = (4 + 1 - 2 - 1) / 2 + 1 = 2; windows rows/cols {0..2} and {2..4}
// (4 is padding): (0,0) max of rows 0-2, cols 0-2 = 11; (0,1) cols 2-3 -> 12;
// (1,0) rows 2-3 -> 15; (1,1) -> 16.
// STRIDE: out0: 11 12 15 16
func.func @max_stride(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 0, 1, 0, 1>}
      : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>>
}

// Binary (rule N13.1): the AND of the packed bits over the in-bounds window,
// word by word. x 1x1x3x70 (two words per pixel, 6 bits used in the second):
//   p0 = [-1, 0x3f] (all 70 channels -alpha), p1 = [-1, 0], p2 = [12, 0x3f];
// kernel 1x2, pad 1 left and right, stride 1 -> 4 outputs, windows at ow - 1:
//   ow0 {p0} -> [-1, 63]; ow1 {p0, p1} -> [-1, 0]; ow2 {p1, p2} -> [12, 0];
//   ow3 {p2} -> [12, 63]. Padding (all-ones words) never clears a bit.
// BIN: out0: -1(0xffffffffffffffff) 63(0x3f) -1(0xffffffffffffffff) 0(0x0) 12(0xc) 0(0x0) 12(0xc) 63(0x3f)
func.func @max_binary(%x: tensor<1x1x3x70x!qnn.binary<f32, 0.5>>)
    -> tensor<1x1x4x70x!qnn.binary<f32, 0.5>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 1, 2>, pad = array<i64: 0, 0, 1, 1>}
      : tensor<1x1x3x70x!qnn.binary<f32, 0.5>> -> tensor<1x1x4x70x!qnn.binary<f32, 0.5>>
  return %y : tensor<1x1x4x70x!qnn.binary<f32, 0.5>>
}
