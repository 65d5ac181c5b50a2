// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so requantize_up i8:-8,-4,-10,-2,127,-128,-7 out:u8:7 | FileCheck %s --match-full-lines --check-prefix=UP
// RUN: %call %t.float.so requantize_up i8:-8,-4,-10,-2,127,-128,-7 out:u8:7 | FileCheck %s --match-full-lines --check-prefix=UP-FLOAT
// RUN: %call %t.so requantize_per_axis i8:70,9,-3,5,0,1 out:i8:6 | FileCheck %s --match-full-lines --check-prefix=AXIS
// RUN: %call %t.float.so requantize_per_axis i8:70,9,-3,5,0,1 out:i8:6 | FileCheck %s --match-full-lines --check-prefix=AXIS-FLOAT
// RUN: %call %t.so requantize_narrow i16:32767,-32768,245,-255,-5 out:i8:5 | FileCheck %s --match-full-lines --check-prefix=NARROW
// RUN: %call %t.float.so requantize_narrow i16:32767,-32768,245,-255,-5 out:i8:5 | FileCheck %s --match-full-lines --check-prefix=NARROW-FLOAT
// RUN: %call %t.so requantize_widen i8:127,-128,1,-1 out:i16:4 | FileCheck %s --match-full-lines --check-prefix=WIDEN
// RUN: %call %t.so requantize_flush i8:127,-128,0 out:i8:3 | FileCheck %s --match-full-lines --check-prefix=FLUSH
// RUN: %call %t.float.so requantize_flush i8:127,-128,0 out:i8:3 | FileCheck %s --match-full-lines --check-prefix=FLUSH

// qnn.requantize (rule N7): acc = q - zp_in, M = s_in / s_out,
// fixed point y = clamp(MBQM(acc, N4(M)) + zp_out) (N6.1) or
// float y = clamp(round_half_to_even(f32(acc) * f32(M)) + zp_out) (N6.2).

// M = 0.375 / 0.25 = 1.5 -> frexp (0.75, 1) -> (1610612736, 1): x1 = 2 * acc,
// SRDHM(2 acc, 0.75 * 2^31) = 1.5 acc rounded with ties toward +inf; float
// rounds ties to even. zp_in = -7, zp_out = 100, u8 result:
//   q -8: acc -1 -> -1.5 -> fixed -1 / float -2 -> 99 / 98
//   q -4: acc 3 -> 4.5 -> fixed 5 / float 4 -> 105 / 104
//   q -10: acc -3 -> -4.5 -> -4 / -4 -> 96
//   q -2: acc 5 -> 7.5 -> 8 / 8 -> 108
//   q 127: acc 134 -> 201 -> 301 -> 255 (saturated)
//   q -128: acc -121 -> -181.5 -> -181 / -182 -> -81 / -82 -> 0 (saturated)
//   q -7: acc 0 -> 100
// UP: out0: 99 105 96 108 255 0 100
// UP-FLOAT: out0: 98 104 96 108 255 0 100
func.func @requantize_up(%x: tensor<7x!quant.uniform<i8:f32, 0.375:-7>>)
    -> tensor<7x!quant.uniform<u8:f32, 0.25:100>> {
  %y = qnn.requantize %x : tensor<7x!quant.uniform<i8:f32, 0.375:-7>>
                        -> tensor<7x!quant.uniform<u8:f32, 0.25:100>>
  return %y : tensor<7x!quant.uniform<u8:f32, 0.25:100>>
}

