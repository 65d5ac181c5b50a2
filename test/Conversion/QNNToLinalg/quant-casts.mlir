// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Upstream quant casts on tensors: quant.qcast lowers like qnn.quantize
// (rule N2), quant.dcast like qnn.dequantize (rule N3), and quant.scast is
// a no-op or an extension/truncation between storage and container.

// CHECK-LABEL: func.func @qcast
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>) -> tensor<4xi8>
// CHECK-DAG: %[[S:.*]] = arith.constant dense<5.000000e-01> : tensor<1xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<1> : tensor<1xi32>
// CHECK: %[[Q:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[S]], %[[ZP]] : tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) outs(%{{.*}} : tensor<4xi8>)
// CHECK: arith.divf
// CHECK: math.roundeven
// CHECK: arith.cmpf uno
// CHECK: return %[[Q]] : tensor<4xi8>
func.func @qcast(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:1>> {
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.5:1>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5:1>>
}

// CHECK-LABEL: func.func @dcast
// CHECK-SAME: (%[[Q:.*]]: tensor<4xi8>) -> tensor<4xf32>
// CHECK: %[[X:.*]] = linalg.generic
// CHECK-SAME: ins(%[[Q]],
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: arith.sitofp
// CHECK: arith.mulf
// CHECK: return %[[X]] : tensor<4xf32>
func.func @dcast(%q: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4xf32> {
  %x = quant.dcast %q : tensor<4x!quant.uniform<u8:f32, 0.5:128>> to tensor<4xf32>
  return %x : tensor<4xf32>
}

// Constant weights: an i8 constant cast to an i8-stored quantized type is
// the constant itself.
// CHECK-LABEL: func.func @scast_constant
// CHECK-SAME: () -> tensor<2xi8>
// CHECK-NEXT: %[[C:.*]] = arith.constant dense<[1, -2]> : tensor<2xi8>
// CHECK-NEXT: return %[[C]] : tensor<2xi8>
func.func @scast_constant() -> tensor<2x!quant.uniform<i8:f32, 0.5>> {
  %c = arith.constant dense<[1, -2]> : tensor<2xi8>
  %w = quant.scast %c : tensor<2xi8> to tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %w : tensor<2x!quant.uniform<i8:f32, 0.5>>
}

// i4 storage lives in an i8 container: sign extension into it ...
// CHECK-LABEL: func.func @scast_i4_to_container
// CHECK-SAME: (%[[X:.*]]: tensor<2xi4>) -> tensor<2xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<2xi4>) outs(%{{.*}} : tensor<2xi8>)
// CHECK: arith.extsi %{{.*}} : i4 to i8
func.func @scast_i4_to_container(%c: tensor<2xi4>) -> tensor<2x!quant.uniform<i4:f32, 0.5>> {
  %w = quant.scast %c : tensor<2xi4> to tensor<2x!quant.uniform<i4:f32, 0.5>>
  return %w : tensor<2x!quant.uniform<i4:f32, 0.5>>
}

// ... zero extension for u4 ...
// CHECK-LABEL: func.func @scast_u4_to_container
// CHECK: arith.extui %{{.*}} : i4 to i8
func.func @scast_u4_to_container(%c: tensor<2xi4>) -> tensor<2x!quant.uniform<u4:f32, 0.5>> {
  %w = quant.scast %c : tensor<2xi4> to tensor<2x!quant.uniform<u4:f32, 0.5>>
  return %w : tensor<2x!quant.uniform<u4:f32, 0.5>>
}

// ... and truncation back to the storage width.
// CHECK-LABEL: func.func @scast_container_to_i4
// CHECK-SAME: (%[[X:.*]]: tensor<2xi8>) -> tensor<2xi4>
// CHECK: arith.trunci %{{.*}} : i8 to i4
func.func @scast_container_to_i4(%q: tensor<2x!quant.uniform<u4:f32, 0.5>>) -> tensor<2xi4> {
  %w = quant.scast %q : tensor<2x!quant.uniform<u4:f32, 0.5>> to tensor<2xi4>
  return %w : tensor<2xi4>
}
