// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.bitunpack (rule N18.1): ceil(C / 64) i64 words along the
// last dimension become C binary values.

// The example of the op description: constant weights, C = 70 -> 2 words.
// CHECK-LABEL: func.func @bitunpack_constant(
func.func @bitunpack_constant() -> tensor<16x3x3x70x!qnn.binary<f32, 0.5>> {
  // CHECK: %[[WORDS:.*]] = arith.constant dense<9> : tensor<16x3x3x2xi64>
  %words = arith.constant dense<9> : tensor<16x3x3x2xi64>
  // CHECK: %[[W:.*]] = qnn.bitunpack %[[WORDS]] : tensor<16x3x3x2xi64> -> tensor<16x3x3x70x!qnn.binary<f32, 5.000000e-01>>
  %w = qnn.bitunpack %words : tensor<16x3x3x2xi64> -> tensor<16x3x3x70x!qnn.binary<f32, 0.5>>
  // CHECK: return %[[W]]
  return %w : tensor<16x3x3x70x!qnn.binary<f32, 0.5>>
}

// Word boundaries, rank 1, per-axis alphas (axis 0 and the last axis).
// CHECK-LABEL: func.func @bitunpack_word_counts(
// CHECK-SAME:    %[[A:[^:]+]]: tensor<1xi64>,
// CHECK-SAME:    %[[B:[^:]+]]: tensor<2x1xi64>,
// CHECK-SAME:    %[[C:[^:]+]]: tensor<1x2xi64>)
func.func @bitunpack_word_counts(%a: tensor<1xi64>, %b: tensor<2x1xi64>, %c: tensor<1x2xi64>) {
  // CHECK: qnn.bitunpack %[[A]] : tensor<1xi64> -> tensor<64x!qnn.binary<f32, 1.000000e+00>>
  %0 = qnn.bitunpack %a : tensor<1xi64> -> tensor<64x!qnn.binary<f32, 1.0>>
  // CHECK: qnn.bitunpack %[[A]] : tensor<1xi64> -> tensor<1x!qnn.binary<f32, 1.000000e+00>>
  %1 = qnn.bitunpack %a : tensor<1xi64> -> tensor<1x!qnn.binary<f32, 1.0>>
  // CHECK: qnn.bitunpack %[[B]] : tensor<2x1xi64> -> tensor<2x3x!qnn.binary<f32:0, {1.000000e+00, 5.000000e-01}>>
  %2 = qnn.bitunpack %b : tensor<2x1xi64> -> tensor<2x3x!qnn.binary<f32:0, {1.0, 0.5}>>
  // CHECK: qnn.bitunpack %[[C]] : tensor<1x2xi64> -> tensor<1x65x!qnn.binary<f32, 2.500000e-01>>
  %3 = qnn.bitunpack %c : tensor<1x2xi64> -> tensor<1x65x!qnn.binary<f32, 0.25>>
  // CHECK: qnn.bitunpack %[[B]] : tensor<2x1xi64> -> tensor<2x2x!qnn.binary<f32:1, {1.000000e+00, 2.000000e+00}>>
  %4 = qnn.bitunpack %b : tensor<2x1xi64> -> tensor<2x2x!qnn.binary<f32:1, {1.0, 2.0}>>
  return
}

// bitpack after bitunpack: the binary type flows unchanged.
// CHECK-LABEL: func.func @bitunpack_bitpack(
// CHECK-SAME:    %[[P:[^:]+]]: tensor<4x2xi64>)
func.func @bitunpack_bitpack(%p: tensor<4x2xi64>) -> tensor<4x2xi64> {
  // CHECK: %[[B:.*]] = qnn.bitunpack %[[P]] : tensor<4x2xi64> -> tensor<4x100x!qnn.binary<f32, 1.000000e+00>>
  %b = qnn.bitunpack %p : tensor<4x2xi64> -> tensor<4x100x!qnn.binary<f32, 1.0>>
  // CHECK: %[[Q:.*]] = qnn.bitpack %[[B]] : tensor<4x100x!qnn.binary<f32, 1.000000e+00>> -> tensor<4x2xi64>
  %q = qnn.bitpack %b : tensor<4x100x!qnn.binary<f32, 1.0>> -> tensor<4x2xi64>
  // CHECK: return %[[Q]]
  return %q : tensor<4x2xi64>
}
