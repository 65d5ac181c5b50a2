// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so quantize f32:0.125,0.175,-0.125,7.0,-7.0,nan,inf,-inf out:i8:8 | FileCheck %s --check-prefix=QUANTIZE
// RUN: %call %t.so dequantize i8:-1,-3,127 out:f32:3 | FileCheck %s --check-prefix=DEQUANTIZE
// RUN: %call %t.so add i8:17,18,16 i8:7,7,7 out:i8:3 | FileCheck %s --check-prefix=ADD
// RUN: %call %t.float.so add i8:17,18,16 i8:7,7,7 out:i8:3 | FileCheck %s --check-prefix=ADD-FLOAT
// RUN: %call %t.so avg3 u8:10,11,11 out:u8:1 | FileCheck %s --check-prefix=AVG3
// RUN: %call %t.so avg2 u8:0,1 out:u8:1 | FileCheck %s --check-prefix=AVG2
// RUN: %call %t.so conv u8:130,120,128,140 i8:1,2,3,4 i32:100 out:i8:4 | FileCheck %s --check-prefix=CONV
// RUN: %call %t.so binarize f32:0.3,-0.0,-2.0,nan out:i64:1 | FileCheck %s --check-prefix=BINARIZE
// RUN: %call %t.so binarize70 f32:-1,0,0,-1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,-1,0,0,0,0 out:i64:2 | FileCheck %s --check-prefix=BINARIZE70
// RUN: %call %t.so bconv_pad0 i64:6,3 i64:4,2,7 f32:-0.1 out:f32:2 | FileCheck %s --check-prefix=BCONV0
// RUN: %call %t.so bconv_pad1 i64:6,3 i64:4,2,7 f32:-0.1 out:i8:2 | FileCheck %s --check-prefix=BCONV1
// RUN: %call %t.so batch_norm f32:1.0 f32:2.0 f32:0.5 f32:0.25 f32:4.0 out:f32:1 | FileCheck %s --check-prefix=BN

// End-to-end numerics of the compiled library against the worked examples
// of docs/numerics.md.

// Rule N2 table (0.05:-3): ties to even, saturation, NaN -> zp, +-inf saturate.
// QUANTIZE: out0: -1 1 -5 127 -128 -3 127 -128
func.func @quantize(%x: tensor<8xf32>) -> tensor<8x!quant.uniform<i8:f32, 0.05:-3>> {
  %q = qnn.quantize %x : tensor<8xf32> -> tensor<8x!quant.uniform<i8:f32, 0.05:-3>>
  return %q : tensor<8x!quant.uniform<i8:f32, 0.05:-3>>
}

// Rule N3: q = -1 -> f32(2) * f32(0.05) = f32(0.1).
// DEQUANTIZE: out0: 0.100000001 0 6.5
func.func @dequantize(%q: tensor<3x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<3xf32> {
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// Rule N11 table: a 0.05:-3, b 0.1:0, y 0.1:5.
// ADD: out0: 22 23 22
// ADD-FLOAT: out0: 22 23 21
func.func @add(%a: tensor<3x!quant.uniform<i8:f32, 0.05:-3>>,
               %b: tensor<3x!quant.uniform<i8:f32, 0.1:0>>)
    -> tensor<3x!quant.uniform<i8:f32, 0.1:5>> {
  %y = qnn.add %a, %b : (tensor<3x!quant.uniform<i8:f32, 0.05:-3>>,
                         tensor<3x!quant.uniform<i8:f32, 0.1:0>>)
                     -> tensor<3x!quant.uniform<i8:f32, 0.1:5>>
  return %y : tensor<3x!quant.uniform<i8:f32, 0.1:5>>
}

// Rule N12 examples, zp = 5: {10, 11, 11} -> S = 17, count 3 -> 6 -> 11;
// {0, 1} -> S = -9, count 2 -> -5 -> 0 (TFLite would give 1).
// AVG3: out0: 11
// AVG2: out0: 0
func.func @avg3(%x: tensor<1x1x3x1x!quant.uniform<u8:f32, 0.1:5>>)
    -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:5>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 1, 3>}
      : tensor<1x1x3x1x!quant.uniform<u8:f32, 0.1:5>> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:5>>
  return %y : tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:5>>
}
func.func @avg2(%x: tensor<1x1x2x1x!quant.uniform<u8:f32, 0.1:5>>)
    -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:5>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 1, 2>}
      : tensor<1x1x2x1x!quant.uniform<u8:f32, 0.1:5>> -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:5>>
  return %y : tensor<1x1x1x1x!quant.uniform<u8:f32, 0.1:5>>
}

