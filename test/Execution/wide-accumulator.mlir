// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so fc_i32 i8:127*70000 out:i32:2 | FileCheck %s --match-full-lines
// RUN: %call %t.float.so fc_i32 i8:127*70000 out:i32:2 | FileCheck %s --match-full-lines
// RUN: %call %t.so conv_i32 u8:1,2,3,4,5,6,7,8,9 out:i32:4 | FileCheck %s --match-full-lines --check-prefix=CONV

// Rule N6.0: with every multiplier s_x * s_w / s_y exactly 1, a 32-bit
// result is the i32 accumulator itself, in both requantization modes (as
// ONNX's MatMulInteger / ConvInteger). 70000 products 127 * 127 (channel 0)
// and 127 * -128 (channel 1): 1129030000 and -1137920000, beyond 2^30,
// where the fixed-point multiply by 1 would saturate and f32 would round.
// CHECK: out0: 1129030000 -1137920000
func.func @fc_i32(%x: tensor<1x70000x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x2x!quant.uniform<i32:f32, 1.0>> {
  %c0 = arith.constant dense<127> : tensor<1x70000xi8>
  %c1 = arith.constant dense<-128> : tensor<1x70000xi8>
  %c = tensor.concat dim(0) %c0, %c1 : (tensor<1x70000xi8>, tensor<1x70000xi8>) -> tensor<2x70000xi8>
  %w = quant.scast %c : tensor<2x70000xi8> to tensor<2x70000x!quant.uniform<i8:f32, 1.0>>
  %y = qnn.fully_connected %x, %w : (tensor<1x70000x!quant.uniform<i8:f32, 1.0>>, tensor<2x70000x!quant.uniform<i8:f32, 1.0>>) -> tensor<1x2x!quant.uniform<i32:f32, 1.0>>
  return %y : tensor<1x2x!quant.uniform<i32:f32, 1.0>>
}

// u8 3x3 image [1..9] with zero point 1, 2x2 weights [[1, 0], [0, -2]] with
// zero point 0 and scales 0.5 * 2 / 1 = 1: acc = (x[i][j] - 1) - 2 (x[i+1][j+1] - 1):
// (0 - 8, 1 - 10, 3 - 14, 4 - 16) = -8 -9 -11 -12.
// CONV: out0: -8 -9 -11 -12
func.func @conv_i32(%x: tensor<1x3x3x1x!quant.uniform<u8:f32, 0.5:1>>) -> tensor<1x2x2x1x!quant.uniform<i32:f32, 1.0>> {
  %c = arith.constant dense<[[[[1], [0]], [[0], [-2]]]]> : tensor<1x2x2x1xi8>
  %w = quant.scast %c : tensor<1x2x2x1xi8> to tensor<1x2x2x1x!quant.uniform<i8:f32, 2.0>>
  %y = qnn.conv2d %x, %w : (tensor<1x3x3x1x!quant.uniform<u8:f32, 0.5:1>>, tensor<1x2x2x1x!quant.uniform<i8:f32, 2.0>>) -> tensor<1x2x2x1x!quant.uniform<i32:f32, 1.0>>
  return %y : tensor<1x2x2x1x!quant.uniform<i32:f32, 1.0>>
}
