// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s --check-prefix=LOWER

// Round trip of !qnn.codebook and qnn.decode (rule N23): one table for the
// whole tensor, and one table per index of an axis (ternary tables here).

// CHECK-LABEL: func.func @per_tensor(
// CHECK: qnn.container_cast %{{.*}} : tensor<2x3xi8> to tensor<2x3x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>, {-90, -5, 7, 100}>>
// CHECK: qnn.decode %{{.*}} : tensor<2x3x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>, {-90, -5, 7, 100}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-01,2.000000e-01}>>
// The reference lowering: a [1, 4] table, each index masked to 2 bits.
// LOWER-LABEL: func.func @per_tensor(
// LOWER: %[[T:.*]] = arith.constant dense<{{\[}}[-90, -5, 7, 100]]> : tensor<1x4xi8>
// LOWER: linalg.generic
// LOWER: arith.extui
// LOWER: arith.andi
// LOWER: tensor.extract %[[T]]
func.func @per_tensor(%i: tensor<2x3xi8>) -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2}>> {
  %c = qnn.container_cast %i : tensor<2x3xi8> to tensor<2x3x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2}>, {-90, -5, 7, 100}>>
  %w = qnn.decode %c : tensor<2x3x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2}>, {-90, -5, 7, 100}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2}>>
  return %w : tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2}>>
}

// CHECK-LABEL: func.func @per_axis(
// CHECK: qnn.decode %{{.*}} : tensor<3x2x!qnn.codebook<2, !quant.uniform<u8:f32, 5.000000e-01:128>, 1:{{\{}}{100, 128, 150}, {90, 128, 255}}>> -> tensor<3x2x!quant.uniform<u8:f32, 5.000000e-01:128>>
// Tables padded to 2^bits entries with their last one; u8 values as i8 bits.
// LOWER-LABEL: func.func @per_axis(
// LOWER: arith.constant dense<{{\[}}[100, -128, -106, -106], [90, -128, -1, -1]]> : tensor<2x4xi8>
// LOWER: linalg.index 1
func.func @per_axis(%c: tensor<3x2x!qnn.codebook<2, !quant.uniform<u8:f32, 0.5:128>, 1:{{100, 128, 150}, {90, 128, 255}}>>) -> tensor<3x2x!quant.uniform<u8:f32, 0.5:128>> {
  %w = qnn.decode %c : tensor<3x2x!qnn.codebook<2, !quant.uniform<u8:f32, 0.5:128>, 1:{{100, 128, 150}, {90, 128, 255}}>> -> tensor<3x2x!quant.uniform<u8:f32, 0.5:128>>
  return %w : tensor<3x2x!quant.uniform<u8:f32, 0.5:128>>
}
