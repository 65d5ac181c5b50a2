// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N14: y = min(max(q, min), max) in the storage domain; the container
// value is extended with the storage's signedness before comparing.

// CHECK-LABEL: func.func @clamp_i8
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]] : tensor<4xi8>)
// CHECK: ^bb0(%[[V:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: %[[E:.*]] = arith.extsi %[[V]] : i8 to i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -5 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 100 : i64
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %[[E]], %[[LO]] : i64
// CHECK-NEXT: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i64
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[B]] : i64 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
func.func @clamp_i8(%x: tensor<4x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.clamp %x {min = -5 : i64, max = 100 : i64}
      : tensor<4x!quant.uniform<i8:f32, 0.1>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1>>
}

// u8: zero extension, bounds above 127 stay unsigned (200).
// CHECK-LABEL: func.func @clamp_u8
// CHECK: ^bb0(%[[V:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: %[[E:.*]] = arith.extui %[[V]] : i8 to i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant 10 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 200 : i64
// CHECK-NEXT: arith.maxsi %[[E]], %[[LO]] : i64
func.func @clamp_u8(%x: tensor<2x2x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<2x2x!quant.uniform<u8:f32, 0.1:128>> {
  %y = qnn.clamp %x {min = 10 : i64, max = 200 : i64}
      : tensor<2x2x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x2x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<2x2x!quant.uniform<u8:f32, 0.1:128>>
}

// i16 storage in an i16 container.
// CHECK-LABEL: func.func @clamp_i16
// CHECK-SAME: (%{{.*}}: tensor<3xi16>) -> tensor<3xi16>
// CHECK: arith.extsi %{{.*}} : i16 to i64
// CHECK: arith.constant -1000 : i64
// CHECK: arith.constant 30000 : i64
// CHECK: arith.trunci %{{.*}} : i64 to i16
func.func @clamp_i16(%x: tensor<3x!quant.uniform<i16:f32, 0.1>>)
    -> tensor<3x!quant.uniform<i16:f32, 0.1>> {
  %y = qnn.clamp %x {min = -1000 : i64, max = 30000 : i64}
      : tensor<3x!quant.uniform<i16:f32, 0.1>> -> tensor<3x!quant.uniform<i16:f32, 0.1>>
  return %y : tensor<3x!quant.uniform<i16:f32, 0.1>>
}
