// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so dcast_i8 i8:-128,127,-8,-7 out:f32:4 | FileCheck %s --match-full-lines --check-prefix=I8
// RUN: %call %t.so dcast_per_axis u8:0,255,255,8 out:f32:4 | FileCheck %s --match-full-lines --check-prefix=AXIS
// RUN: %call %t.so qcast_dcast f32:0.3,-0.3,100 out:f32:3 | FileCheck %s --match-full-lines --check-prefix=ROUND-TRIP

// Upstream quant.dcast on tensors computes qnn.dequantize (rule N3).

// i8 0.25:-8: -128 -> -120 * 0.25 = -30;  127 -> 135 * 0.25 = 33.75;
// -8 -> 0;  -7 -> 0.25.
// I8: out0: -30 33.75 0 0.25
func.func @dcast_i8(%q: tensor<4x!quant.uniform<i8:f32, 0.25:-8>>) -> tensor<4xf32> {
  %x = quant.dcast %q : tensor<4x!quant.uniform<i8:f32, 0.25:-8>> to tensor<4xf32>
  return %x : tensor<4xf32>
}

// u8 per axis 1 {0.5:255, 0.125:0}, q = [[0, 255], [255, 8]]:
// (0 - 255) * 0.5 = -127.5;  255 * 0.125 = 31.875;  0;  8 * 0.125 = 1.
// AXIS: out0: -127.5 31.875 0 1
func.func @dcast_per_axis(%q: tensor<2x2x!quant.uniform<u8:f32:1, {0.5:255, 0.125:0}>>) -> tensor<2x2xf32> {
  %x = quant.dcast %q : tensor<2x2x!quant.uniform<u8:f32:1, {0.5:255, 0.125:0}>> to tensor<2x2xf32>
  return %x : tensor<2x2xf32>
}

// qcast then dcast, i8 0.1:0: f32(0.3) / f32(0.1) = 0.300000012 / 0.100000001
// rounds to 3 in f32 -> q = 3 -> 3 * f32(0.1) = 0.300000004 -> f32 0.300000012;
// -0.3 -> -0.300000012; 100 -> 1000 -> 127 -> 127 * f32(0.1) = 12.7000002 -> f32
// 12.6999998.
// ROUND-TRIP: out0: 0.300000012 -0.300000012 12.6999998
func.func @qcast_dcast(%x: tensor<3xf32>) -> tensor<3xf32> {
  %q = quant.qcast %x : tensor<3xf32> to tensor<3x!quant.uniform<i8:f32, 0.1>>
  %y = quant.dcast %q : tensor<3x!quant.uniform<i8:f32, 0.1>> to tensor<3xf32>
  return %y : tensor<3xf32>
}
