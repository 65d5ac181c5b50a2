// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.clamp (rule N14): bounds in the storage domain,
// qmin <= min <= max <= qmax, same type in and out.

// The example of the op description.
// CHECK-LABEL: func.func @clamp(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>)
func.func @clamp(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>) -> tensor<4x!quant.uniform<i8:f32, 0.1>> {
  // CHECK: %[[Y:.*]] = qnn.clamp %[[X]] {max = 100 : i64, min = 0 : i64} : tensor<4x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>
  %y = qnn.clamp %x {min = 0 : i64, max = 100 : i64}
       : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  // CHECK: return %[[Y]]
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1>>
}

// Bounds equal to the storage range and min == max.
// CHECK-LABEL: func.func @clamp_storage_range(
// CHECK-SAME:    %[[U8:[^:]+]]: tensor<2x3x!quant.uniform<u8:f32, 5.000000e-02:128>>,
// CHECK-SAME:    %[[N8:[^:]+]]: tensor<5x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[I4:[^:]+]]: tensor<5x!quant.uniform<i4:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[I16:[^:]+]]: tensor<5x!quant.uniform<i16:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[I32:[^:]+]]: tensor<5x!quant.uniform<i32:f32, 1.000000e-01>>)
func.func @clamp_storage_range(%u8: tensor<2x3x!quant.uniform<u8:f32, 0.05:128>>,
                               %n8: tensor<5x!quant.uniform<i8<-127:127>:f32, 0.1>>,
                               %i4: tensor<5x!quant.uniform<i4:f32, 0.1>>,
                               %i16: tensor<5x!quant.uniform<i16:f32, 0.1>>,
                               %i32: tensor<5x!quant.uniform<i32:f32, 0.1>>) {
  // CHECK: qnn.clamp %[[U8]] {max = 255 : i64, min = 0 : i64} : tensor<2x3x!quant.uniform<u8:f32, 5.000000e-02:128>> -> tensor<2x3x!quant.uniform<u8:f32, 5.000000e-02:128>>
  %0 = qnn.clamp %u8 {min = 0 : i64, max = 255 : i64}
       : tensor<2x3x!quant.uniform<u8:f32, 0.05:128>> -> tensor<2x3x!quant.uniform<u8:f32, 0.05:128>>
  // CHECK: qnn.clamp %[[N8]] {max = 127 : i64, min = -127 : i64} : tensor<5x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>
  %1 = qnn.clamp %n8 {min = -127 : i64, max = 127 : i64}
       : tensor<5x!quant.uniform<i8<-127:127>:f32, 0.1>> -> tensor<5x!quant.uniform<i8<-127:127>:f32, 0.1>>
  // CHECK: qnn.clamp %[[I4]] {max = 3 : i64, min = 3 : i64} : tensor<5x!quant.uniform<i4:f32, 1.000000e-01>>
  %2 = qnn.clamp %i4 {min = 3 : i64, max = 3 : i64}
       : tensor<5x!quant.uniform<i4:f32, 0.1>> -> tensor<5x!quant.uniform<i4:f32, 0.1>>
  // CHECK: qnn.clamp %[[I16]] {max = 32767 : i64, min = -32768 : i64} : tensor<5x!quant.uniform<i16:f32, 1.000000e-01>>
  %3 = qnn.clamp %i16 {min = -32768 : i64, max = 32767 : i64}
       : tensor<5x!quant.uniform<i16:f32, 0.1>> -> tensor<5x!quant.uniform<i16:f32, 0.1>>
  // CHECK: qnn.clamp %[[I32]] {max = 2147483647 : i64, min = -2147483648 : i64} : tensor<5x!quant.uniform<i32:f32, 1.000000e-01>>
  %4 = qnn.clamp %i32 {min = -2147483648 : i64, max = 2147483647 : i64}
       : tensor<5x!quant.uniform<i32:f32, 0.1>> -> tensor<5x!quant.uniform<i32:f32, 0.1>>
  return
}

// Per-axis and dynamically shaped inputs are accepted.
// CHECK-LABEL: func.func @clamp_per_axis_dynamic(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<?x2x!quant.uniform<i8:f32:1, {1.000000e-01:1,2.000000e-01:-1}>>)
func.func @clamp_per_axis_dynamic(%x: tensor<?x2x!quant.uniform<i8:f32:1, {0.1:1, 0.2:-1}>>) -> tensor<?x2x!quant.uniform<i8:f32:1, {0.1:1, 0.2:-1}>> {
  // CHECK: %[[Y:.*]] = qnn.clamp %[[X]] {max = 10 : i64, min = -10 : i64} : tensor<?x2x!quant.uniform<i8:f32:1, {1.000000e-01:1,2.000000e-01:-1}>> -> tensor<?x2x!quant.uniform<i8:f32:1, {1.000000e-01:1,2.000000e-01:-1}>>
  %y = qnn.clamp %x {min = -10 : i64, max = 10 : i64}
       : tensor<?x2x!quant.uniform<i8:f32:1, {0.1:1, 0.2:-1}>> -> tensor<?x2x!quant.uniform<i8:f32:1, {0.1:1, 0.2:-1}>>
  // CHECK: return %[[Y]]
  return %y : tensor<?x2x!quant.uniform<i8:f32:1, {0.1:1, 0.2:-1}>>
}
