// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so dequantize_i32 i32:2147483647,-2147483648,0 out:f32:3 | FileCheck %s --match-full-lines --check-prefix=DEQ
// RUN: %call %t.so requantize_i32 i32:2147483647,-2147483648,0,-2147483647 out:i32:4 | FileCheck %s --match-full-lines --check-prefix=REQ
// RUN: %call %t.float.so requantize_i32 i32:2147483647,-2147483648,0,-2147483647 out:i32:4 | FileCheck %s --match-full-lines --check-prefix=REQ-FLOAT

// 32-bit storage with an extreme zero point: q - zp leaves the i32 range.
// Rule N3 forms it exactly (in i64) before converting to f32; rule N7
// saturates it to i32 before requantizing.

// zp = -2^31, s = 0.5:
//   q = 2^31 - 1 -> q - zp = 2^32 - 1 -> f32 4294967296 -> * 0.5 = 2147483648
//   q = -2^31    -> 0 -> 0
//   q = 0        -> 2^31 -> 2147483648 * 0.5 = 1073741824
// DEQ: out0: 2.14748365e+09 0 1.07374182e+09
func.func @dequantize_i32(%q: tensor<3x!quant.uniform<i32:f32, 0.5:-2147483648>>) -> tensor<3xf32> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<i32:f32, 0.5:-2147483648>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// zp_in = -2^31, s_in = s_out = 1, zp_out = 0. acc = saturate_i32(q - zp):
//   q = 2^31 - 1  -> 2^32 - 1 -> acc 2^31 - 1
//   q = -2^31     -> acc 0
//   q = 0         -> 2^31 -> acc 2^31 - 1
//   q = -2^31 + 1 -> acc 1
// Fixed point: M = 1 is N4 (2^30, shift 1). The pre-shift saturates
// 2 * (2^31 - 1) to 2^31 - 1, and SRDHM(2^31 - 1, 2^30) =
// (2^61 - 2^30 + 2^30) / 2^31 = 2^30; acc 1: SRDHM(2, 2^30) = trunc(1.5) = 1.
// REQ: out0: 1073741824 0 1073741824 1
// Float: f32(2^31 - 1) = 2^31, * 1.0, saturated to i32: 2^31 - 1.
// REQ-FLOAT: out0: 2147483647 0 2147483647 1
func.func @requantize_i32(%q: tensor<4x!quant.uniform<i32:f32, 1.0:-2147483648>>) -> tensor<4x!quant.uniform<i32:f32, 1.0>> {
  %y = qnn.requantize %q : tensor<4x!quant.uniform<i32:f32, 1.0:-2147483648>> -> tensor<4x!quant.uniform<i32:f32, 1.0>>
  return %y : tensor<4x!quant.uniform<i32:f32, 1.0>>
}
