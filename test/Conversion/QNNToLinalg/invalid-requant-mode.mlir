// RUN: not qnn-opt %s --convert-qnn-to-linalg=requant-mode=double 2>&1 | FileCheck %s
// RUN: not qnn-opt %s --convert-qnn-to-linalg=requant-mode=Float 2>&1 | FileCheck %s --check-prefix=CASE
// RUN: not qnn-opt %s --convert-qnn-to-linalg=requant-mode= 2>&1 | FileCheck %s --check-prefix=EMPTY

// The pass option is checked before anything is rewritten; the valid values
// are spelled exactly 'fixed-point' and 'float'.

// CHECK: error: invalid requant-mode 'double': expected 'fixed-point' or 'float'
// CASE: error: invalid requant-mode 'Float': expected 'fixed-point' or 'float'
// EMPTY: error: invalid requant-mode '': expected 'fixed-point' or 'float'
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}
