// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.bitpack (rule N18): the last dimension C becomes
// ceil(C / 64) i64 words (rule N1.5).

// The example of the op description: C = 70 -> 2 words.
// CHECK-LABEL: func.func @bitpack(
// CHECK-SAME:    %[[B:[^:]+]]: tensor<1x4x4x70x!qnn.binary<f32, 5.000000e-01>>)
func.func @bitpack(%b: tensor<1x4x4x70x!qnn.binary<f32, 0.5>>) -> tensor<1x4x4x2xi64> {
  // CHECK: %[[P:.*]] = qnn.bitpack %[[B]] : tensor<1x4x4x70x!qnn.binary<f32, 5.000000e-01>> -> tensor<1x4x4x2xi64>
  %p = qnn.bitpack %b : tensor<1x4x4x70x!qnn.binary<f32, 0.5>> -> tensor<1x4x4x2xi64>
  // CHECK: return %[[P]]
  return %p : tensor<1x4x4x2xi64>
}

// Word boundaries: C = 1, 64, 65, 128; rank 1; per-axis alphas.
// CHECK-LABEL: func.func @bitpack_word_counts(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<1x!qnn.binary<f32, 1.000000e+00>>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2x64x!qnn.binary<f32:0, {1.000000e+00, 5.000000e-01}>>,
// CHECK-SAME:    %[[C:[^:]+]]: tensor<3x65x!qnn.binary<f32, 1.000000e+00>>,
// CHECK-SAME:    %[[D:[^:]+]]: tensor<128x!qnn.binary<f32, 1.000000e+00>>)
func.func @bitpack_word_counts(%a: tensor<1x!qnn.binary<f32, 1.0>>,
                               %b: tensor<2x64x!qnn.binary<f32:0, {1.0, 0.5}>>,
                               %c: tensor<3x65x!qnn.binary<f32, 1.0>>,
                               %d: tensor<128x!qnn.binary<f32, 1.0>>) {
  // CHECK: qnn.bitpack %[[A]] : tensor<1x!qnn.binary<f32, 1.000000e+00>> -> tensor<1xi64>
  %0 = qnn.bitpack %a : tensor<1x!qnn.binary<f32, 1.0>> -> tensor<1xi64>
  // CHECK: qnn.bitpack %[[B]] : tensor<2x64x!qnn.binary<f32:0, {1.000000e+00, 5.000000e-01}>> -> tensor<2x1xi64>
  %1 = qnn.bitpack %b : tensor<2x64x!qnn.binary<f32:0, {1.0, 0.5}>> -> tensor<2x1xi64>
  // CHECK: qnn.bitpack %[[C]] : tensor<3x65x!qnn.binary<f32, 1.000000e+00>> -> tensor<3x2xi64>
  %2 = qnn.bitpack %c : tensor<3x65x!qnn.binary<f32, 1.0>> -> tensor<3x2xi64>
  // CHECK: qnn.bitpack %[[D]] : tensor<128x!qnn.binary<f32, 1.000000e+00>> -> tensor<2xi64>
  %3 = qnn.bitpack %d : tensor<128x!qnn.binary<f32, 1.0>> -> tensor<2xi64>
  return
}
