// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.reshape (rule N16): same element type and element count,
// static shapes, per-tensor quantized or plain element types.

// The example of the op description.
// CHECK-LABEL: func.func @reshape(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x2x2x4x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @reshape(%x: tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x16x!quant.uniform<i8:f32, 0.1>> {
  // CHECK: %[[Y:.*]] = qnn.reshape %[[X]] : tensor<1x2x2x4x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<1x16x!quant.uniform<i8:f32, 1.000000e-01>>
  %y = qnn.reshape %x : tensor<1x2x2x4x!quant.uniform<i8:f32, 0.1>>
                     -> tensor<1x16x!quant.uniform<i8:f32, 0.1>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x16x!quant.uniform<i8:f32, 0.1>>
}

// Rank 0 <-> rank 1, other storage types, identity reshape.
// CHECK-LABEL: func.func @reshape_storage(
// CHECK-SAME:    %[[S:[^:]+]]: tensor<!quant.uniform<u8:f32, 5.000000e-02:128>>,
// CHECK-SAME:    %[[T:[^:]+]]: tensor<6x!quant.uniform<i16:f32, 1.000000e-03:-9>>)
func.func @reshape_storage(%s: tensor<!quant.uniform<u8:f32, 0.05:128>>,
                           %t: tensor<6x!quant.uniform<i16:f32, 0.001:-9>>) {
  // CHECK: qnn.reshape %[[S]] : tensor<!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<1x1x!quant.uniform<u8:f32, 5.000000e-02:128>>
  %0 = qnn.reshape %s : tensor<!quant.uniform<u8:f32, 0.05:128>> -> tensor<1x1x!quant.uniform<u8:f32, 0.05:128>>
  // CHECK: qnn.reshape %[[T]] : tensor<6x!quant.uniform<i16:f32, 1.000000e-03:-9>> -> tensor<3x1x2x!quant.uniform<i16:f32, 1.000000e-03:-9>>
  %1 = qnn.reshape %t : tensor<6x!quant.uniform<i16:f32, 0.001:-9>> -> tensor<3x1x2x!quant.uniform<i16:f32, 0.001:-9>>
  // CHECK: qnn.reshape %[[T]] : tensor<6x!quant.uniform<i16:f32, 1.000000e-03:-9>> -> tensor<6x!quant.uniform<i16:f32, 1.000000e-03:-9>>
  %2 = qnn.reshape %t : tensor<6x!quant.uniform<i16:f32, 0.001:-9>> -> tensor<6x!quant.uniform<i16:f32, 0.001:-9>>
  return
}

// Plain element types (f32 and storage integers) are accepted too.
// CHECK-LABEL: func.func @reshape_plain(
// CHECK-SAME:    %[[F:[^:]+]]: tensor<2x3xf32>,
// CHECK-SAME:    %[[I:[^:]+]]: tensor<4x2xi8>)
func.func @reshape_plain(%f: tensor<2x3xf32>, %i: tensor<4x2xi8>) {
  // CHECK: qnn.reshape %[[F]] : tensor<2x3xf32> -> tensor<6xf32>
  %0 = qnn.reshape %f : tensor<2x3xf32> -> tensor<6xf32>
  // CHECK: qnn.reshape %[[I]] : tensor<4x2xi8> -> tensor<2x2x2xi8>
  %1 = qnn.reshape %i : tensor<4x2xi8> -> tensor<2x2x2xi8>
  return
}
