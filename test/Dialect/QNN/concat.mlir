// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.concat (rule N15): per-tensor operands with the
// result's storage type, any scale and zero point.

// The example of the op description.
// CHECK-LABEL: func.func @concat(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2x5x!quant.uniform<i8:f32, 2.000000e-01:1>>)
func.func @concat(%a: tensor<2x3x!quant.uniform<i8:f32, 0.1>>,
                  %b: tensor<2x5x!quant.uniform<i8:f32, 0.2:1>>) -> tensor<2x8x!quant.uniform<i8:f32, 0.2:1>> {
  // CHECK: %[[Y:.*]] = qnn.concat %[[A]], %[[B]] {axis = 1 : i64} : (tensor<2x3x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<2x5x!quant.uniform<i8:f32, 2.000000e-01:1>>) -> tensor<2x8x!quant.uniform<i8:f32, 2.000000e-01:1>>
  %y = qnn.concat %a, %b {axis = 1 : i64}
       : (tensor<2x3x!quant.uniform<i8:f32, 0.1>>, tensor<2x5x!quant.uniform<i8:f32, 0.2:1>>)
      -> tensor<2x8x!quant.uniform<i8:f32, 0.2:1>>
  // CHECK: return %[[Y]]
  return %y : tensor<2x8x!quant.uniform<i8:f32, 0.2:1>>
}

// One operand; three operands along axis 0 (one of them repeated).
// CHECK-LABEL: func.func @concat_counts(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<1x4x!quant.uniform<u8:f32, 5.000000e-02:128>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<3x4x!quant.uniform<u8:f32, 1.000000e-01:100>>)
func.func @concat_counts(%a: tensor<1x4x!quant.uniform<u8:f32, 0.05:128>>,
                         %b: tensor<3x4x!quant.uniform<u8:f32, 0.1:100>>) {
  // CHECK: qnn.concat %[[A]] {axis = 0 : i64} : (tensor<1x4x!quant.uniform<u8:f32, 5.000000e-02:128>>) -> tensor<1x4x!quant.uniform<u8:f32, 5.000000e-02:128>>
  %0 = qnn.concat %a {axis = 0 : i64}
       : (tensor<1x4x!quant.uniform<u8:f32, 0.05:128>>) -> tensor<1x4x!quant.uniform<u8:f32, 0.05:128>>
  // CHECK: qnn.concat %[[A]], %[[B]], %[[A]] {axis = 0 : i64} : (tensor<1x4x!quant.uniform<u8:f32, 5.000000e-02:128>>, tensor<3x4x!quant.uniform<u8:f32, 1.000000e-01:100>>, tensor<1x4x!quant.uniform<u8:f32, 5.000000e-02:128>>) -> tensor<5x4x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %1 = qnn.concat %a, %b, %a {axis = 0 : i64}
       : (tensor<1x4x!quant.uniform<u8:f32, 0.05:128>>, tensor<3x4x!quant.uniform<u8:f32, 0.1:100>>,
          tensor<1x4x!quant.uniform<u8:f32, 0.05:128>>) -> tensor<5x4x!quant.uniform<u8:f32, 0.1:128>>
  return
}

// NHWC channel concatenation with 16-bit and narrow-range storage.
// CHECK-LABEL: func.func @concat_channels(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<1x2x2x3x!quant.uniform<i16:f32, 1.000000e-03>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<1x2x2x1x!quant.uniform<i16:f32, 2.000000e-03:-4>>,
// CHECK-SAME:    %[[C:[^:]+]]: tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>)
func.func @concat_channels(%a: tensor<1x2x2x3x!quant.uniform<i16:f32, 0.001>>,
                           %b: tensor<1x2x2x1x!quant.uniform<i16:f32, 0.002:-4>>,
                           %c: tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32, 0.1>>) {
  // CHECK: qnn.concat %[[A]], %[[B]] {axis = 3 : i64} : ({{.*}}) -> tensor<1x2x2x4x!quant.uniform<i16:f32, 2.000000e-03>>
  %0 = qnn.concat %a, %b {axis = 3 : i64}
       : (tensor<1x2x2x3x!quant.uniform<i16:f32, 0.001>>, tensor<1x2x2x1x!quant.uniform<i16:f32, 0.002:-4>>)
      -> tensor<1x2x2x4x!quant.uniform<i16:f32, 0.002>>
  // CHECK: qnn.concat %[[C]], %[[C]] {axis = 2 : i64} : ({{.*}}) -> tensor<1x2x4x2x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>
  %1 = qnn.concat %c, %c {axis = 2 : i64}
       : (tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32, 0.1>>, tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32, 0.1>>)
      -> tensor<1x2x4x2x!quant.uniform<i8<-127:127>:f32, 0.1>>
  return
}

// Dynamic sizes: the sum along the axis is checked only when it is known.
// CHECK-LABEL: func.func @concat_dynamic(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2x4x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @concat_dynamic(%a: tensor<?x4x!quant.uniform<i8:f32, 0.1>>,
                          %b: tensor<2x4x!quant.uniform<i8:f32, 0.1>>) {
  // CHECK: qnn.concat %[[A]], %[[B]] {axis = 0 : i64} : ({{.*}}) -> tensor<7x4x!quant.uniform<i8:f32, 1.000000e-01>>
  %0 = qnn.concat %a, %b {axis = 0 : i64}
       : (tensor<?x4x!quant.uniform<i8:f32, 0.1>>, tensor<2x4x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<7x4x!quant.uniform<i8:f32, 0.1>>
  // CHECK: qnn.concat %[[B]], %[[B]] {axis = 0 : i64} : ({{.*}}) -> tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>>
  %1 = qnn.concat %b, %b {axis = 0 : i64}
       : (tensor<2x4x!quant.uniform<i8:f32, 0.1>>, tensor<2x4x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<?x4x!quant.uniform<i8:f32, 0.1>>
  return
}
