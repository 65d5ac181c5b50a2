// RUN: qnn-opt %s --qnn-lower-observers --split-input-file --verify-diagnostics | FileCheck %s

// Each observer becomes a copy into a buffer and a call of the runtime's
// qnn_observe(id, data, n); its result is its input.

// CHECK: func.func private @qnn_observe(i64, i64, i64)
// CHECK-LABEL: func.func @two
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK: %[[BUF:.*]] = memref.alloc() : memref<2x3xf32>
// CHECK: bufferization.materialize_in_destination %[[X]] in restrict writable %[[BUF]]
// CHECK: %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[BUF]]
// CHECK: %[[P64:.*]] = arith.index_cast %[[P]] : index to i64
// CHECK-DAG: %[[ID:.*]] = arith.constant 7 : i64
// CHECK-DAG: %[[N:.*]] = arith.constant 6 : i64
// CHECK: call @qnn_observe(%[[ID]], %[[P64]], %[[N]]) : (i64, i64, i64) -> ()
// CHECK: %[[A:.*]] = tosa.add %[[X]], %[[X]]
// CHECK: arith.constant 9 : i64
// CHECK: call @qnn_observe
// CHECK-NOT: qnn.observe
// CHECK: return %[[A]]
func.func @two(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %y = qnn.observe %x {id = 7 : i64, name = "x"} : tensor<2x3xf32>
  %a = tosa.add %y, %y : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %b = qnn.observe %a {id = 9 : i64} : tensor<2x3xf32>
  return %b : tensor<2x3xf32>
}

// -----

// A function of the runtime's name with another type is an error.

// expected-error @+1 {{'func.func' op is named qnn_observe, the calibration runtime's entry point, but has type '(f32) -> ()' instead of '(i64, i64, i64) -> ()'}}
func.func private @qnn_observe(f32)
func.func @clash(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = qnn.observe %x {id = 0 : i64} : tensor<2xf32>
  return %y : tensor<2xf32>
}
