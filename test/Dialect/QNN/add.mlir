// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.add (rule N11): same shapes, per-tensor operands of at
// most 8 bits, every activation.

// The example of the op description.
// CHECK-LABEL: func.func @add(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<4x!quant.uniform<i8:f32, 2.000000e-01:3>>)
func.func @add(%a: tensor<4x!quant.uniform<i8:f32, 0.1:0>>,
               %b: tensor<4x!quant.uniform<i8:f32, 0.2:3>>) -> tensor<4x!quant.uniform<i8:f32, 0.3:-1>> {
  // CHECK: %[[Y:.*]] = qnn.add %[[A]], %[[B]] : (tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<4x!quant.uniform<i8:f32, 2.000000e-01:3>>) -> tensor<4x!quant.uniform<i8:f32, 3.000000e-01:-1>>
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.1:0>>,
                         tensor<4x!quant.uniform<i8:f32, 0.2:3>>)
                     -> tensor<4x!quant.uniform<i8:f32, 0.3:-1>>
  // CHECK: return %[[Y]]
  return %y : tensor<4x!quant.uniform<i8:f32, 0.3:-1>>
}

// Every activation; none is the default and is elided.
// CHECK-LABEL: func.func @add_activations(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<
// CHECK-SAME:    %[[B:[^:]+]]: tensor<
func.func @add_activations(%a: tensor<2x3x!quant.uniform<u8:f32, 0.05:128>>,
                           %b: tensor<2x3x!quant.uniform<u8:f32, 0.1:100>>) {
  // CHECK: qnn.add %[[A]], %[[B]] : (
  %0 = qnn.add %a, %b {activation = #qnn.activation<none>}
       : (tensor<2x3x!quant.uniform<u8:f32, 0.05:128>>, tensor<2x3x!quant.uniform<u8:f32, 0.1:100>>)
       -> tensor<2x3x!quant.uniform<u8:f32, 0.1:0>>
  // CHECK: qnn.add %[[A]], %[[B]] {activation = #qnn.activation<relu>} : (
  %1 = qnn.add %a, %b {activation = #qnn.activation<relu>}
       : (tensor<2x3x!quant.uniform<u8:f32, 0.05:128>>, tensor<2x3x!quant.uniform<u8:f32, 0.1:100>>)
       -> tensor<2x3x!quant.uniform<u8:f32, 0.1:0>>
  // CHECK: qnn.add %[[A]], %[[B]] {activation = #qnn.activation<relu6>} : (
  %2 = qnn.add %a, %b {activation = #qnn.activation<relu6>}
       : (tensor<2x3x!quant.uniform<u8:f32, 0.05:128>>, tensor<2x3x!quant.uniform<u8:f32, 0.1:100>>)
       -> tensor<2x3x!quant.uniform<u8:f32, 0.1:0>>
  return
}

// Mixed storage types of at most 8 bits (rule N11: i4, u8, narrow i8) and
// the same value on both sides.
// CHECK-LABEL: func.func @add_storage(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<5x!quant.uniform<i4:f32, 5.000000e-01:-8>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<5x!quant.uniform<u8:f32, 1.000000e-03:255>>)
func.func @add_storage(%a: tensor<5x!quant.uniform<i4:f32, 0.5:-8>>,
                       %b: tensor<5x!quant.uniform<u8:f32, 0.001:255>>) {
  // CHECK: qnn.add %[[A]], %[[B]] : (tensor<5x!quant.uniform<i4:f32, 5.000000e-01:-8>>, tensor<5x!quant.uniform<u8:f32, 1.000000e-03:255>>) -> tensor<5x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>
  %0 = qnn.add %a, %b : (tensor<5x!quant.uniform<i4:f32, 0.5:-8>>, tensor<5x!quant.uniform<u8:f32, 0.001:255>>)
       -> tensor<5x!quant.uniform<i8<-127:127>:f32, 0.1>>
  // CHECK: qnn.add %[[B]], %[[B]] : (
  %1 = qnn.add %b, %b : (tensor<5x!quant.uniform<u8:f32, 0.001:255>>, tensor<5x!quant.uniform<u8:f32, 0.001:255>>)
       -> tensor<5x!quant.uniform<u8:f32, 0.002>>
  return
}

// Dynamic shapes are accepted when they are the same.
// CHECK-LABEL: func.func @add_dynamic(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @add_dynamic(%a: tensor<?x4x!quant.uniform<i8:f32, 0.1>>,
                       %b: tensor<?x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<?x4x!quant.uniform<i8:f32, 0.2>> {
  // CHECK: %[[Y:.*]] = qnn.add %[[A]], %[[B]] : (tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>>, tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>>) -> tensor<?x4x!quant.uniform<i8:f32, 2.000000e-01>>
  %y = qnn.add %a, %b : (tensor<?x4x!quant.uniform<i8:f32, 0.1>>, tensor<?x4x!quant.uniform<i8:f32, 0.1>>)
       -> tensor<?x4x!quant.uniform<i8:f32, 0.2>>
  // CHECK: return %[[Y]]
  return %y : tensor<?x4x!quant.uniform<i8:f32, 0.2>>
}
