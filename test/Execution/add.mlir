// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so add_ties i8:-3,-3,-2,-4,-1,127,-128 i8:6,4,6,4,6,127,-128 out:i8:7 | FileCheck %s --match-full-lines --check-prefix=TIES
// RUN: %call %t.float.so add_ties i8:-3,-3,-2,-4,-1,127,-128 i8:6,4,6,4,6,127,-128 out:i8:7 | FileCheck %s --match-full-lines --check-prefix=TIES-FLOAT
// RUN: %call %t.so add_relu i8:-3,-3,-2,-4,-1,127,-128 i8:6,4,6,4,6,127,-128 out:i8:7 | FileCheck %s --match-full-lines --check-prefix=RELU
// RUN: %call %t.float.so add_relu i8:-3,-3,-2,-4,-1,127,-128 i8:6,4,6,4,6,127,-128 out:i8:7 | FileCheck %s --match-full-lines --check-prefix=RELU-FLOAT
// RUN: %call %t.so add_u8_relu6 u8:178,0,255,129 u8:100,0,255,101 out:u8:4 | FileCheck %s --match-full-lines --check-prefix=U8
// RUN: %call %t.float.so add_u8_relu6 u8:178,0,255,129 u8:100,0,255,101 out:u8:4 | FileCheck %s --match-full-lines --check-prefix=U8

// qnn.add (rule N11).

// a i8 0.5:-3, b i8 0.25:5, y i8 0.5:-10. Fixed point (N11.1): twice = 1.0,
// Ma = 0.5 -> (2^30, 0), Mb = 0.25 -> (2^30, -1), My = 2^-19 -> (2^30, -18).
// With A = a - za, B = b - zb: a1 = A * 2^19, b1 = B * 2^18 (exact), then
// SRDHM(a1 + b1, 2^30) = A * 2^18 + B * 2^17 and RDBPOT(., 18) = (2A + B) / 2
// rounded half away from zero. Float (N11.2): A * f32(1.0) + B * f32(0.5),
// rounded half to even. (2A + B) / 2 per element:
//   A 0, B 1: 0.5 -> 1 / 0 -> -9 / -10
//   A 0, B -1: -0.5 -> -1 / -0 -> -11 / -10
//   A 1, B 1: 1.5 -> 2 / 2 -> -8
//   A -1, B -1: -1.5 -> -2 / -2 -> -12
//   A 2, B 1: 2.5 -> 3 / 2 -> -7 / -8
//   A 130, B 122 (a = b = 127): 191 -> 181 -> 127 (saturated)
//   A -125, B -133 (a = b = -128): -191.5 -> -192 -> -202 -> -128 (saturated)
// TIES: out0: -9 -11 -8 -12 -7 127 -128
// TIES-FLOAT: out0: -10 -10 -8 -12 -8 127 -128
func.func @add_ties(%a: tensor<7x!quant.uniform<i8:f32, 0.5:-3>>,
                    %b: tensor<7x!quant.uniform<i8:f32, 0.25:5>>)
    -> tensor<7x!quant.uniform<i8:f32, 0.5:-10>> {
  %y = qnn.add %a, %b : (tensor<7x!quant.uniform<i8:f32, 0.5:-3>>, tensor<7x!quant.uniform<i8:f32, 0.25:5>>)
      -> tensor<7x!quant.uniform<i8:f32, 0.5:-10>>
  return %y : tensor<7x!quant.uniform<i8:f32, 0.5:-10>>
}

// The same with relu (N6.3): lo = max(-128, zp_y = -10) = -10.
// RELU: out0: -9 -10 -8 -10 -7 127 -10
// RELU-FLOAT: out0: -10 -10 -8 -10 -8 127 -10
func.func @add_relu(%a: tensor<7x!quant.uniform<i8:f32, 0.5:-3>>,
                    %b: tensor<7x!quant.uniform<i8:f32, 0.25:5>>)
    -> tensor<7x!quant.uniform<i8:f32, 0.5:-10>> {
  %y = qnn.add %a, %b {activation = #qnn.activation<relu>}
      : (tensor<7x!quant.uniform<i8:f32, 0.5:-3>>, tensor<7x!quant.uniform<i8:f32, 0.25:5>>)
      -> tensor<7x!quant.uniform<i8:f32, 0.5:-10>>
  return %y : tensor<7x!quant.uniform<i8:f32, 0.5:-10>>
}

// u8 with inexact scales: a 0.02:128, b 0.03:100, y 0.05:10, relu6 ->
// [10, 10 + round(6 / 0.05) = 130]. twice = 0.06, Ma = 1/3 -> (1431655765, -1),
// Mb = 0.5 -> (2^30, 0), My = 0.06 / (2^20 * 0.05) = 1.2 * 2^-20 -> (1288490189, -19).
//   (178, 100): A = 50, B = 0: a1 = RDBPOT(SRDHM(50 * 2^20, m_a) = 34952533, 1)
//     = 17476267, b1 = 0; SRDHM(17476267, m_y) = 10485760, RDBPOT(., 19) = 20
//     (real 1.0 / 0.05 = 20) -> 30
//   (0, 0): real (-2.56 - 3.0) / 0.05 = -111.2 -> -111 -> -101 -> 10 (relu)
//   (255, 255): real (2.54 + 4.65) / 0.05 = 143.8 -> 144 -> 154 -> 130 (relu6)
//   (129, 101): real (0.02 + 0.03) / 0.05 = 1 -> 11
// No element is near a rounding tie, so both modes agree.
// U8: out0: 30 10 130 11
func.func @add_u8_relu6(%a: tensor<4x!quant.uniform<u8:f32, 0.02:128>>,
                        %b: tensor<4x!quant.uniform<u8:f32, 0.03:100>>)
    -> tensor<4x!quant.uniform<u8:f32, 0.05:10>> {
  %y = qnn.add %a, %b {activation = #qnn.activation<relu6>}
      : (tensor<4x!quant.uniform<u8:f32, 0.02:128>>, tensor<4x!quant.uniform<u8:f32, 0.03:100>>)
      -> tensor<4x!quant.uniform<u8:f32, 0.05:10>>
  return %y : tensor<4x!quant.uniform<u8:f32, 0.05:10>>
}
