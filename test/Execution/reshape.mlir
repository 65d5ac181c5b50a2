// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so reshape_i8 i8:1,2,3,4,5,6,7,8,9,10,11,-128 out:i8:12 | FileCheck %s --match-full-lines --check-prefix=I8
// RUN: %call %t.so reshape_i16 i16:-32768,32767,-1,0,1,2 out:i16:6 | FileCheck %s --match-full-lines --check-prefix=I16
// RUN: %call %t.so reshape_f32 f32:0.1,-0.0,nan,-inf out:f32:4 | FileCheck %s --match-full-lines --check-prefix=F32

// qnn.reshape (rule N16): a relayout only; element i of the input in
// row-major order is element i of the output, values and bytes unchanged.

// 1x2x2x3 -> 3x4.
// I8: out0: 1 2 3 4 5 6 7 8 9 10 11 -128
func.func @reshape_i8(%x: tensor<1x2x2x3x!quant.uniform<i8:f32, 0.1:-3>>)
    -> tensor<3x4x!quant.uniform<i8:f32, 0.1:-3>> {
  %y = qnn.reshape %x : tensor<1x2x2x3x!quant.uniform<i8:f32, 0.1:-3>>
                     -> tensor<3x4x!quant.uniform<i8:f32, 0.1:-3>>
  return %y : tensor<3x4x!quant.uniform<i8:f32, 0.1:-3>>
}

// 2x3 -> 3x1x2, i16 container.
// I16: out0: -32768 32767 -1 0 1 2
func.func @reshape_i16(%x: tensor<2x3x!quant.uniform<i16:f32, 0.5:7>>)
    -> tensor<3x1x2x!quant.uniform<i16:f32, 0.5:7>> {
  %y = qnn.reshape %x : tensor<2x3x!quant.uniform<i16:f32, 0.5:7>>
                     -> tensor<3x1x2x!quant.uniform<i16:f32, 0.5:7>>
  return %y : tensor<3x1x2x!quant.uniform<i16:f32, 0.5:7>>
}

// Plain f32 tensors reshape too: 2x2 -> 4, with -0.0 and NaN kept.
// F32: out0: 0.100000001 -0 nan -inf
func.func @reshape_f32(%x: tensor<2x2xf32>) -> tensor<4xf32> {
  %y = qnn.reshape %x : tensor<2x2xf32> -> tensor<4xf32>
  return %y : tensor<4xf32>
}
