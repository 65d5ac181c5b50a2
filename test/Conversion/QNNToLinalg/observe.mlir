// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N22: qnn.observe is the identity in the reference lowering.

// CHECK-LABEL: func.func @observe
// CHECK-SAME: (%[[X:.*]]: tensor<1x8xf32>) -> tensor<1x8xf32>
// CHECK-NEXT: return %[[X]] : tensor<1x8xf32>
func.func @observe(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %y = qnn.observe %x {id = 3 : i64} : tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}

// Between two ops the observed value flows through unchanged.
// CHECK-LABEL: func.func @observe_between
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>) -> tensor<4xi8>
// CHECK-NOT: qnn.observe
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]],
// CHECK: math.roundeven
func.func @observe_between(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.1>> {
  %o = qnn.observe %x {id = 0 : i64} : tensor<4xf32>
  %o2 = qnn.observe %o {id = 1 : i64} : tensor<4xf32>
  %q = qnn.quantize %o2 : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.1>>
}
