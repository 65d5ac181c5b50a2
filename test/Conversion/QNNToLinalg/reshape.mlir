// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N16: a pure relayout of the row-major data: collapse to 1-D, expand
// to the result shape, on the container type.

// CHECK-LABEL: func.func @reshape_quant
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x2x4xi8>) -> tensor<4x4xi8>
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1, 2, 3]] : tensor<1x2x2x4xi8> into tensor<16xi8>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[F]] {{\[\[}}0, 1]] output_shape [4, 4] : tensor<16xi8> into tensor<4x4xi8>
// CHECK: return %[[E]] : tensor<4x4xi8>
func.func @reshape_quant(%x: tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<4x4x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.reshape %x : tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>
                     -> tensor<4x4x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<4x4x!quant.uniform<i8:f32, 0.1>>
}

// f32 data is reshaped the same way.
// CHECK-LABEL: func.func @reshape_f32
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>) -> tensor<2x2x4xf32>
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1]] : tensor<2x8xf32> into tensor<16xf32>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[F]] {{\[\[}}0, 1, 2]] output_shape [2, 2, 4] : tensor<16xf32> into tensor<2x2x4xf32>
// CHECK: return %[[E]]
func.func @reshape_f32(%x: tensor<2x8xf32>) -> tensor<2x2x4xf32> {
  %y = qnn.reshape %x : tensor<2x8xf32> -> tensor<2x2x4xf32>
  return %y : tensor<2x2x4xf32>
}

// Rank 1 to rank 1 with i16 storage.
// CHECK-LABEL: func.func @reshape_same
// CHECK-SAME: (%[[X:.*]]: tensor<16xi16>) -> tensor<16xi16>
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[X]] {{\[\[}}0]] : tensor<16xi16> into tensor<16xi16>
// CHECK: %[[E:.*]] = tensor.expand_shape %[[F]] {{\[\[}}0]] output_shape [16] : tensor<16xi16> into tensor<16xi16>
// CHECK: return %[[E]]
func.func @reshape_same(%x: tensor<16x!quant.uniform<i16:f32, 0.1>>)
    -> tensor<16x!quant.uniform<i16:f32, 0.1>> {
  %y = qnn.reshape %x : tensor<16x!quant.uniform<i16:f32, 0.1>>
                     -> tensor<16x!quant.uniform<i16:f32, 0.1>>
  return %y : tensor<16x!quant.uniform<i16:f32, 0.1>>
}
