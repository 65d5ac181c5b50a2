// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so clamp_i8 i8:-128,-21,-20,0,100,101,127 out:i8:7 | FileCheck %s --match-full-lines --check-prefix=I8
// RUN: %call %t.so clamp_u8 u8:0,9,10,128,250,251,255 out:u8:7 | FileCheck %s --match-full-lines --check-prefix=U8
// RUN: %call %t.so clamp_i16 i16:-32768,32767,5,-30001 out:i16:4 | FileCheck %s --match-full-lines --check-prefix=I16

// qnn.clamp (rule N14): y = min(max(q, min), max) on storage values, with
// the signedness of the storage type.

// I8: out0: -20 -20 -20 0 100 100 100
func.func @clamp_i8(%x: tensor<7x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<7x!quant.uniform<i8:f32, 0.1:3>> {
  %y = qnn.clamp %x {min = -20 : i64, max = 100 : i64}
      : tensor<7x!quant.uniform<i8:f32, 0.1:3>> -> tensor<7x!quant.uniform<i8:f32, 0.1:3>>
  return %y : tensor<7x!quant.uniform<i8:f32, 0.1:3>>
}

// u8 [10, 250]: 128, 250 stay (a signed compare would see 128 as -128 and
// clamp it to 10, and 251 / 255 as negative).
// U8: out0: 10 10 10 128 250 250 250
func.func @clamp_u8(%x: tensor<7x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<7x!quant.uniform<u8:f32, 0.1:128>> {
  %y = qnn.clamp %x {min = 10 : i64, max = 250 : i64}
      : tensor<7x!quant.uniform<u8:f32, 0.1:128>> -> tensor<7x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<7x!quant.uniform<u8:f32, 0.1:128>>
}

// I16: out0: -30000 30000 5 -30000
func.func @clamp_i16(%x: tensor<4x!quant.uniform<i16:f32, 0.001>>) -> tensor<4x!quant.uniform<i16:f32, 0.001>> {
  %y = qnn.clamp %x {min = -30000 : i64, max = 30000 : i64}
      : tensor<4x!quant.uniform<i16:f32, 0.001>> -> tensor<4x!quant.uniform<i16:f32, 0.001>>
  return %y : tensor<4x!quant.uniform<i16:f32, 0.001>>
}
