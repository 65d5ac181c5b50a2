// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so fc_i16 u8:138,108,158,88,255,255,0,0 i8:1,2,3,4,2,3,4,3,99,99,-101,-101 i32:-65000,40000,2 out:i16:6 | FileCheck %s --match-full-lines --check-prefix=I16
// RUN: %call %t.float.so fc_i16 u8:138,108,158,88,255,255,0,0 i8:1,2,3,4,2,3,4,3,99,99,-101,-101 i32:-65000,40000,2 out:i16:6 | FileCheck %s --match-full-lines --check-prefix=I16-FLOAT
// RUN: %call %t.so fc_relu6 i8:2,4,6 i8:1,2,3,-1,-1,0,1,1,0 out:u8:3 | FileCheck %s --match-full-lines --check-prefix=RELU6
// RUN: %call %t.float.so fc_relu6 i8:2,4,6 i8:1,2,3,-1,-1,0,1,1,0 out:u8:3 | FileCheck %s --match-full-lines --check-prefix=RELU6

// qnn.fully_connected (rule N10):
// acc[n,o] = bias[o] + sum_k (x[n,k] - zx) * (w[o,k] - zw[o]), y = N6(acc, M[o]).

// x [2, 4] u8 0.5:128, x - zx = [[10, -20, 30, -40], [127, 127, -128, -128]];
// w [3, 4] per axis 0 {0.25:0, 0.5:3, 0.125:-1}, w - zw =
//   [[1, 2, 3, 4], [-1, 0, 1, 0], [100, 100, -100, -100]]
//   (storage [1, 2, 3, 4, 2, 3, 4, 3, 99, 99, -101, -101]);
// bias [-65000, 40000, 2]:
//   n0: o0 -65000 + 10 - 40 + 90 - 160 = -65100;  o1 40000 - 10 + 30 = 40020;
//       o2 2 + 1000 - 2000 - 3000 + 4000 = 2
//   n1: o0 -65000 + 127 + 254 - 384 - 512 = -65515;  o1 40000 - 127 - 128 = 39745;
//       o2 2 + 12700 + 12700 + 12800 + 12800 = 51002
// M = 0.5 * {0.25, 0.5, 0.125} / 0.25 = {0.5, 1.0, 0.25}; y i16 0.25:-100:
//   -65100 -> -32550 -> -32650;   40020 -> 39920 -> 32767 (saturated);
//   2 -> 0.5: RDBPOT(1, 1) = 1 / float 0 -> -99 / -100;
//   -65515 -> -32757.5: fixed -32757 / float -32758 -> -32857 / -32858 -> -32768;
//   39745 -> 32767;  51002 -> 12750.5: RDBPOT(25501, 1) = 12751 / float 12750
//   -> 12651 / 12650.
// I16: out0: -32650 32767 -99 -32768 32767 12651
// I16-FLOAT: out0: -32650 32767 -100 -32768 32767 12650
func.func @fc_i16(%x: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>,
                  %w: tensor<3x4x!quant.uniform<i8:f32:0, {0.25:0, 0.5:3, 0.125:-1}>>,
                  %b: tensor<3xi32>) -> tensor<2x3x!quant.uniform<i16:f32, 0.25:-100>> {
  %y = qnn.fully_connected %x, %w, %b
      : (tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>,
         tensor<3x4x!quant.uniform<i8:f32:0, {0.25:0, 0.5:3, 0.125:-1}>>, tensor<3xi32>)
      -> tensor<2x3x!quant.uniform<i16:f32, 0.25:-100>>
  return %y : tensor<2x3x!quant.uniform<i16:f32, 0.25:-100>>
}

// relu6 without bias, per-tensor weights: x i8 0.5 = [2, 4, 6],
// w i8 0.5 = [[1, 2, 3], [-1, -1, 0], [1, 1, 0]] -> acc = [28, -6, 6];
// M = 0.25 / 0.25 = 1; y u8 0.25:20, relu6 -> [20, 20 + round(6 / 0.25) = 44]:
// 28 + 20 = 48 -> 44;  -6 + 20 = 14 -> 20;  6 + 20 = 26. Same in both modes.
// RELU6: out0: 44 20 26
func.func @fc_relu6(%x: tensor<1x3x!quant.uniform<i8:f32, 0.5>>,
                    %w: tensor<3x3x!quant.uniform<i8:f32, 0.5>>)
    -> tensor<1x3x!quant.uniform<u8:f32, 0.25:20>> {
  %y = qnn.fully_connected %x, %w {activation = #qnn.activation<relu6>}
      : (tensor<1x3x!quant.uniform<i8:f32, 0.5>>, tensor<3x3x!quant.uniform<i8:f32, 0.5>>)
      -> tensor<1x3x!quant.uniform<u8:f32, 0.25:20>>
  return %y : tensor<1x3x!quant.uniform<u8:f32, 0.25:20>>
}
