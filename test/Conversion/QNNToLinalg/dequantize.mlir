// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N3: x = f32(q - zp) * f32(s); q - zp in i32 after extending the
// container with the storage's signedness.

// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR:.+]] = affine_map<(d0, d1) -> (0)>
// CHECK-DAG: #[[$AX0:.+]] = affine_map<(d0, d1) -> (d0)>

// CHECK-LABEL: func.func @dequantize_i8
// CHECK-SAME: (%[[Q:.*]]: tensor<2x3xi8>) -> tensor<2x3xf32>
// CHECK-DAG: %[[S:.*]] = arith.constant dense<5.000000e-02> : tensor<1xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<-3> : tensor<1xi32>
// CHECK: %[[X:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$SCALAR]], #[[$SCALAR]], #[[$ID2]]]
// CHECK-SAME: ins(%[[Q]], %[[S]], %[[ZP]] : tensor<2x3xi8>, tensor<1xf32>, tensor<1xi32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: ^bb0(%[[V:.*]]: i8, %[[SV:.*]]: f32, %[[ZV:.*]]: i32, %{{.*}}: f32):
// CHECK-NEXT: %[[E:.*]] = arith.extsi %[[V]] : i8 to i32
// CHECK-NEXT: %[[D:.*]] = arith.subi %[[E]], %[[ZV]] : i32
// CHECK-NEXT: %[[F:.*]] = arith.sitofp %[[D]] : i32 to f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[F]], %[[SV]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: return %[[X]] : tensor<2x3xf32>
func.func @dequantize_i8(%q: tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<2x3xf32> {
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// u8 per axis 0: zero extension, scales and zero points indexed by d0.
// CHECK-LABEL: func.func @dequantize_u8_per_axis
// CHECK-DAG: %[[S:.*]] = arith.constant dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<[128, 0]> : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$AX0]], #[[$AX0]], #[[$ID2]]]
// CHECK-SAME: ins(%{{.*}}, %[[S]], %[[ZP]] :
// CHECK: arith.extui %{{.*}} : i8 to i32
func.func @dequantize_u8_per_axis(%q: tensor<2x3x!quant.uniform<u8:f32:0, {0.1:128, 0.2}>>)
    -> tensor<2x3xf32> {
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<u8:f32:0, {0.1:128, 0.2}>> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}

// i16 and i32 containers. For 32-bit storage q - zp can leave the i32
// range, so it is formed in i64 (rule N3).
// CHECK-LABEL: func.func @dequantize_i16
// CHECK-SAME: tensor<4xi16>
// CHECK: arith.extsi %{{.*}} : i16 to i32
func.func @dequantize_i16(%q: tensor<4x!quant.uniform<i16:f32, 0.5:-7>>) -> tensor<4xf32> {
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<i16:f32, 0.5:-7>> -> tensor<4xf32>
  return %x : tensor<4xf32>
}

// CHECK-LABEL: func.func @dequantize_i32
// CHECK-SAME: tensor<4xi32>
// CHECK: ^bb0(%[[V:.*]]: i32, %{{.*}}: f32, %[[ZV:.*]]: i32, %{{.*}}: f32):
// CHECK-NEXT: %[[V64:.*]] = arith.extsi %[[V]] : i32 to i64
// CHECK-NEXT: %[[Z64:.*]] = arith.extsi %[[ZV]] : i32 to i64
// CHECK-NEXT: %[[D:.*]] = arith.subi %[[V64]], %[[Z64]] : i64
// CHECK-NEXT: arith.sitofp %[[D]] : i64 to f32
func.func @dequantize_i32(%q: tensor<4x!quant.uniform<i32:f32, 0.5>>) -> tensor<4xf32> {
  %x = qnn.dequantize %q : tensor<4x!quant.uniform<i32:f32, 0.5>> -> tensor<4xf32>
  return %x : tensor<4xf32>
}
