// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s --check-prefix=FLOAT

// Rule N6.3: the fused activation only changes the final clamp bounds
// [lo, hi] of the requantization. With the single output zero point z (here
// within +-2^24) the clamp is done in i32 before z is added: the value is
// clamped to [lo - z, hi - z], z is added in i32 and the sum truncated
// i32 -> container. In float mode the same bounds clamp the rounded f32 value
// (arith.maximumf / arith.minimumf) before arith.fptosi f32 -> i32.

!x = tensor<1x3x3x1x!quant.uniform<i8:f32, 0.5:0>>
!w = tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>

// none: [qmin, qmax] = [-128, 127]; z = -3: [-128 + 3, 127 + 3] = [-125, 130].
// CHECK-LABEL: func.func @act_none
// CHECK: %[[LO:.*]] = arith.constant -125 : i32
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 130 : i32
// CHECK-NEXT: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant -3 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[B]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// FLOAT-LABEL: func.func @act_none
// FLOAT: %[[LO:.*]] = arith.constant -1.250000e+02 : f32
// FLOAT-NEXT: %[[A:.*]] = arith.maximumf %{{.*}}, %[[LO]] : f32
// FLOAT-NEXT: %[[HI:.*]] = arith.constant 1.300000e+02 : f32
// FLOAT-NEXT: %[[B:.*]] = arith.minimumf %[[A]], %[[HI]] : f32
// FLOAT-NEXT: %[[I:.*]] = arith.fptosi %[[B]] : f32 to i32
// FLOAT-NEXT: %[[Z:.*]] = arith.constant -3 : i32
// FLOAT-NEXT: %[[S:.*]] = arith.addi %[[I]], %[[Z]] : i32
// FLOAT-NEXT: %[[T:.*]] = arith.trunci %[[S]] : i32 to i8
// FLOAT-NEXT: linalg.yield %[[T]] : i8
func.func @act_none(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<none>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
}

// relu: [max(qmin, zp), qmax] = [-3, 127]; z = -3: [-3 + 3, 127 + 3] = [0, 130].
// CHECK-LABEL: func.func @act_relu
// RDBPOT's result feeds the clamp (arith.constant 0 : i32 also appears
// earlier: the accumulator fill and the input zero point).
// CHECK: arith.cmpi sgt
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK-NEXT: %[[RES:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %[[RES]], %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 130 : i32
// CHECK-NEXT: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant -3 : i32
// CHECK-NEXT: arith.addi %[[B]], %[[Z]] : i32
// FLOAT-LABEL: func.func @act_relu
// FLOAT: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// FLOAT-NEXT: %[[A:.*]] = arith.maximumf %{{.*}}, %[[LO]] : f32
// FLOAT-NEXT: %[[HI:.*]] = arith.constant 1.300000e+02 : f32
// FLOAT-NEXT: arith.minimumf %[[A]], %[[HI]] : f32
func.func @act_relu(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
}

// relu6: hi = min(qmax, zp + round_half_away(6 / 0.05)) = -3 + 120 = 117;
// [lo, hi] = [-3, 117], z = -3: [-3 + 3, 117 + 3] = [0, 120].
// CHECK-LABEL: func.func @act_relu6
// CHECK: arith.cmpi sgt
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK-NEXT: %[[RES:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %[[RES]], %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 120 : i32
// CHECK-NEXT: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant -3 : i32
// CHECK-NEXT: arith.addi %[[B]], %[[Z]] : i32
// FLOAT-LABEL: func.func @act_relu6
// FLOAT: %[[LO:.*]] = arith.constant 0.000000e+00 : f32
// FLOAT-NEXT: %[[A:.*]] = arith.maximumf %{{.*}}, %[[LO]] : f32
// FLOAT-NEXT: %[[HI:.*]] = arith.constant 1.200000e+02 : f32
// FLOAT-NEXT: arith.minimumf %[[A]], %[[HI]] : f32
func.func @act_relu6(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05:-3>>
}

// relu6 with a tie: 6 / 12 = 0.5 rounds half away from zero to 1, so
// hi = -3 + 1 = -2 (half-to-even would give -3); [-3, -2] shifted by
// z = -3: [0, 1].
// CHECK-LABEL: func.func @act_relu6_tie
// CHECK: arith.cmpi sgt
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK-NEXT: %[[RES:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %[[RES]], %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1 : i32
// CHECK-NEXT: arith.minsi %[[A]], %[[HI]] : i32
// FLOAT-LABEL: func.func @act_relu6_tie
// FLOAT: arith.constant 0.000000e+00 : f32
// FLOAT: arith.constant 1.000000e+00 : f32
func.func @act_relu6_tie(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 12.0:-3>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i8:f32, 12.0:-3>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 12.0:-3>>
}

// relu6 whose bound exceeds the storage range: 10 + 600 -> qmax = 255 (u8);
// [lo, hi] = [10, 255], z = 10: [10 - 10, 255 - 10] = [0, 245].
// CHECK-LABEL: func.func @act_relu6_saturated
// CHECK: arith.cmpi sgt
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK-NEXT: %[[RES:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %[[RES]], %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 245 : i32
// CHECK-NEXT: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 10 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[B]], %[[Z]] : i32
// CHECK-NEXT: arith.trunci %[[S]] : i32 to i8
// FLOAT-LABEL: func.func @act_relu6_saturated
// FLOAT: arith.constant 0.000000e+00 : f32
// FLOAT: arith.constant 2.450000e+02 : f32
// FLOAT: arith.fptosi %{{.*}} : f32 to i32
// FLOAT: arith.constant 10 : i32
// FLOAT: arith.trunci %{{.*}} : i32 to i8
func.func @act_relu6_saturated(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.01:10>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu6>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<u8:f32, 0.01:10>>
  return %y : tensor<1x1x1x1x!quant.uniform<u8:f32, 0.01:10>>
}

// 16-bit output: relu keeps qmax = 32767 and the container is i16;
// [lo, hi] = [100, 32767], z = 100: [100 - 100, 32767 - 100] = [0, 32667].
// CHECK-LABEL: func.func @act_relu_i16
// CHECK-SAME: -> tensor<1x1x1x1xi16>
// CHECK: arith.cmpi sgt
// CHECK: arith.extui %{{.*}} : i1 to i32
// CHECK-NEXT: %[[RES:.*]] = arith.addi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT: %[[LO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[A:.*]] = arith.maxsi %[[RES]], %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 32667 : i32
// CHECK-NEXT: %[[B:.*]] = arith.minsi %[[A]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 100 : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[B]], %[[Z]] : i32
// CHECK-NEXT: arith.trunci %[[S]] : i32 to i16
// FLOAT-LABEL: func.func @act_relu_i16
// FLOAT-SAME: -> tensor<1x1x1x1xi16>
// FLOAT: arith.constant 0.000000e+00 : f32
// FLOAT: arith.constant 3.266700e+04 : f32
// FLOAT: arith.constant 100 : i32
// FLOAT: arith.trunci %{{.*}} : i32 to i16
func.func @act_relu_i16(%x: !x, %w: !w) -> tensor<1x1x1x1x!quant.uniform<i16:f32, 0.01:100>> {
  %y = qnn.conv2d %x, %w {activation = #qnn.activation<relu>} : (!x, !w) -> tensor<1x1x1x1x!quant.uniform<i16:f32, 0.01:100>>
  return %y : tensor<1x1x1x1x!quant.uniform<i16:f32, 0.01:100>>
}
