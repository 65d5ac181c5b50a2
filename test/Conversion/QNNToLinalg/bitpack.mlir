// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N18: the converted binary tensor already is the packed i64 storage,
// so qnn.bitpack folds away and the packed words are returned directly.

// CHECK-LABEL: func.func @bitpack_after_binarize
// CHECK-SAME: (%{{.*}}: tensor<2x70xf32>) -> tensor<2x2xi64>
// CHECK: %[[W:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<2x2xi64>)
// CHECK-NOT: qnn.bitpack
// CHECK: return %[[W]] : tensor<2x2xi64>
func.func @bitpack_after_binarize(%x: tensor<2x70xf32>) -> tensor<2x2xi64> {
  %y = qnn.binarize %x : tensor<2x70xf32> -> tensor<2x70x!qnn.binary<f32, 0.5>>
  %p = qnn.bitpack %y : tensor<2x70x!qnn.binary<f32, 0.5>> -> tensor<2x2xi64>
  return %p : tensor<2x2xi64>
}

// On a function argument the whole body is the argument itself.
// CHECK-LABEL: func.func @bitpack_argument
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi64>) -> tensor<1x4x4x2xi64>
// CHECK-NEXT: return %[[X]] : tensor<1x4x4x2xi64>
func.func @bitpack_argument(%x: tensor<1x4x4x70x!qnn.binary<f32:3, {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 61.0, 62.0, 63.0, 64.0, 65.0, 66.0, 67.0, 68.0, 69.0, 70.0}>>)
    -> tensor<1x4x4x2xi64> {
  %p = qnn.bitpack %x : tensor<1x4x4x70x!qnn.binary<f32:3, {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0, 34.0, 35.0, 36.0, 37.0, 38.0, 39.0, 40.0, 41.0, 42.0, 43.0, 44.0, 45.0, 46.0, 47.0, 48.0, 49.0, 50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0, 57.0, 58.0, 59.0, 60.0, 61.0, 62.0, 63.0, 64.0, 65.0, 66.0, 67.0, 68.0, 69.0, 70.0}>> -> tensor<1x4x4x2xi64>
  return %p : tensor<1x4x4x2xi64>
}
