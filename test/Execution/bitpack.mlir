// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so binarize_bitpack f32:-1,1*63,-1,-1,1*61,-1,-1,-1 out:i64:3 | FileCheck %s --match-full-lines --check-prefix=PACK
// RUN: %call %t.so bitpack_words i64:-1,0x123,3,5,-9223372036854775808,0 out:i64:6 | FileCheck %s --match-full-lines --check-prefix=WORDS

// qnn.bitpack (rule N18) exposes the packed storage of N1.5 as i64 words.

// C = 130 -> 3 words. Negative at channels 0, 64, 65, 127, 128, 129:
//   word 0 = bit 0 = 1;  word 1 = bits 0, 1, 63 = 0x8000000000000003;
//   word 2 = bits 0, 1 = 3 (bits 2..63 are tail, 0).
// PACK: out0: 1(0x1) -9223372036854775805(0x8000000000000003) 3(0x3)
func.func @binarize_bitpack(%x: tensor<1x130xf32>) -> tensor<1x3xi64> {
  %b = qnn.binarize %x : tensor<1x130xf32> -> tensor<1x130x!qnn.binary<f32, 1.0>>
  %p = qnn.bitpack %b : tensor<1x130x!qnn.binary<f32, 1.0>> -> tensor<1x3xi64>
  return %p : tensor<1x3xi64>
}

// A per-axis binary argument (valid N1.5 words: tail bits of word 2 zero)
// comes out bit for bit.
// WORDS: out0: -1(0xffffffffffffffff) 291(0x123) 3(0x3) 5(0x5) -9223372036854775808(0x8000000000000000) 0(0x0)
func.func @bitpack_words(%x: tensor<2x130x!qnn.binary<f32:0, {0.5, 0.25}>>) -> tensor<2x3xi64> {
  %p = qnn.bitpack %x : tensor<2x130x!qnn.binary<f32:0, {0.5, 0.25}>> -> tensor<2x3xi64>
  return %p : tensor<2x3xi64>
}
