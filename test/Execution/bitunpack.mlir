// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so bitunpack_70 i64:-1,-1,5,0x7fc0 out:i64:4 | FileCheck %s --match-full-lines --check-prefix=C70
// RUN: %call %t.so bitunpack_1 i64:-2,-1,0x8000000000000001 out:i64:3 | FileCheck %s --match-full-lines --check-prefix=C1
// RUN: %call %t.so bitunpack_64 i64:-1,-9223372036854775808 out:i64:2 | FileCheck %s --match-full-lines --check-prefix=C64
// RUN: %call %t.so bitunpack_bfc i64:-1,0x3fffffffff out:f32:1 | FileCheck %s --match-full-lines --check-prefix=BFC

// qnn.bitunpack (rule N18.1): ceil(C / 64) words become C binary values; bits
// at positions >= C of the last word are cleared whatever the words held.
// The binary results are returned in their packed storage (N1.5).

// C = 70: the last word keeps bits 0..5 (mask 0x3f):
//   [-1, -1] -> [-1, 0x3f];  [5, 0x7fc0] -> [5, 0x7fc0 & 0x3f = 0].
// C70: out0: -1(0xffffffffffffffff) 63(0x3f) 5(0x5) 0(0x0)
func.func @bitunpack_70(%w: tensor<2x2xi64>) -> tensor<2x70x!qnn.binary<f32, 1.0>> {
  %b = qnn.bitunpack %w : tensor<2x2xi64> -> tensor<2x70x!qnn.binary<f32, 1.0>>
  return %b : tensor<2x70x!qnn.binary<f32, 1.0>>
}

// C = 1: only bit 0 survives: -2 -> 0, -1 -> 1, 0x8000000000000001 -> 1.
// C1: out0: 0(0x0) 1(0x1) 1(0x1)
func.func @bitunpack_1(%w: tensor<3x1xi64>) -> tensor<3x1x!qnn.binary<f32:0, {1.0, 0.5, 0.25}>> {
  %b = qnn.bitunpack %w : tensor<3x1xi64> -> tensor<3x1x!qnn.binary<f32:0, {1.0, 0.5, 0.25}>>
  return %b : tensor<3x1x!qnn.binary<f32:0, {1.0, 0.5, 0.25}>>
}

// C = 64: no tail, the words are unchanged (bit 63 included).
// C64: out0: -1(0xffffffffffffffff) -9223372036854775808(0x8000000000000000)
func.func @bitunpack_64(%w: tensor<2x1xi64>) -> tensor<2x64x!qnn.binary<f32, 1.0>> {
  %b = qnn.bitunpack %w : tensor<2x1xi64> -> tensor<2x64x!qnn.binary<f32, 1.0>>
  return %b : tensor<2x64x!qnn.binary<f32, 1.0>>
}

// Unpacked words feed a binary op: x = words [-1, 0x3fffffffff] as C = 100
// (word 1 keeps bits 0..35: 0xfffffffff, so all 100 channels are -1), w = all
// +1 (zero words): dot = 100 - 2 * popcount(x XOR w) = 100 - 200 = -100;
// with the garbage bits 36, 37 kept it would be -104. y = -100 * 0.5 * 1.0.
// BFC: out0: -50
func.func @bitunpack_bfc(%words: tensor<1x2xi64>) -> tensor<1x1xf32> {
  %x = qnn.bitunpack %words : tensor<1x2xi64> -> tensor<1x100x!qnn.binary<f32, 0.5>>
  %c = arith.constant dense<0> : tensor<1x2xi64>
  %w = qnn.bitunpack %c : tensor<1x2xi64> -> tensor<1x100x!qnn.binary<f32, 1.0>>
  %y = qnn.bfully_connected %x, %w
      : (tensor<1x100x!qnn.binary<f32, 0.5>>, tensor<1x100x!qnn.binary<f32, 1.0>>) -> tensor<1x1xf32>
  return %y : tensor<1x1xf32>
}
