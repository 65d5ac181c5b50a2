// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so dequantize_per_axis u8:0,3,0,255,255,255 out:f32:6 | FileCheck %s --match-full-lines --check-prefix=AXIS
// RUN: %call %t.so dequantize_i8 i8:127,-128,-127,0 out:f32:4 | FileCheck %s --match-full-lines --check-prefix=I8
// RUN: %call %t.so dequantize_i16 i16:32767,-32768,-32767 out:f32:3 | FileCheck %s --match-full-lines --check-prefix=I16

// qnn.dequantize (rule N3): x = f32(q - zp) * f32(s), q - zp exact in i32.

// u8 per axis 1, {0.5:128, 0.1:0, 2.0:255}, q = [[0, 3, 0], [255, 255, 255]]:
//   ch0: (0 - 128) * 0.5 = -64;  (255 - 128) * 0.5 = 63.5.
//   ch1: 3 * f32(0.1) = 3 * 0.100000001490116 = 0.300000004470348, rounded to
//        f32 0.300000011920929;  255 * f32(0.1) = 25.5000003799796 -> f32 25.5.
//   ch2: (0 - 255) * 2 = -510 (u8 zero-extended, not sign-extended);  0 * 2 = 0.
// AXIS: out0: -64 0.300000012 -510 63.5 25.5 0
func.func @dequantize_per_axis(%q: tensor<2x3x!quant.uniform<u8:f32:1, {0.5:128, 0.1:0, 2.0:255}>>)
    -> tensor<2x3xf32> {
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<u8:f32:1, {0.5:128, 0.1:0, 2.0:255}>> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// i8, s = 0.25, zp = -128 (the zero point at qmin): 127 -> 255 * 0.25 = 63.75;
// -128 -> 0; -127 -> 0.25; 0 -> 32.
// I8: out0: 63.75 0 0.25 32
func.func @dequantize_i8(%q: tensor<4x!quant.uniform<i8:f32, 0.25:-128>>) -> tensor<4xf32> {
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.25:-128>> -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// i16 (int16_t container), s = 0.5, zp = 32767: 32767 -> 0;
// -32768 -> -65535 * 0.5 = -32767.5;  -32767 -> -65534 * 0.5 = -32767.
// I16: out0: 0 -32767.5 -32767
func.func @dequantize_i16(%q: tensor<3x!quant.uniform<i16:f32, 0.5:32767>>) -> tensor<3xf32> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<i16:f32, 0.5:32767>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}
