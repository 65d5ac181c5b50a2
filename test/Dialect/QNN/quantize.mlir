// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.quantize (rule N2): per-tensor and per-axis results of
// every storage type the verifier accepts (<= 32 bits).

// CHECK-LABEL: func.func @quantize_per_tensor(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x3xf32>)
func.func @quantize_per_tensor(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>> {
  // CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
  // CHECK: return %[[Q]]
  return %q : tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
}

// CHECK-LABEL: func.func @quantize_per_axis(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x3xf32>)
func.func @quantize_per_axis(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>> {
  // CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>>
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>>
  // CHECK: return %[[Q]]
  return %q : tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>>
}

// CHECK-LABEL: func.func @quantize_per_axis_last(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x3xf32>)
func.func @quantize_per_axis_last(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<u8:f32:1, {0.1:0, 0.2:128, 0.3:255}>> {
  // CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:1, {1.000000e-01,2.000000e-01:128,3.000000e-01:255}>>
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:1, {0.1:0, 0.2:128, 0.3:255}>>
  // CHECK: return %[[Q]]
  return %q : tensor<2x3x!quant.uniform<u8:f32:1, {0.1:0, 0.2:128, 0.3:255}>>
}

// Every storage type of rule N1.1 up to 32 bits, zero points at the ends of
// the storage range.
// CHECK-LABEL: func.func @quantize_storage_types(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<4xf32>)
func.func @quantize_storage_types(%x: tensor<4xf32>) {
  // CHECK: qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 2.000000e-02:255>>
  %0 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8:f32, 0.02:255>>
  // CHECK: qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 2.000000e-02:-127>>
  %1 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.02:-127>>
  // CHECK: qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 5.000000e-01:-8>>
  %2 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 0.5:-8>>
  // CHECK: qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 1.000000e-03:32767>>
  %3 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 0.001:32767>>
  // CHECK: qnn.quantize %[[X]] : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32, 1.000000e-04>>
  %4 = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32, 0.0001:0>>
  return
}

// Shapes need not be static; per-axis counts are checked only for static
// dimensions (rule N1.3).
// CHECK-LABEL: func.func @quantize_dynamic(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x2xf32>)
func.func @quantize_dynamic(%x: tensor<?x2xf32>) -> tensor<?x2x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>> {
  // CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<?x2xf32> -> tensor<?x2x!quant.uniform<i8:f32:0, {1.000000e-01,2.000000e-01,3.000000e-01}>>
  %q = qnn.quantize %x : tensor<?x2xf32> -> tensor<?x2x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>
  // CHECK: return %[[Q]]
  return %q : tensor<?x2x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3}>>
}

// CHECK-LABEL: func.func @quantize_rank0(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<f32>)
func.func @quantize_rank0(%x: tensor<f32>) -> tensor<!quant.uniform<i8:f32, 0.1:4>> {
  // CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<f32> -> tensor<!quant.uniform<i8:f32, 1.000000e-01:4>>
  %q = qnn.quantize %x : tensor<f32> -> tensor<!quant.uniform<i8:f32, 0.1:4>>
  // CHECK: return %[[Q]]
  return %q : tensor<!quant.uniform<i8:f32, 0.1:4>>
}
