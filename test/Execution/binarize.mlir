// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so binarize_quantized i8:-2,-1*4,-128,-1*57,-2,-3,-1*4,-2 out:i64:2 | FileCheck %s --match-full-lines --check-prefix=QUANT
// RUN: %call %t.so binarize_threshold f32:-1.5,-1.5000001,-inf,inf,nan out:i64:1 | FileCheck %s --match-full-lines --check-prefix=THRESH
// RUN: %call %t.so binarize_full_words f32:-1*64,1*63,-0.0 out:i64:2 | FileCheck %s --match-full-lines --check-prefix=FULL

// qnn.binarize (rule N17): bit = v < threshold (f32 compare, NaN -> 0),
// packed per N1.5 along the last axis: channel c is bit c % 64 of word c / 64,
// bit 1 = -alpha, unused tail bits 0.

// Quantized input i8 0.5:-2, threshold 0.25: v = (q + 2) * 0.5, so q = -2
// gives v = 0 < 0.25 (bit 1) and q = -1 gives 0.5 (bit 0). C = 70, bits set
// at channels 0 (q -2), 5 (q -128), 63 (q -2), 64 (q -3) and 69 (q -2):
//   word 0 = 2^63 + 2^5 + 2^0 = 0x8000000000000021, word 1 = 2^5 + 2^0 = 0x21
//   (channels 70..127 of word 1 are tail bits: 0).
// QUANT: out0: -9223372036854775775(0x8000000000000021) 33(0x21)
func.func @binarize_quantized(%x: tensor<70x!quant.uniform<i8:f32, 0.5:-2>>)
    -> tensor<70x!qnn.binary<f32, 0.5>> {
  %y = qnn.binarize %x {threshold = 0.25 : f32}
      : tensor<70x!quant.uniform<i8:f32, 0.5:-2>> -> tensor<70x!qnn.binary<f32, 0.5>>
  return %y : tensor<70x!qnn.binary<f32, 0.5>>
}

// Threshold -1.5: x = -1.5 is not below it (bit 0), f32(-1.5000001) =
// -1.50000012 is (bit 1), -inf (1), +inf (0), NaN (0) -> 0b00110 = 6.
// THRESH: out0: 6(0x6)
func.func @binarize_threshold(%x: tensor<5xf32>) -> tensor<5x!qnn.binary<f32, 2.0>> {
  %y = qnn.binarize %x {threshold = -1.5 : f32} : tensor<5xf32> -> tensor<5x!qnn.binary<f32, 2.0>>
  return %y : tensor<5x!qnn.binary<f32, 2.0>>
}

// C = 64 exactly (one full word per row, no tail): row 0 all -1 -> every bit
// set (-1); row 1 +1 and a final -0.0, which is not below 0 -> 0.
// FULL: out0: -1(0xffffffffffffffff) 0(0x0)
func.func @binarize_full_words(%x: tensor<2x64xf32>) -> tensor<2x64x!qnn.binary<f32, 1.0>> {
  %y = qnn.binarize %x : tensor<2x64xf32> -> tensor<2x64x!qnn.binary<f32, 1.0>>
  return %y : tensor<2x64x!qnn.binary<f32, 1.0>>
}
