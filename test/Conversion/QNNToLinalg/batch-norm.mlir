// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N21, in f32 and in this order:
// inv = gamma[c] / sqrt(var[c] + epsilon); y = (x - mean[c]) * inv + beta[c].
// The input is the generic's init (outs), so bufferization can reuse its
// buffer for the result.

// CHECK-DAG: #[[$ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>

// CHECK-LABEL: func.func @batch_norm
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x3xf32>, %[[G:.*]]: tensor<3xf32>, %[[B:.*]]: tensor<3xf32>, %[[M:.*]]: tensor<3xf32>, %[[V:.*]]: tensor<3xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$CHAN]], #[[$CHAN]], #[[$CHAN]], #[[$CHAN]], #[[$ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK-SAME: ins(%[[G]], %[[B]], %[[M]], %[[V]] :
// CHECK-SAME: outs(%[[X]] : tensor<1x4x4x3xf32>)
// CHECK: ^bb0(%[[GV:.*]]: f32, %[[BV:.*]]: f32, %[[MV:.*]]: f32, %[[VV:.*]]: f32, %[[XV:.*]]: f32):
// CHECK-NEXT: %[[EPS:.*]] = arith.constant 1.000000e-03 : f32
// CHECK-NEXT: %[[VE:.*]] = arith.addf %[[VV]], %[[EPS]] : f32
// CHECK-NEXT: %[[SQ:.*]] = math.sqrt %[[VE]] : f32
// CHECK-NEXT: %[[INV:.*]] = arith.divf %[[GV]], %[[SQ]] : f32
// CHECK-NEXT: %[[C:.*]] = arith.subf %[[XV]], %[[MV]] : f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[C]], %[[INV]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.addf %[[P]], %[[BV]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: return %[[Y]] : tensor<1x4x4x3xf32>
func.func @batch_norm(%x: tensor<1x4x4x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>,
                      %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<1x4x4x3xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 1.0e-03 : f32}
      : (tensor<1x4x4x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
      -> tensor<1x4x4x3xf32>
  return %y : tensor<1x4x4x3xf32>
}

// Default epsilon 1e-5; rank 2, channel dim d1.
// CHECK-LABEL: func.func @batch_norm_default_eps
// CHECK: linalg.generic {indexing_maps = [#[[$C2:map[0-9]*]], #[[$C2]], #[[$C2]], #[[$C2]], #{{.*}}]
// CHECK: arith.constant 9.99999974E-6 : f32
// CHECK: math.sqrt
func.func @batch_norm_default_eps(%x: tensor<2x5xf32>, %g: tensor<5xf32>, %b: tensor<5xf32>,
                                  %m: tensor<5xf32>, %v: tensor<5xf32>) -> tensor<2x5xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v
      : (tensor<2x5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>)
      -> tensor<2x5xf32>
  return %y : tensor<2x5xf32>
}
