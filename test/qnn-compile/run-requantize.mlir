// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so requantize i8:-1,2,-6,127 out:u8:4 | FileCheck %s --check-prefix=FIXED
// RUN: %call %t.float.so requantize i8:-1,2,-6,127 out:u8:4 | FileCheck %s --check-prefix=FLOAT
// RUN: %call %t.so quarter i8:5,-5,6,-6,127,-128 out:i8:6 | FileCheck %s --check-prefix=QUARTER
// RUN: %call %t.float.so quarter i8:5,-5,6,-6,127,-128 out:i8:6 | FileCheck %s --check-prefix=QUARTER-FLOAT

// The compiled library computes the numerics.md rule N7 example table:
// i8 0.05:-3 -> u8 0.1:128, M = 0.5.
// FIXED: out0: 129 131 127 193
// FLOAT: out0: 129 130 126 193
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<u8:f32, 0.1:128>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<4x!quant.uniform<u8:f32, 0.1:128>>
}

// M = 0.25, zp 0 (rule N6 examples): acc 5 -> fixed 2 (SRDHM rounds 2.5 up
// to 3, RDBPOT(3, 1) = 2), float 1 (1.25 rounds to 1); -5 -> -1 / -1
// (SRDHM(-5) = -2, ties toward +inf); 6 -> 2 / 2 (1.5: RDBPOT away from
// zero, float to even); -6 -> -2 / -2; 127 -> 32 / 32; -128 -> -32 / -32.
// QUARTER: out0: 2 -1 2 -2 32 -32
// QUARTER-FLOAT: out0: 1 -1 2 -2 32 -32
func.func @quarter(%x: tensor<6x!quant.uniform<i8:f32, 0.25>>)
    -> tensor<6x!quant.uniform<i8:f32, 1.0>> {
  %y = qnn.requantize %x : tensor<6x!quant.uniform<i8:f32, 0.25>>
                        -> tensor<6x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<6x!quant.uniform<i8:f32, 1.0>>
}
