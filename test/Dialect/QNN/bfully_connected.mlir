// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.bfully_connected (rule N20): x [N, C] and w [O, C]
// binary, optional f32 bias [O], the three result kinds of rule N19.3.

// The example of the op description: f32 result, no bias.
// CHECK-LABEL: func.func @bfc_f32(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x70x!qnn.binary<f32, 1.000000e+00>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<8x70x!qnn.binary<f32, 5.000000e-01>>)
func.func @bfc_f32(%x: tensor<2x70x!qnn.binary<f32, 1.0>>,
                   %w: tensor<8x70x!qnn.binary<f32, 0.5>>) -> tensor<2x8xf32> {
  // CHECK: %[[Y:.*]] = qnn.bfully_connected %[[X]], %[[W]] : (tensor<2x70x!qnn.binary<f32, 1.000000e+00>>, tensor<8x70x!qnn.binary<f32, 5.000000e-01>>) -> tensor<2x8xf32>
  %y = qnn.bfully_connected %x, %w : (tensor<2x70x!qnn.binary<f32, 1.0>>,
         tensor<8x70x!qnn.binary<f32, 0.5>>) -> tensor<2x8xf32>
  // CHECK: return %[[Y]]
  return %y : tensor<2x8xf32>
}

// Per-axis weights, bias, and every result kind.
// CHECK-LABEL: func.func @bfc_result_kinds(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<3x130x!qnn.binary<f32, 2.500000e-01>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x130x!qnn.binary<f32:0, {5.000000e-01, 1.250000e-01}>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2xf32>)
func.func @bfc_result_kinds(%x: tensor<3x130x!qnn.binary<f32, 0.25>>,
                            %w: tensor<2x130x!qnn.binary<f32:0, {0.5, 0.125}>>,
                            %b: tensor<2xf32>) {
  // CHECK: qnn.bfully_connected %[[X]], %[[W]], %[[B]] : (tensor<3x130x!qnn.binary<f32, 2.500000e-01>>, tensor<2x130x!qnn.binary<f32:0, {5.000000e-01, 1.250000e-01}>>, tensor<2xf32>) -> tensor<3x2xf32>
  %0 = qnn.bfully_connected %x, %w, %b
       : (tensor<3x130x!qnn.binary<f32, 0.25>>, tensor<2x130x!qnn.binary<f32:0, {0.5, 0.125}>>, tensor<2xf32>)
      -> tensor<3x2xf32>
  // CHECK: qnn.bfully_connected %[[X]], %[[W]], %[[B]] : ({{.*}}) -> tensor<3x2x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %1 = qnn.bfully_connected %x, %w, %b
       : (tensor<3x130x!qnn.binary<f32, 0.25>>, tensor<2x130x!qnn.binary<f32:0, {0.5, 0.125}>>, tensor<2xf32>)
      -> tensor<3x2x!quant.uniform<i8:f32, 0.05:-3>>
  // CHECK: qnn.bfully_connected %[[X]], %[[W]] : ({{.*}}) -> tensor<3x2x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %2 = qnn.bfully_connected %x, %w
       : (tensor<3x130x!qnn.binary<f32, 0.25>>, tensor<2x130x!qnn.binary<f32:0, {0.5, 0.125}>>)
      -> tensor<3x2x!quant.uniform<u8:f32, 0.1:128>>
  // CHECK: qnn.bfully_connected %[[X]], %[[W]], %[[B]] : ({{.*}}) -> tensor<3x2x!qnn.binary<f32, 1.000000e+00>>
  %3 = qnn.bfully_connected %x, %w, %b
       : (tensor<3x130x!qnn.binary<f32, 0.25>>, tensor<2x130x!qnn.binary<f32:0, {0.5, 0.125}>>, tensor<2xf32>)
      -> tensor<3x2x!qnn.binary<f32, 1.0>>
  // The binary result may be per axis 1 (the output features).
  // CHECK: qnn.bfully_connected %[[X]], %[[W]] : ({{.*}}) -> tensor<3x2x!qnn.binary<f32:1, {1.000000e+00, 2.000000e+00}>>
  %4 = qnn.bfully_connected %x, %w
       : (tensor<3x130x!qnn.binary<f32, 0.25>>, tensor<2x130x!qnn.binary<f32:0, {0.5, 0.125}>>)
      -> tensor<3x2x!qnn.binary<f32:1, {1.0, 2.0}>>
  return
}
