// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so avg_stride i8:1,-7,-2,-5,0,-10,2,-11,-1 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=STRIDE
// RUN: %call %t.so avg_u8 u8:255,0,201,2 out:u8:9 | FileCheck %s --match-full-lines --check-prefix=U8

// qnn.avg_pool2d (rule N12): S = sum of (q - zp) over the in-bounds window
// positions, count = their number (padding not counted),
// rdiv = S / count rounded half away from zero, y = clamp(zp + rdiv).

// i8 0.1:-4, 3x3 input, q - zp = [[5, -3, 2], [-1, 4, -6], [6, -7, 3]]
// (q = [1, -7, -2, -5, 0, -10, 2, -11, -1]); kernel 2x2, stride 2,
// pad [1, 0, 1, 0] -> 2x2 output; windows start at (2 oh - 1, 2 ow - 1):
//   (0,0): {5}, count 1 -> 5 -> 1
//   (0,1): {-3, 2}, S = -1, count 2 -> (-1 - 1) / 2 = -1 (-0.5 away from 0) -> -5
//   (1,0): {-1, 6}, S = 5, count 2 -> (5 + 1) / 2 = 3 (2.5 away from 0) -> -1
//   (1,1): {4, -6, -7, 3}, S = -6, count 4 -> (-6 - 2) / 4 = -2 (-1.5 away from 0) -> -6
// STRIDE: out0: 1 -5 -1 -6
func.func @avg_stride(%x: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:-4>>)
    -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1:-4>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                          pad = array<i64: 1, 0, 1, 0>}
      : tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:-4>> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1:-4>>
  return %y : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1:-4>>
}

// u8 0.5:200, 2x2 input q = [[255, 0], [201, 2]] -> q - zp = [[55, -200], [1, -198]];
// kernel 2x2, stride 1, pad 1 on every side -> 3x3 output, counts 1 / 2 / 4:
//   (0,0) {55} -> 55 -> 255           (0,1) {55, -200} = -145 / 2 -> -73 -> 127
//   (0,2) {-200} -> 0                 (1,0) {55, 1} = 56 / 2 = 28 -> 228
//   (1,1) all = -342 / 4 = -85.5 -> -86 -> 114
//   (1,2) {-200, -198} = -398 / 2 = -199 -> 1
//   (2,0) {1} -> 201                  (2,1) {1, -198} = -197 / 2 = -98.5 -> -99 -> 101
//   (2,2) {-198} -> 2
// U8: out0: 255 127 0 228 114 1 201 101 2
func.func @avg_u8(%x: tensor<1x2x2x1x!quant.uniform<u8:f32, 0.5:200>>)
    -> tensor<1x3x3x1x!quant.uniform<u8:f32, 0.5:200>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<1x2x2x1x!quant.uniform<u8:f32, 0.5:200>> -> tensor<1x3x3x1x!quant.uniform<u8:f32, 0.5:200>>
  return %y : tensor<1x3x3x1x!quant.uniform<u8:f32, 0.5:200>>
}
