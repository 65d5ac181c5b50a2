// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so observe f32:0.1,-0.0,nan,-inf,1e-45,3.4028235e38 out:f32:6 | FileCheck %s --match-full-lines --check-prefix=ID
// RUN: %call %t.so observe_between f32:0.125,0.175,-7.0 out:i8:3 | FileCheck %s --match-full-lines --check-prefix=BETWEEN

// qnn.observe (rule N22) is the identity for now: every value comes back bit
// for bit, including -0.0, NaN, infinities, the smallest subnormal (not
// flushed, N1.6) and the largest finite f32. Two chained observation points.
// ID: out0: 0.100000001 -0 nan -inf 1.40129846e-45 3.40282347e+38
func.func @observe(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = qnn.observe %x {id = 0 : i64} : tensor<2x3xf32>
  %z = qnn.observe %y {id = 1 : i64} : tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}

// Between a dequantize and a quantize it changes nothing: x -> N2 (0.05:-3)
// -> N3 -> observe -> N2 again. 0.125 -> 2.5 -> 2 -> -1 -> 0.1 -> 2 -> -1;
// 0.175 -> 4 -> 1 -> f32(4 * 0.05) = 0.200000003 -> 4 -> 1;
// -7 -> -128 -> -125 * 0.05 = -6.25 -> -125 -> -128.
// BETWEEN: out0: -1 1 -128
func.func @observe_between(%x: tensor<3xf32>) -> tensor<3x!quant.uniform<i8:f32, 0.05:-3>> {
  %q = qnn.quantize %x : tensor<3xf32> -> tensor<3x!quant.uniform<i8:f32, 0.05:-3>>
  %d = qnn.dequantize %q : tensor<3x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<3xf32>
  %o = qnn.observe %d {id = 5 : i64} : tensor<3xf32>
  %r = qnn.quantize %o : tensor<3xf32> -> tensor<3x!quant.uniform<i8:f32, 0.05:-3>>
  return %r : tensor<3x!quant.uniform<i8:f32, 0.05:-3>>
}
