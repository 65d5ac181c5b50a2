// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s

// Rule N6.2 for fully_connected and depthwise_conv2d: per-channel f32
// multipliers f32(M[o]) replace the (m, left, right) triples.

// M[o] = 0.5 * {0.25, 0.001} / 0.5.
// CHECK-LABEL: func.func @fc_float
// CHECK: %[[ACC:.*]] = linalg.generic
// CHECK-SAME: outs(%{{.*}} : tensor<2x2xi32>)
// CHECK-DAG: %[[MF:.*]] = arith.constant dense<[2.500000e-01, 1.000000e-03]> : tensor<2xf32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<3> : tensor<2xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[ACC]], %[[MF]], %[[ZY]] : tensor<2x2xi32>, tensor<2xf32>, tensor<2xi32>)
// CHECK: arith.sitofp %{{.*}} : i32 to f32
// CHECK: arith.mulf
// CHECK: %[[R:.*]] = math.roundeven
// relu6: [3, 3 + round(6 / 0.5)] = [3, 15]; with the shared zero point z = 3
// the f32 clamp is [3 - 3, 15 - 3] = [0, 12], then fptosi to i32 and + 3.
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[R]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.200000e+01 : f32
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f32
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[C2]] : f32 to i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 3 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[I]], %[[Z]] : i32
// CHECK-NEXT: arith.trunci %[[S]] : i32 to i8
// CHECK-NOT: arith.divsi
// CHECK: return
func.func @fc_float(%x: tensor<2x4x!quant.uniform<i8:f32, 0.5:-1>>,
                    %w: tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.001}>>)
    -> tensor<2x2x!quant.uniform<i8:f32, 0.5:3>> {
  %y = qnn.fully_connected %x, %w {activation = #qnn.activation<relu6>}
      : (tensor<2x4x!quant.uniform<i8:f32, 0.5:-1>>,
         tensor<2x4x!quant.uniform<i8:f32:0, {0.25, 0.001}>>)
      -> tensor<2x2x!quant.uniform<i8:f32, 0.5:3>>
  return %y : tensor<2x2x!quant.uniform<i8:f32, 0.5:3>>
}

// Depthwise with per-axis weights (axis 2) and multiplier 2: the f32
// multipliers repeat per input channel: {0.25, 0.25, 0.5, 0.5}. Zero point
// 0 for every channel: f32 clamp to [-128 - 0, 127 - 0] = [-128, 127].
// CHECK-LABEL: func.func @depthwise_float
// CHECK: tensor.collapse_shape
// CHECK: arith.constant dense<[2.500000e-01, 2.500000e-01, 5.000000e-01, 5.000000e-01]> : tensor<4xf32>
// CHECK: %[[R:.*]] = math.roundeven
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.280000e+02 : f32
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[R]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.270000e+02 : f32
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f32
// CHECK-NEXT: arith.fptosi %[[C2]] : f32 to i32
// CHECK-NOT: arith.divsi
// CHECK: return
func.func @depthwise_float(%x: tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5>>,
                           %w: tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.25, 0.5}>>)
    -> tensor<1x1x1x4x!quant.uniform<i8:f32, 0.5>> {
  %y = qnn.depthwise_conv2d %x, %w
      : (tensor<1x3x3x2x!quant.uniform<i8:f32, 0.5>>,
         tensor<3x3x2x2x!quant.uniform<i8:f32:2, {0.25, 0.5}>>)
      -> tensor<1x1x1x4x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x1x1x4x!quant.uniform<i8:f32, 0.5>>
}
