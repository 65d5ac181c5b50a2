// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N2: q = clamp(round_half_to_even(x / f32(s)) + zp, qmin, qmax) with
// NaN -> zp and +-inf saturating; the clamp is in i64 before truncation.

// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$SCALAR:.+]] = affine_map<(d0, d1) -> (0)>
// CHECK-DAG: #[[$AX1:.+]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @quantize_per_tensor
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>) -> tensor<2x3xi8>
// CHECK-DAG: %[[S:.*]] = arith.constant dense<5.000000e-02> : tensor<1xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<-3> : tensor<1xi32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x3xi8>
// CHECK: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$SCALAR]], #[[$SCALAR]], #[[$ID2]]], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME: ins(%[[X]], %[[S]], %[[ZP]] : tensor<2x3xf32>, tensor<1xf32>, tensor<1xi32>) outs(%[[E]] : tensor<2x3xi8>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[SV:.*]]: f32, %[[ZV:.*]]: i32, %{{.*}}: i8):
// CHECK-NEXT: %[[DIV:.*]] = arith.divf %[[V]], %[[SV]] : f32
// CHECK-NEXT: %[[R:.*]] = math.roundeven %[[DIV]] : f32
// CHECK-NEXT: %[[NAN:.*]] = arith.cmpf uno, %[[R]], %[[R]] : f32
// CHECK-NEXT: %[[ZF:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[R0:.*]] = arith.select %[[NAN]], %[[ZF]], %[[R]] : f32
// The +-2^40 bound keeps fptosi defined; the i64 clamp below decides.
// CHECK-NEXT: %[[BIG:.*]] = arith.constant 1.09951163E+12 : f32
// CHECK-NEXT: %[[NBIG:.*]] = arith.constant -1.09951163E+12 : f32
// CHECK-NEXT: %[[R1:.*]] = arith.maximumf %[[R0]], %[[NBIG]] : f32
// CHECK-NEXT: %[[R2:.*]] = arith.minimumf %[[R1]], %[[BIG]] : f32
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[R2]] : f32 to i64
// CHECK-NEXT: %[[Z64:.*]] = arith.extsi %[[ZV]] : i32 to i64
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[I]], %[[Z64]] : i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -128 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %[[SUM]], %[[LO]] : i64
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i64
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[C2]] : i64 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK: return %[[Q]] : tensor<2x3xi8>
func.func @quantize_per_tensor(%x: tensor<2x3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>> {
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
  return %q : tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
}

// Per-axis (axis 1): f32 scales and zero points indexed by d1; u8 range.
// CHECK-LABEL: func.func @quantize_per_axis
// CHECK-DAG: %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.500000e-01, 2.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<[1, 2, 3]> : tensor<3xi32>
// CHECK: linalg.generic {indexing_maps = [#[[$ID2]], #[[$AX1]], #[[$AX1]], #[[$ID2]]]
// CHECK-SAME: ins(%{{.*}}, %[[S]], %[[ZP]] :
// CHECK: arith.constant 0 : i64
// CHECK-NEXT: arith.constant 255 : i64
func.func @quantize_per_axis(%x: tensor<2x3xf32>)
    -> tensor<2x3x!quant.uniform<u8:f32:1, {0.5:1, 0.25:2, 2.0:3}>> {
  %q = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<u8:f32:1, {0.5:1, 0.25:2, 2.0:3}>>
  return %q : tensor<2x3x!quant.uniform<u8:f32:1, {0.5:1, 0.25:2, 2.0:3}>>
}

// Storage widths map to containers (rule N1.4): i4 -> i8 with range
// [-8, 7], i16 -> i16, i32 -> i32.
// CHECK-LABEL: func.func @quantize_i4
// CHECK-SAME: -> tensor<4xi8>
// CHECK: arith.constant -8 : i64
// CHECK-NEXT: arith.constant 7 : i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @quantize_i4(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i4:f32, 0.5>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i4:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i4:f32, 0.5>>
}

// CHECK-LABEL: func.func @quantize_i16
// CHECK-SAME: -> tensor<4xi16>
// CHECK: arith.constant -32768 : i64
// CHECK-NEXT: arith.constant 32767 : i64
// CHECK: arith.trunci %{{.*}} : i64 to i16
func.func @quantize_i16(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i16:f32, 0.5>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i16:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i16:f32, 0.5>>
}

// CHECK-LABEL: func.func @quantize_i32
// CHECK-SAME: -> tensor<4xi32>
// CHECK: arith.constant -2147483648 : i64
// CHECK-NEXT: arith.constant 2147483647 : i64
// CHECK: arith.trunci %{{.*}} : i64 to i32
func.func @quantize_i32(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i32:f32, 0.5>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i32:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i32:f32, 0.5>>
}
