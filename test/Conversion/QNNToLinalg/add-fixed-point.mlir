// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=fixed-point | FileCheck %s

// Rule N11.1 (TFLite add, L = 20), numerics.md example:
// a: 0.05:-3 (i8), b: 0.1:0 (u8), y: 0.1:5 (i8)
// twice = 0.2; Ma = 0.25 -> (2^30, -1); Mb = 0.5 -> (2^30, 0);
// My = 0.2 / (2^20 * 0.1) = 2^-19 -> (2^30, -18).

// CHECK-LABEL: func.func @add_fixed
// CHECK-SAME: (%[[A:.*]]: tensor<4xi8>, %[[B:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]], %[[B]] : tensor<4xi8>, tensor<4xi8>)
// CHECK: ^bb0(%[[AV:.*]]: i8, %[[BV:.*]]: i8, %{{.*}}: i8):
// Side a: (a - za) << 20, saturated, then MBQM with (2^30, left 0, right 1).
// CHECK: %[[AE:.*]] = arith.extsi %[[AV]] : i8 to i32
// CHECK: %[[ZA:.*]] = arith.constant -3 : i32
// CHECK: %[[AD:.*]] = arith.subi %[[AE]], %[[ZA]] : i32
// CHECK: %[[AD64:.*]] = arith.extsi %[[AD]] : i32 to i64
// CHECK: %[[L20:.*]] = arith.constant 20 : i64
// CHECK: %[[ASH:.*]] = arith.shli %[[AD64]], %[[L20]] : i64
// CHECK: %[[MA:.*]] = arith.constant 1073741824 : i32
// CHECK: %[[LA:.*]] = arith.constant 0 : i32
// CHECK: %[[RA:.*]] = arith.constant 1 : i32
// CHECK: arith.maxsi %[[ASH]], %{{.*}} : i64
// CHECK: arith.extui %[[LA]] : i32 to i64
// CHECK: arith.extsi %[[MA]] : i32 to i64
// CHECK: arith.shrsi %{{.*}}, %{{.*}} : i64
// CHECK: arith.shrsi %{{.*}}, %[[RA]] : i32
// Side b: u8 is zero-extended; (2^30, left 0, right 0).
// CHECK: %[[BE:.*]] = arith.extui %[[BV]] : i8 to i32
// CHECK: %[[ZB:.*]] = arith.constant 0 : i32
// CHECK: arith.subi %[[BE]], %[[ZB]] : i32
// CHECK: arith.constant 20 : i64
// CHECK: arith.shli
// CHECK: %[[MB:.*]] = arith.constant 1073741824 : i32
// CHECK: %[[LB:.*]] = arith.constant 0 : i32
// CHECK: %[[RB:.*]] = arith.constant 0 : i32
// CHECK: arith.extui %[[LB]] : i32 to i64
// CHECK: arith.extsi %[[MB]] : i32 to i64
// CHECK: arith.shrsi %{{.*}}, %[[RB]] : i32
// a1 + b1 saturated to i32, then MBQM with (2^30, left 0, right 18).
// CHECK: %[[SUM:.*]] = arith.addi %{{.*}}, %{{.*}} : i64
// CHECK: arith.maxsi %[[SUM]], %{{.*}} : i64
// CHECK: %[[MY:.*]] = arith.constant 1073741824 : i32
// CHECK: %[[LY:.*]] = arith.constant 0 : i32
// CHECK: %[[RY:.*]] = arith.constant 18 : i32
// CHECK: arith.extui %[[LY]] : i32 to i64
// CHECK: arith.extsi %[[MY]] : i32 to i64
// CHECK: %[[SH:.*]] = arith.shrsi %{{.*}}, %[[RY]] : i32
// CHECK-NEXT: %[[RND:.*]] = arith.extui %{{.*}} : i1 to i32
// CHECK-NEXT: %[[OUT:.*]] = arith.addi %[[SH]], %[[RND]] : i32
// CHECK-NEXT: %[[ZY:.*]] = arith.constant 5 : i64
// CHECK-NEXT: %[[OUT64:.*]] = arith.extsi %[[OUT]] : i32 to i64
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[OUT64]], %[[ZY]] : i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -128 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %[[Y]], %[[LO]] : i64
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i64
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[C2]] : i64 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK-NOT: math.roundeven
// CHECK: return
func.func @add_fixed(%a: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
                     %b: tensor<4x!quant.uniform<u8:f32, 0.1:0>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.1:5>> {
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
                         tensor<4x!quant.uniform<u8:f32, 0.1:0>>)
                     -> tensor<4x!quant.uniform<i8:f32, 0.1:5>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1:5>>
}

// Fused relu on add: [max(qmin, zp), qmax] = [5, 127].
// CHECK-LABEL: func.func @add_relu
// CHECK: %[[ZY:.*]] = arith.constant 5 : i64
// CHECK: %[[Y:.*]] = arith.addi %{{.*}}, %[[ZY]] : i64
// CHECK: %[[LO:.*]] = arith.constant 5 : i64
// CHECK: %[[HI:.*]] = arith.constant 127 : i64
// CHECK: arith.maxsi %[[Y]], %[[LO]] : i64
func.func @add_relu(%a: tensor<2x2x!quant.uniform<i8:f32, 0.05:-3>>,
                    %b: tensor<2x2x!quant.uniform<i8:f32, 0.1:0>>)
    -> tensor<2x2x!quant.uniform<i8:f32, 0.1:5>> {
  %y = qnn.add %a, %b {activation = #qnn.activation<relu>}
      : (tensor<2x2x!quant.uniform<i8:f32, 0.05:-3>>,
         tensor<2x2x!quant.uniform<i8:f32, 0.1:0>>)
      -> tensor<2x2x!quant.uniform<i8:f32, 0.1:5>>
  return %y : tensor<2x2x!quant.uniform<i8:f32, 0.1:5>>
}
