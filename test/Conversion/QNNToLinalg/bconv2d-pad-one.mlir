// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N19.1 with pad_value = 1: padded input elements are +1, which is
// exactly a zero word, so an out-of-bounds tap contributes
// C - 2 * popcount(0 XOR w) = C - 2 * popcount(w) through the ordinary
// formula: padding with zero words and no mask.

// CHECK-LABEL: func.func @bconv_pad_one
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x2x2xi64>, %[[W:.*]]: tensor<3x1x3x2xi64>)
// CHECK: %[[Z:.*]] = arith.constant 0 : i64
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: tensor.yield %[[Z]] : i64
// CHECK-NOT: xi8>
// CHECK: %[[DOT:.*]] = linalg.generic
// CHECK-SAME: ins(%[[P]], %[[W]], %{{.*}} : tensor<1x2x4x2xi64>, tensor<3x1x3x2xi64>, tensor<2xi32>) outs(%{{.*}} : tensor<1x2x2x3xi32>)
// CHECK: ^bb0(%[[XV:.*]]: i64, %[[WV:.*]]: i64, %[[NBV:.*]]: i32, %[[ACC:.*]]: i32):
// CHECK-NEXT: %[[XOR:.*]] = arith.xori %[[XV]], %[[WV]] : i64
// CHECK-NEXT: %[[PC:.*]] = math.ctpop %[[XOR]] : i64
// CHECK-NEXT: %[[PC32:.*]] = arith.trunci %[[PC]] : i64 to i32
// CHECK-NEXT: %[[TWO:.*]] = arith.constant 2 : i32
// CHECK-NEXT: %[[TPC:.*]] = arith.muli %[[TWO]], %[[PC32]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.subi %[[NBV]], %[[TPC]] : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[ACC]], %[[T]] : i32
// CHECK-NEXT: linalg.yield %[[S]] : i32
// CHECK-NOT: arith.select
// Without a bias the epilogue adds a zero bias constant.
// CHECK-DAG: %[[ZB:.*]] = arith.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-DAG: %[[AL:.*]] = arith.constant dense<1.250000e-01> : tensor<3xf32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[DOT]], %[[AL]], %[[ZB]] :
func.func @bconv_pad_one(%x: tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
                         %w: tensor<3x1x3x70x!qnn.binary<f32, 0.25>>) -> tensor<1x2x2x3xf32> {
  %y = qnn.bconv2d %x, %w {pad = array<i64: 0, 0, 1, 1>, pad_value = 1 : i64}
      : (tensor<1x2x2x70x!qnn.binary<f32, 0.5>>, tensor<3x1x3x70x!qnn.binary<f32, 0.25>>)
      -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}

// Dilation 2 with pad_value = 1: map reads oh + kh * 2.
// CHECK-LABEL: func.func @bconv_pad_one_dilated
// CHECK: tensor.pad %{{.*}} low[0, 2, 2, 0] high[0, 2, 2, 0]
// CHECK: } : tensor<1x3x3x1xi64> to tensor<1x7x7x1xi64>
// CHECK: arith.constant dense<5> : tensor<1xi32>
// CHECK-NOT: arith.select
// CHECK: return %{{.*}} : tensor<1x3x3x2xf32>
func.func @bconv_pad_one_dilated(%x: tensor<1x3x3x5x!qnn.binary<f32, 1.0>>,
                                 %w: tensor<2x3x3x5x!qnn.binary<f32, 1.0>>) -> tensor<1x3x3x2xf32> {
  %y = qnn.bconv2d %x, %w {pad = array<i64: 2, 2, 2, 2>, dilation = array<i64: 2, 2>, pad_value = 1 : i64}
      : (tensor<1x3x3x5x!qnn.binary<f32, 1.0>>, tensor<2x3x3x5x!qnn.binary<f32, 1.0>>)
      -> tensor<1x3x3x2xf32>
  return %y : tensor<1x3x3x2xf32>
}