// Rule N8 example (padding with the zero point): y[0,0] = 1, y[1,1] = 3.
// M = 0.02 * 0.005 / 0.001 = 0.1; (0, 1): acc = 100 + 2*3 - 8*4 = 74 -> 7 -> -3;
// (1, 0): acc = 100 + 2*2 + 0*4 = 104 -> 10 -> 0.
// CONV: out0: 1 -3 0 3
func.func @conv(%x: tensor<1x2x2x1x!quant.uniform<u8:f32, 0.02:128>>,
                %w: tensor<1x2x2x1x!quant.uniform<i8:f32, 0.005>>,
                %b: tensor<1xi32>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.001:-10>> {
  %y = qnn.conv2d %x, %w, %b {pad = array<i64: 1, 0, 1, 0>}
      : (tensor<1x2x2x1x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<1x2x2x1x!quant.uniform<i8:f32, 0.005>>, tensor<1xi32>)
      -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.001:-10>>
  return %y : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.001:-10>>
}

// Rule N17 example: [0.3, -0.0, -2.0, NaN] -> bits [0, 0, 1, 0] -> 0x4.
// BINARIZE: out0: 4(0x4)
func.func @binarize(%x: tensor<4xf32>) -> tensor<4x!qnn.binary<f32, 1.0>> {
  %y = qnn.binarize %x : tensor<4xf32> -> tensor<4x!qnn.binary<f32, 1.0>>
  return %y : tensor<4x!qnn.binary<f32, 1.0>>
}

// Rule N1.5 example: C = 70, channels 0, 3 and 65 negative -> 0x9, 0x2.
// BINARIZE70: out0: 9(0x9) 2(0x2)
func.func @binarize70(%x: tensor<70xf32>) -> tensor<70x!qnn.binary<f32, 1.0>> {
  %y = qnn.binarize %x : tensor<70xf32> -> tensor<70x!qnn.binary<f32, 1.0>>
  return %y : tensor<70x!qnn.binary<f32, 1.0>>
}

// Rule N19 example: C = 3, x words [6, 3], w taps [4, 2, 7], pad [0, 0, 1, 1].
// pad_value = 0: dot = [2, 2] -> 2 * 0.125 + f32(-0.1) = 0.150000006.
// BCONV0: out0: 0.150000006 0.150000006
func.func @bconv_pad0(%x: tensor<1x1x2x3x!qnn.binary<f32, 0.5>>,
                      %w: tensor<1x1x3x3x!qnn.binary<f32, 0.25>>,
                      %b: tensor<1xf32>) -> tensor<1x1x2x1xf32> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 1>}
      : (tensor<1x1x2x3x!qnn.binary<f32, 0.5>>, tensor<1x1x3x3x!qnn.binary<f32, 0.25>>,
         tensor<1xf32>) -> tensor<1x1x2x1xf32>
  return %y : tensor<1x1x2x1xf32>
}

// pad_value = 1: dot = [3, -1] -> y_real = [0.275000006, -0.224999994]
// -> /f32(0.05) = [5.5, -4.5] -> round half to even [6, -4].
// BCONV1: out0: 6 -4
func.func @bconv_pad1(%x: tensor<1x1x2x3x!qnn.binary<f32, 0.5>>,
                      %w: tensor<1x1x3x3x!qnn.binary<f32, 0.25>>,
                      %b: tensor<1xf32>) -> tensor<1x1x2x1x!quant.uniform<i8:f32, 0.05>> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 1>, pad_value = 1 : i64}
      : (tensor<1x1x2x3x!qnn.binary<f32, 0.5>>, tensor<1x1x3x3x!qnn.binary<f32, 0.25>>,
         tensor<1xf32>) -> tensor<1x1x2x1x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x1x2x1x!quant.uniform<i8:f32, 0.05>>
}

// Rule N21 example: 1.24999905.
// BN: out0: 1.24999905
func.func @batch_norm(%x: tensor<1xf32>, %g: tensor<1xf32>, %b: tensor<1xf32>,
                      %m: tensor<1xf32>, %v: tensor<1xf32>) -> tensor<1xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v
      : (tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
  return %y : tensor<1xf32>
}
