// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s

// Rule N11.2: p = f32(a - za) * f32(sa / sy), q = f32(b - zb) * f32(sb / sy),
// y = clamp(round_half_to_even(p + q) + zy). With sa = 0.05, sb = 0.1,
// sy = 0.1: f32(0.5) and f32(1.0); no fixed-point arithmetic.

// CHECK-LABEL: func.func @add_float
// CHECK-SAME: (%[[A:.*]]: tensor<4xi8>, %[[B:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<4xi8>, tensor<4xi8>)
// CHECK: ^bb0(%[[AV:.*]]: i8, %[[BV:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT: %[[AE:.*]] = arith.extsi %[[AV]] : i8 to i32
// CHECK-NEXT: %[[ZA:.*]] = arith.constant -3 : i32
// CHECK-NEXT: %[[AD:.*]] = arith.subi %[[AE]], %[[ZA]] : i32
// CHECK-NEXT: %[[AF:.*]] = arith.sitofp %[[AD]] : i32 to f32
// CHECK-NEXT: %[[MA:.*]] = arith.constant 5.000000e-01 : f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[AF]], %[[MA]] : f32
// CHECK-NEXT: %[[BE:.*]] = arith.extui %[[BV]] : i8 to i32
// CHECK-NEXT: %[[ZB:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[BD:.*]] = arith.subi %[[BE]], %[[ZB]] : i32
// CHECK-NEXT: %[[BF:.*]] = arith.sitofp %[[BD]] : i32 to f32
// CHECK-NEXT: %[[MB:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT: %[[Q:.*]] = arith.mulf %[[BF]], %[[MB]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.addf %[[P]], %[[Q]] : f32
// CHECK-NEXT: %[[R:.*]] = math.roundeven %[[S]] : f32
// CHECK: %[[I:.*]] = arith.fptosi %{{.*}} : f32 to i64
// Saturated to i32 (rule N6.2) before the zero point is added.
// CHECK: %[[I32:.*]] = arith.trunci %{{.*}} : i64 to i32
// CHECK-NEXT: %[[I64:.*]] = arith.extsi %[[I32]] : i32 to i64
// CHECK: %[[Y:.*]] = arith.addi %[[I64]], %{{.*}} : i64
// CHECK: arith.maxsi %[[Y]], %{{.*}} : i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
// CHECK-NOT: arith.shrsi {{.*}} : i64
// CHECK-NOT: arith.shli
// CHECK: return
func.func @add_float(%a: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
                     %b: tensor<4x!quant.uniform<u8:f32, 0.1:0>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.1:5>> {
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
                         tensor<4x!quant.uniform<u8:f32, 0.1:0>>)
                     -> tensor<4x!quant.uniform<i8:f32, 0.1:5>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1:5>>
}

// relu6 in float mode: [zp, zp + round(6 / 0.1)] = [5, 65].
// CHECK-LABEL: func.func @add_float_relu6
// CHECK: %[[ZY:.*]] = arith.constant 5 : i64
// CHECK: arith.addi %{{.*}}, %[[ZY]] : i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant 5 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 65 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i64
// CHECK-NEXT: arith.minsi %[[C1]], %[[HI]] : i64
func.func @add_float_relu6(%a: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
                           %b: tensor<4x!quant.uniform<i8:f32, 0.1:0>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.1:5>> {
  %y = qnn.add %a, %b {activation = #qnn.activation<relu6>}
      : (tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
         tensor<4x!quant.uniform<i8:f32, 0.1:0>>)
      -> tensor<4x!quant.uniform<i8:f32, 0.1:5>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1:5>>
}
