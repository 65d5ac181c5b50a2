// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so qcast_u8 f32:0.25,0.75,-64.5,64.0,nan,-0.25 out:u8:6 | FileCheck %s --match-full-lines --check-prefix=U8
// RUN: %call %t.so qcast_per_axis f32:1.25,-1.25,10,600 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=AXIS

// Upstream quant.qcast on tensors computes qnn.quantize (rule N2).

// u8 0.5:128: 0.25 -> 0.5 -> 0 -> 128;  0.75 -> 1.5 -> 2 -> 130;
// -64.5 -> -129 -> -1 -> 0;  64 -> 128 -> 256 -> 255;  NaN -> 128;
// -0.25 -> -0.5 -> -0 -> 128.
// U8: out0: 128 130 0 255 128 128
func.func @qcast_u8(%x: tensor<6xf32>) -> tensor<6x!quant.uniform<u8:f32, 0.5:128>> {
  %q = quant.qcast %x : tensor<6xf32> to tensor<6x!quant.uniform<u8:f32, 0.5:128>>
  return %q : tensor<6x!quant.uniform<u8:f32, 0.5:128>>
}

// Per axis 0 {0.5:1, 4.0:-1}: row 0: 1.25 / 0.5 = 2.5 -> 2 -> 3;
// -1.25 -> -2.5 -> -2 -> -1;  row 1: 10 / 4 = 2.5 -> 2 -> 1;
// 600 / 4 = 150 -> 149 -> 127.
// AXIS: out0: 3 -1 1 127
func.func @qcast_per_axis(%x: tensor<2x2xf32>) -> tensor<2x2x!quant.uniform<i8:f32:0, {0.5:1, 4.0:-1}>> {
  %q = quant.qcast %x : tensor<2x2xf32> to tensor<2x2x!quant.uniform<i8:f32:0, {0.5:1, 4.0:-1}>>
  return %q : tensor<2x2x!quant.uniform<i8:f32:0, {0.5:1, 4.0:-1}>>
}
