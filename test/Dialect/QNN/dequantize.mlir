// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.dequantize (rule N3).

// CHECK-LABEL: func.func @dequantize_per_tensor(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>>)
func.func @dequantize_per_tensor(%q: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<4xf32> {
  // CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<4xf32>
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<4xf32>
  // CHECK: return %[[X]]
  return %x : tensor<4xf32>
}

// CHECK-LABEL: func.func @dequantize_per_axis(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>>)
func.func @dequantize_per_axis(%q: tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>>) -> tensor<2x3xf32> {
  // CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>> -> tensor<2x3xf32>
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>> -> tensor<2x3xf32>
  // CHECK: return %[[X]]
  return %x : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dequantize_storage_types(
// CHECK-SAME:    %[[U8:[^:]+]]: tensor<4x!quant.uniform<u8:f32, 1.000000e-01:128>>,
// CHECK-SAME:    %[[N8:[^:]+]]: tensor<4x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>,
// CHECK-SAME:    %[[I4:[^:]+]]: tensor<4x!quant.uniform<i4:f32, 1.000000e-01:7>>,
// CHECK-SAME:    %[[I16:[^:]+]]: tensor<4x!quant.uniform<i16:f32, 1.000000e-01:-32768>>,
// CHECK-SAME:    %[[I32:[^:]+]]: tensor<4x!quant.uniform<i32:f32, 1.000000e-01>>)
func.func @dequantize_storage_types(
    %u8: tensor<4x!quant.uniform<u8:f32, 0.1:128>>,
    %n8: tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1>>,
    %i4: tensor<4x!quant.uniform<i4:f32, 0.1:7>>,
    %i16: tensor<4x!quant.uniform<i16:f32, 0.1:-32768>>,
    %i32: tensor<4x!quant.uniform<i32:f32, 0.1>>) {
  // CHECK: qnn.dequantize %[[U8]] : tensor<4x!quant.uniform<u8:f32, 1.000000e-01:128>> -> tensor<4xf32>
  %0 = qnn.dequantize %u8 : tensor<4x!quant.uniform<u8:f32, 0.1:128>> -> tensor<4xf32>
  // CHECK: qnn.dequantize %[[N8]] : tensor<4x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>> -> tensor<4xf32>
  %1 = qnn.dequantize %n8 : tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1>> -> tensor<4xf32>
  // CHECK: qnn.dequantize %[[I4]] : tensor<4x!quant.uniform<i4:f32, 1.000000e-01:7>> -> tensor<4xf32>
  %2 = qnn.dequantize %i4 : tensor<4x!quant.uniform<i4:f32, 0.1:7>> -> tensor<4xf32>
  // CHECK: qnn.dequantize %[[I16]] : tensor<4x!quant.uniform<i16:f32, 1.000000e-01:-32768>> -> tensor<4xf32>
  %3 = qnn.dequantize %i16 : tensor<4x!quant.uniform<i16:f32, 0.1:-32768>> -> tensor<4xf32>
  // CHECK: qnn.dequantize %[[I32]] : tensor<4x!quant.uniform<i32:f32, 1.000000e-01>> -> tensor<4xf32>
  %4 = qnn.dequantize %i32 : tensor<4x!quant.uniform<i32:f32, 0.1>> -> tensor<4xf32>
  return
}

// CHECK-LABEL: func.func @dequantize_dynamic(
// CHECK-SAME:    %[[Q:[^:]+]]: tensor<?x?x!quant.uniform<u8:f32:1, {1.000000e-01:3,2.000000e-01:4}>>)
func.func @dequantize_dynamic(%q: tensor<?x?x!quant.uniform<u8:f32:1, {0.1:3, 0.2:4}>>) -> tensor<?x?xf32> {
  // CHECK: %[[X:.*]] = qnn.dequantize %[[Q]] : tensor<?x?x!quant.uniform<u8:f32:1, {1.000000e-01:3,2.000000e-01:4}>> -> tensor<?x?xf32>
  %x = qnn.dequantize %q : tensor<?x?x!quant.uniform<u8:f32:1, {0.1:3, 0.2:4}>> -> tensor<?x?xf32>
  // CHECK: return %[[X]]
  return %x : tensor<?x?xf32>
}

// quantize followed by dequantize: the quantized type flows unchanged.
// CHECK-LABEL: func.func @quantize_dequantize(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<8xf32>)
func.func @quantize_dequantize(%x: tensor<8xf32>) -> tensor<8xf32> {
  // CHECK: %[[Q:.*]] = qnn.quantize %[[X]] : tensor<8xf32> -> tensor<8x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %q = qnn.quantize %x : tensor<8xf32> -> tensor<8x!quant.uniform<i8:f32, 0.05:-3>>
  // CHECK: %[[Y:.*]] = qnn.dequantize %[[Q]] : tensor<8x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<8xf32>
  %y = qnn.dequantize %q : tensor<8x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<8xf32>
  // CHECK: return %[[Y]]
  return %y : tensor<8xf32>
}
