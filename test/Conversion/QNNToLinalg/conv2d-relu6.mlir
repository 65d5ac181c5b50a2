// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s --check-prefix=FLOAT

// Rule N6.3: the fused activation only changes the final clamp bounds
// [lo, hi] of the requantization, in i64, before truncating to the container.

!x = tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:0>>
!w = tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>

// none: [qmin, qmax] = [-128, 127].
// CHECK-LABEL: func.func @act_none
// CHECK: %[[LO:.*]] = arith.constant -128 : i64
// CHECK: %[[HI:.*]] = arith.constant 127 : i64
// CHECK: %[[A:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i64
// CHECK: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i64
// CHECK: %[[T:.*]] = arith.trunci %[[B]] : i64 to i8
// CHECK: linalg.yield %[[T]] : i8
func.func @act_none(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<none>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
}

// relu: [max(qmin, zp), qmax] = [-3, 127].
// CHECK-LABEL: func.func @act_relu
// CHECK: %[[LO:.*]] = arith.constant -3 : i64
// CHECK: %[[HI:.*]] = arith.constant 127 : i64
// CHECK: %[[A:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i64
// CHECK: arith.minsi %[[A]], %[[HI]] : i64
// FLOAT-LABEL: func.func @act_relu
// FLOAT: arith.constant -3 : i64
// FLOAT: arith.constant 127 : i64
func.func @act_relu(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
}

// relu6: hi = min(qmax, zp + round_half_away(6 / 0.05)) = -3 + 120 = 117.
// CHECK-LABEL: func.func @act_relu6
// CHECK: %[[LO:.*]] = arith.constant -3 : i64
// CHECK: %[[HI:.*]] = arith.constant 117 : i64
// CHECK: %[[A:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i64
// CHECK: arith.minsi %[[A]], %[[HI]] : i64
// FLOAT-LABEL: func.func @act_relu6
// FLOAT: arith.constant -3 : i64
// FLOAT: arith.constant 117 : i64
func.func @act_relu6(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
}

// relu6 with a tie: 6 / 12 = 0.5 rounds half away from zero to 1, so
// hi = -3 + 1 = -2 (half-to-even would give -3).
// CHECK-LABEL: func.func @act_relu6_tie
// CHECK: arith.constant -3 : i64
// CHECK: arith.constant -2 : i64
func.func @act_relu6_tie(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 12.0:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 12.0:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 12.0:-3>>
}

// relu6 whose bound exceeds the storage range: 10 + 600 -> qmax = 255 (u8).
// CHECK-LABEL: func.func @act_relu6_saturated
// CHECK: arith.constant 10 : i64
// CHECK: arith.constant 255 : i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
func.func @act_relu6_saturated(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.01:10>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.01:10>>
  return %y : tensor<1x1x1x1x!quant.uniform<u8:f32, 0.01:10>>
}

// 16-bit output: relu keeps qmax = 32767 and the container is i16.
// CHECK-LABEL: func.func @act_relu_i16
// CHECK-SAME: -> tensor<1x1x1x1xi16>
// CHECK: arith.constant 100 : i64
// CHECK: arith.constant 32767 : i64
// CHECK: arith.trunci %{{.*}} : i64 to i16
func.func @act_relu_i16(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i16:f32, 0.01:100>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i16:f32, 0.01:100>>
  return %y : tensor<1x1x1x1x!quant.uniform<i16:f32, 0.01:100>>
}
