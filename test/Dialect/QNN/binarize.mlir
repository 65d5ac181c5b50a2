// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.binarize (rule N17): f32 or per-tensor quantized input,
// binary result per tensor or per any axis, threshold 0.0 by default.

// The example of the op description; threshold 0.0 is the default and is
// elided.
// CHECK-LABEL: func.func @binarize_f32(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x4x4x70xf32>)
func.func @binarize_f32(%x: tensor<1x4x4x70xf32>) -> tensor<1x4x4x70x!qnn.binary<f32, 0.5>> {
  // CHECK: %[[B:.*]] = qnn.binarize %[[X]] : tensor<1x4x4x70xf32> -> tensor<1x4x4x70x!qnn.binary<f32, 5.000000e-01>>
  %b = qnn.binarize %x {threshold = 0.0 : f32}
       : tensor<1x4x4x70xf32> -> tensor<1x4x4x70x!qnn.binary<f32, 0.5>>
  // CHECK: return %[[B]]
  return %b : tensor<1x4x4x70x!qnn.binary<f32, 0.5>>
}

// Non-default thresholds are printed; per-axis results on every axis.
// CHECK-LABEL: func.func @binarize_threshold_per_axis(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x3xf32>)
func.func @binarize_threshold_per_axis(%x: tensor<2x3xf32>) {
  // CHECK: qnn.binarize %[[X]] {threshold = 5.000000e-01 : f32} : tensor<2x3xf32> -> tensor<2x3x!qnn.binary<f32:1, {5.000000e-01, 2.500000e-01, 1.000000e+00}>>
  %0 = qnn.binarize %x {threshold = 0.5 : f32}
       : tensor<2x3xf32> -> tensor<2x3x!qnn.binary<f32:1, {0.5, 0.25, 1.0}>>
  // CHECK: qnn.binarize %[[X]] {threshold = -1.250000e+00 : f32} : tensor<2x3xf32> -> tensor<2x3x!qnn.binary<f32:0, {1.000000e+00, 2.000000e+00}>>
  %1 = qnn.binarize %x {threshold = -1.25 : f32}
       : tensor<2x3xf32> -> tensor<2x3x!qnn.binary<f32:0, {1.0, 2.0}>>
  return
}

// Quantized (per-tensor) inputs are dequantized first.
// CHECK-LABEL: func.func @binarize_quantized(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<1x2x2x8x!quant.uniform<i8:f32, 5.000000e-02:-3>>,
// CHECK-SAME:    %[[U:[^:]+]]: tensor<8x!quant.uniform<u8:f32, 1.000000e-01:128>>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<8x!quant.uniform<i32:f32, 1.000000e-03>>)
func.func @binarize_quantized(%q: tensor<1x2x2x8x!quant.uniform<i8:f32, 0.05:-3>>,
                              %u: tensor<8x!quant.uniform<u8:f32, 0.1:128>>,
                              %w: tensor<8x!quant.uniform<i32:f32, 0.001>>) {
  // CHECK: qnn.binarize %[[Q]] : tensor<1x2x2x8x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<1x2x2x8x!qnn.binary<f32, 1.000000e+00>>
  %0 = qnn.binarize %q : tensor<1x2x2x8x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<1x2x2x8x!qnn.binary<f32, 1.0>>
  // CHECK: qnn.binarize %[[U]] {threshold = 1.000000e-01 : f32} : tensor<8x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<8x!qnn.binary<f32, 2.500000e-01>>
  %1 = qnn.binarize %u {threshold = 0.1 : f32} : tensor<8x!quant.uniform<u8:f32, 0.1:128>> -> tensor<8x!qnn.binary<f32, 0.25>>
  // CHECK: qnn.binarize %[[W]] : tensor<8x!quant.uniform<i32:f32, 1.000000e-03>> -> tensor<8x!qnn.binary<f32, 2.500000e-01>>
  %2 = qnn.binarize %w : tensor<8x!quant.uniform<i32:f32, 0.001>> -> tensor<8x!qnn.binary<f32, 0.25>>
  return
}

// Dynamic shapes are accepted with a per-tensor result (and per-axis on a
// static dimension).
// CHECK-LABEL: func.func @binarize_dynamic(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x3xf32>)
func.func @binarize_dynamic(%x: tensor<?x3xf32>) {
  // CHECK: qnn.binarize %[[X]] : tensor<?x3xf32> -> tensor<?x3x!qnn.binary<f32, 1.000000e+00>>
  %0 = qnn.binarize %x : tensor<?x3xf32> -> tensor<?x3x!qnn.binary<f32, 1.0>>
  // CHECK: qnn.binarize %[[X]] : tensor<?x3xf32> -> tensor<?x3x!qnn.binary<f32:1, {1.000000e+00, 2.000000e+00, 3.000000e+00}>>
  %1 = qnn.binarize %x : tensor<?x3xf32> -> tensor<?x3x!qnn.binary<f32:1, {1.0, 2.0, 3.0}>>
  return
}
