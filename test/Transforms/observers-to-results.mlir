// RUN: qnn-opt %s --qnn-observers-to-results | FileCheck %s

// Every observed value becomes an extra result, in id order, after the
// function's own results; the observers stay.

// CHECK-LABEL: func.func @f
// CHECK-SAME: -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>)
// CHECK: %[[A:.*]] = qnn.observe %arg0 {id = 0 : i64} : tensor<4xf32>
// CHECK: %[[S:.*]] = tosa.add %[[A]], %[[A]]
// CHECK: %[[B:.*]] = qnn.observe %[[S]] {id = 1 : i64} : tensor<4xf32>
// CHECK: return %[[B]], %[[A]], %[[B]] : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %a = qnn.observe %x {id = 0 : i64} : tensor<4xf32>
  %s = tosa.add %a, %a : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %b = qnn.observe %s {id = 1 : i64} : tensor<4xf32>
  return %b : tensor<4xf32>
}

// A function without observers is left alone.
// CHECK-LABEL: func.func @g
// CHECK-SAME: -> tensor<4xf32>
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