// Per-axis input (axis 1) {0.5:0, 0.0625:3} to 0.25:-1: M = {2.0, 0.25}.
// 2.0 -> (2^30, 2) (left shift); 0.25 -> (2^30, -1): SRDHM halves exactly,
// RDBPOT(., 1) rounds half away from zero. q = [[70, 9], [-3, 5], [0, 1]]:
//   (70, ch0): acc 70 -> 140 -> 139 -> 127 (saturated)
//   (9, ch1): acc 6 -> 1.5 -> RDBPOT(3, 1) = 2 / float 2 -> 1
//   (-3, ch0): acc -3 -> -6 -> -7
//   (5, ch1): acc 2 -> 0.5 -> RDBPOT(1, 1) = 1 / float 0 -> 0 / -1
//   (0, ch0): acc 0 -> -1
//   (1, ch1): acc -2 -> -0.5 -> RDBPOT(-1, 1) = -1 / float -0 -> -2 / -1
// AXIS: out0: 127 1 -7 0 -1 -2
// AXIS-FLOAT: out0: 127 1 -7 -1 -1 -1
func.func @requantize_per_axis(%x: tensor<3x2x!quant.uniform<i8:f32:1, {0.5:0, 0.0625:3}>>)
    -> tensor<3x2x!quant.uniform<i8:f32, 0.25:-1>> {
  %y = qnn.requantize %x : tensor<3x2x!quant.uniform<i8:f32:1, {0.5:0, 0.0625:3}>>
                        -> tensor<3x2x!quant.uniform<i8:f32, 0.25:-1>>
  return %y : tensor<3x2x!quant.uniform<i8:f32, 0.25:-1>>
}

// i16 0.01:-5 to i8 1.0:3: M = 0.01 -> frexp (0.64, -6) ->
// m = round(0.64 * 2^31 = 1374389534.72) = 1374389535, right shift 6.
//   q 32767: acc 32772 -> 327.72 -> 328 -> 127;  q -32768: acc -32763 -> -128.
//   q 245: acc 250: SRDHM = 160, RDBPOT(160, 6) = 2.5 -> 3 -> 6; float:
//     f32(250) * f32(0.01) = 250 * 0.00999999978 rounds to 2.5 -> 2 -> 5.
//   q -255: acc -250: SRDHM = -160, RDBPOT = -3 -> 0; float -2 -> 1.
//   q -5: acc 0 -> 3.
// NARROW: out0: 127 -128 6 0 3
// NARROW-FLOAT: out0: 127 -128 5 1 3
func.func @requantize_narrow(%x: tensor<5x!quant.uniform<i16:f32, 0.01:-5>>)
    -> tensor<5x!quant.uniform<i8:f32, 1.0:3>> {
  %y = qnn.requantize %x : tensor<5x!quant.uniform<i16:f32, 0.01:-5>>
                        -> tensor<5x!quant.uniform<i8:f32, 1.0:3>>
  return %y : tensor<5x!quant.uniform<i8:f32, 1.0:3>>
}

// i8 1.0 to i16 2^-8: M = 256 -> (2^30, 9): x1 = acc * 512, SRDHM halves:
// 127 -> 32512, -128 -> -32768, 1 -> 256, -1 -> -256.
// WIDEN: out0: 32512 -32768 256 -256
func.func @requantize_widen(%x: tensor<4x!quant.uniform<i8:f32, 1.0>>)
    -> tensor<4x!quant.uniform<i16:f32, 0.00390625>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 1.0>>
                        -> tensor<4x!quant.uniform<i16:f32, 0.00390625>>
  return %y : tensor<4x!quant.uniform<i16:f32, 0.00390625>>
}

// s_in = 2^-40: M = 2^-40 -> frexp (0.5, -39), e < -31 -> (0, 0): the
// multiplier flushes to zero (N4) and every output is zp_out = -9; in float
// mode 127 * 2^-40 rounds to 0 as well.
// FLUSH: out0: -9 -9 -9
func.func @requantize_flush(%x: tensor<3x!quant.uniform<i8:f32, 9.094947017729282E-13>>)
    -> tensor<3x!quant.uniform<i8:f32, 1.0:-9>> {
  %y = qnn.requantize %x : tensor<3x!quant.uniform<i8:f32, 9.094947017729282E-13>>
                        -> tensor<3x!quant.uniform<i8:f32, 1.0:-9>>
  return %y : tensor<3x!quant.uniform<i8:f32, 1.0:-9>>
}
