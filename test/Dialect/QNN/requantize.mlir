// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.requantize (rule N7): every combination of per-tensor
// and per-axis input and output, storage changes, and multipliers at the
// N4 limit.

// CHECK-LABEL: func.func @requantize_per_tensor(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>>)
func.func @requantize_per_tensor(%q: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<4x!quant.uniform<u8:f32, 0.1:128>> {
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<4x!quant.uniform<u8:f32, 1.000000e-01:128>>
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<4x!quant.uniform<u8:f32, 0.1:128>>
  // CHECK: return %[[R]]
  return %r : tensor<4x!quant.uniform<u8:f32, 0.1:128>>
}

// CHECK-LABEL: func.func @requantize_per_axis_to_per_tensor(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>>)
func.func @requantize_per_axis_to_per_tensor(%q: tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.3>> {
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>> -> tensor<2x3x!quant.uniform<i8:f32, 3.000000e-01>>
  %r = qnn.requantize %q : tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>> -> tensor<2x3x!quant.uniform<i8:f32, 0.3>>
  // CHECK: return %[[R]]
  return %r : tensor<2x3x!quant.uniform<i8:f32, 0.3>>
}

// CHECK-LABEL: func.func @requantize_per_tensor_to_per_axis(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<2x3x!quant.uniform<i16:f32, 1.000000e-03>>)
func.func @requantize_per_tensor_to_per_axis(%q: tensor<2x3x!quant.uniform<i16:f32, 0.001>>) -> tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2:5, 0.4:-5}>> {
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<2x3x!quant.uniform<i16:f32, 1.000000e-03>> -> tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e-01,2.000000e-01:5,4.000000e-01:-5}>>
  %r = qnn.requantize %q : tensor<2x3x!quant.uniform<i16:f32, 0.001>> -> tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2:5, 0.4:-5}>>
  // CHECK: return %[[R]]
  return %r : tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2:5, 0.4:-5}>>
}

// Both per-axis: the axes must match (rule N7).
// CHECK-LABEL: func.func @requantize_per_axis_same_axis(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e-01,2.000000e-01,3.000000e-01}>>)
func.func @requantize_per_axis_same_axis(%q: tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>) -> tensor<2x3x!quant.uniform<u8:f32:1, {0.2:128, 0.2:128, 0.2:128}>> {
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<2x3x!quant.uniform<i8:f32:1, {1.000000e-01,2.000000e-01,3.000000e-01}>> -> tensor<2x3x!quant.uniform<u8:f32:1, {2.000000e-01:128,2.000000e-01:128,2.000000e-01:128}>>
  %r = qnn.requantize %q : tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>> -> tensor<2x3x!quant.uniform<u8:f32:1, {0.2:128, 0.2:128, 0.2:128}>>
  // CHECK: return %[[R]]
  return %r : tensor<2x3x!quant.uniform<u8:f32:1, {0.2:128, 0.2:128, 0.2:128}>>
}

// Storage widths up to 32 bits; narrow range and i4.
// CHECK-LABEL: func.func @requantize_storage(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<4x!quant.uniform<i32:f32, 1.000000e-04>>)
func.func @requantize_storage(%q: tensor<4x!quant.uniform<i32:f32, 0.0001>>) {
  // CHECK: %[[A:.*]] = qnn.requantize %[[Q]] : tensor<4x!quant.uniform<i32:f32, 1.000000e-04>> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 5.000000e-02>>
  %a = qnn.requantize %q : tensor<4x!quant.uniform<i32:f32, 0.0001>> -> tensor<4x!quant.uniform<i8<-127:127>:f32, 0.05>>
  // CHECK: qnn.requantize %[[A]] : tensor<4x!quant.uniform<i8<-127:127>:f32, 5.000000e-02>> -> tensor<4x!quant.uniform<i4:f32, 5.000000e-01:-1>>
  %b = qnn.requantize %a : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.05>> -> tensor<4x!quant.uniform<i4:f32, 0.5:-1>>
  return
}

// Largest accepted multiplier: M = 2^30 - 1 gives e = 30 (rule N4 table).
// CHECK-LABEL: func.func @requantize_max_multiplier(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<4x!quant.uniform<i32:f32, 0x41CFFFFFFF800000>>)
func.func @requantize_max_multiplier(%q: tensor<4x!quant.uniform<i32:f32, 1073741823.0>>) -> tensor<4x!quant.uniform<i32:f32, 1.0>> {
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<4x!quant.uniform<i32:f32, 0x41CFFFFFFF800000>> -> tensor<4x!quant.uniform<i32:f32, 1.000000e+00>>
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i32:f32, 1073741823.0>> -> tensor<4x!quant.uniform<i32:f32, 1.0>>
  // CHECK: return %[[R]]
  return %r : tensor<4x!quant.uniform<i32:f32, 1.0>>
}

// Tiny multipliers flush to zero (rule N4) and are accepted.
// CHECK-LABEL: func.func @requantize_tiny_multiplier(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<4x!quant.uniform<i8:f32, 1.000000e-30>>)
func.func @requantize_tiny_multiplier(%q: tensor<4x!quant.uniform<i8:f32, 1.0e-30>>) -> tensor<4x!quant.uniform<i8:f32, 1.0>> {
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<4x!quant.uniform<i8:f32, 1.000000e-30>> -> tensor<4x!quant.uniform<i8:f32, 1.000000e+00>>
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 1.0e-30>> -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  // CHECK: return %[[R]]
  return %r : tensor<4x!quant.uniform<i8:f32, 1.0>>
}

// CHECK-LABEL: func.func @requantize_dynamic(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @requantize_dynamic(%q: tensor<?x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<?x4x!quant.uniform<i8:f32, 0.2>> {
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<?x4x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<?x4x!quant.uniform<i8:f32, 2.000000e-01>>
  %r = qnn.requantize %q : tensor<?x4x!quant.uniform<i8:f32, 0.1>> -> tensor<?x4x!quant.uniform<i8:f32, 0.2>>
  // CHECK: return %[[R]]
  return %r : tensor<?x4x!quant.uniform<i8:f32, 0.2>>
}
