// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so concat_rescale i8:-128,127 i8:0,-2,-4,127 i8:40,-40 out:i8:8 | FileCheck %s --match-full-lines --check-prefix=RESCALE
// RUN: %call %t.float.so concat_rescale i8:-128,127 i8:0,-2,-4,127 i8:40,-40 out:i8:8 | FileCheck %s --match-full-lines --check-prefix=RESCALE-FLOAT
// RUN: %call %t.so concat_axis0 u8:1,2,3 u8:200,201,202,253,254,255 out:u8:9 | FileCheck %s --match-full-lines --check-prefix=AXIS0

// qnn.concat (rule N15): an operand with the result's (s, zp) is copied, any
// other is requantized (rule N7, mode per N6).

// Axis 1 of [2x1, 2x2, 2x1] into 2x4 i8 0.5:1:
//   a 0.5:1 = result type, copied: [[-128], [127]]
//   b 0.25:-3 -> M = 0.5 -> (2^30, 0); q = [[0, -2], [-4, 127]] -> acc = q + 3
//     = [[3, 1], [-1, 130]] -> [1.5, 0.5, -0.5, 65]: fixed (ties toward +inf)
//     [2, 1, 0, 65] / float (ties to even) [2, 0, -0, 65]; + 1
//   c 2.0:0 -> M = 4 -> (2^30, 3) (left shift 3, SRDHM halves);
//     [[40], [-40]] -> 160 / -160 -> 161 / -159 -> 127 / -128 (saturated)
// Rows: [a, b0, b1, c].
// RESCALE: out0: -128 3 2 127 127 1 66 -128
// RESCALE-FLOAT: out0: -128 3 1 127 127 1 66 -128
func.func @concat_rescale(%a: tensor<2x1x!quant.uniform<i8:f32, 0.5:1>>,
                          %b: tensor<2x2x!quant.uniform<i8:f32, 0.25:-3>>,
                          %c: tensor<2x1x!quant.uniform<i8:f32, 2.0>>)
    -> tensor<2x4x!quant.uniform<i8:f32, 0.5:1>> {
  %y = qnn.concat %a, %b, %c {axis = 1 : i64}
      : (tensor<2x1x!quant.uniform<i8:f32, 0.5:1>>, tensor<2x2x!quant.uniform<i8:f32, 0.25:-3>>,
         tensor<2x1x!quant.uniform<i8:f32, 2.0>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5:1>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.5:1>>
}

// Axis 0, identical u8 types: the rows of a (1x3) then those of b (2x3),
// bytes above 127 unchanged.
// AXIS0: out0: 1 2 3 200 201 202 253 254 255
func.func @concat_axis0(%a: tensor<1x3x!quant.uniform<u8:f32, 0.1:128>>,
                        %b: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<3x3x!quant.uniform<u8:f32, 0.1:128>> {
  %y = qnn.concat %a, %b {axis = 0 : i64}
      : (tensor<1x3x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>)
      -> tensor<3x3x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<3x3x!quant.uniform<u8:f32, 0.1:128>>
}
