// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s --check-prefix=LOWER

// Round trip of qnn.container_cast (rule N1.4): a quantized tensor and its
// storage containers (8 bits up to 8-bit storage, 16 up to 16, 32 up to
// 32), in both directions. The reference lowering forwards the container
// tensor it already holds: nothing is left.

// CHECK-LABEL: func.func @narrow(
// CHECK: %[[C:.*]] = qnn.container_cast %{{.*}} : tensor<2x64x!quant.uniform<u2:f32, 5.000000e-01:1>> to tensor<2x64xi8>
// CHECK: qnn.container_cast %[[C]] : tensor<2x64xi8> to tensor<2x64x!quant.uniform<u2:f32, 5.000000e-01:1>>
// LOWER-LABEL: func.func @narrow(
// LOWER-SAME: %[[X:.*]]: tensor<2x64xi8>) -> tensor<2x64xi8>
// LOWER-NEXT: return %[[X]] : tensor<2x64xi8>
func.func @narrow(%x: tensor<2x64x!quant.uniform<u2:f32, 0.5:1>>) -> tensor<2x64x!quant.uniform<u2:f32, 0.5:1>> {
  %c = qnn.container_cast %x : tensor<2x64x!quant.uniform<u2:f32, 0.5:1>> to tensor<2x64xi8>
  %y = qnn.container_cast %c : tensor<2x64xi8> to tensor<2x64x!quant.uniform<u2:f32, 0.5:1>>
  return %y : tensor<2x64x!quant.uniform<u2:f32, 0.5:1>>
}

// 12-bit storage lives in 16-bit containers, per-axis types too.
// CHECK-LABEL: func.func @wide(
// CHECK: qnn.container_cast %{{.*}} : tensor<3x2x!quant.uniform<i12:f32:1, {1.000000e-01,2.000000e-01}>> to tensor<3x2xi16>
func.func @wide(%x: tensor<3x2x!quant.uniform<i12:f32:1, {0.1, 0.2}>>) -> tensor<3x2xi16> {
  %c = qnn.container_cast %x : tensor<3x2x!quant.uniform<i12:f32:1, {0.1, 0.2}>> to tensor<3x2xi16>
  return %c : tensor<3x2xi16>
}
