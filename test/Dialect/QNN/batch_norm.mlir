// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.batch_norm (rule N21): f32, channel last, epsilon
// 1.0e-5 by default (elided).

// The example of the op description; epsilon equal to the default is elided.
// CHECK-LABEL: func.func @batch_norm(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x4x4x3xf32>,
// CHECK-SAME:    %[[G:[^:]+]]: tensor<3xf32>, %[[B:[^:]+]]: tensor<3xf32>,
// CHECK-SAME:    %[[M:[^:]+]]: tensor<3xf32>, %[[V:[^:]+]]: tensor<3xf32>)
func.func @batch_norm(%x: tensor<1x4x4x3xf32>, %gamma: tensor<3xf32>, %beta: tensor<3xf32>,
                      %mean: tensor<3xf32>, %var: tensor<3xf32>) -> tensor<1x4x4x3xf32> {
  // CHECK: %[[Y:.*]] = qnn.batch_norm %[[X]], %[[G]], %[[B]], %[[M]], %[[V]] : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x4x4x3xf32>
  %y = qnn.batch_norm %x, %gamma, %beta, %mean, %var {epsilon = 1.0e-05 : f32}
       : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>,
          tensor<3xf32>) -> tensor<1x4x4x3xf32>
  // CHECK: return %[[Y]]
  return %y : tensor<1x4x4x3xf32>
}

// Other epsilons (0 included) are printed; rank 1 and rank 2 inputs; one
// value used for several parameters.
// CHECK-LABEL: func.func @batch_norm_epsilon(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<5xf32>, %[[Z:[^:]+]]: tensor<2x5xf32>, %[[P:[^:]+]]: tensor<5xf32>)
func.func @batch_norm_epsilon(%x: tensor<5xf32>, %z: tensor<2x5xf32>, %p: tensor<5xf32>) {
  // CHECK: qnn.batch_norm %[[X]], %[[P]], %[[P]], %[[P]], %[[P]] {epsilon = 0.000000e+00 : f32} : (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  %0 = qnn.batch_norm %x, %p, %p, %p, %p {epsilon = 0.0 : f32}
       : (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  // CHECK: qnn.batch_norm %[[Z]], %[[P]], %[[P]], %[[P]], %[[P]] {epsilon = 1.000000e-03 : f32} : (tensor<2x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
  %1 = qnn.batch_norm %z, %p, %p, %p, %p {epsilon = 1.0e-3 : f32}
       : (tensor<2x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
  // CHECK: qnn.batch_norm %[[Z]], %[[P]], %[[P]], %[[P]], %[[P]] : (
  %2 = qnn.batch_norm %z, %p, %p, %p, %p
       : (tensor<2x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x5xf32>
  return
}
