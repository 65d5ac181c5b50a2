// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.observe (rule N22): f32 identity with an id >= 0.

// The example of the op description.
// CHECK-LABEL: func.func @observe(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8xf32>)
func.func @observe(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // CHECK: %[[Y:.*]] = qnn.observe %[[X]] {id = 3 : i64} : tensor<1x8xf32>
  %y = qnn.observe %x {id = 3 : i64} : tensor<1x8xf32>
  // CHECK: return %[[Y]]
  return %y : tensor<1x8xf32>
}

// id 0 and a large id; a chain of observation points; rank 0 and dynamic
// shapes.
// CHECK-LABEL: func.func @observe_chain(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x4xf32>, %[[S:[^:]+]]: tensor<f32>)
func.func @observe_chain(%x: tensor<?x4xf32>, %s: tensor<f32>) -> tensor<?x4xf32> {
  // CHECK: %[[A:.*]] = qnn.observe %[[X]] {id = 0 : i64} : tensor<?x4xf32>
  %a = qnn.observe %x {id = 0 : i64} : tensor<?x4xf32>
  // CHECK: %[[B:.*]] = qnn.observe %[[A]] {id = 9223372036854775807 : i64} : tensor<?x4xf32>
  %b = qnn.observe %a {id = 9223372036854775807 : i64} : tensor<?x4xf32>
  // CHECK: qnn.observe %[[S]] {id = 1 : i64} : tensor<f32>
  %c = qnn.observe %s {id = 1 : i64} : tensor<f32>
  // CHECK: return %[[B]]
  return %b : tensor<?x4xf32>
}
