// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s

// Rule N7 in float mode (N6.2): Mf = f32(s_in / s_out) per channel,
// y = clamp(round_half_to_even(f32(q - zp_in) * Mf) + zp_out, qmin, qmax).
// No SRDHM / RDBPOT: no 2^31 division, no shifts.
// With one zero point z for all channels, the rounded f32 value is clamped
// in f32 to [qmin - z, qmax - z] (small integers, exact in f32) and then
// converted to i32; z is added in i32 and the sum truncated to the
// container. This equals rule N6.2 (saturate to i32, add z, clamp): the
// bounds lie inside the i32 range, so the saturation never decides.

// CHECK-LABEL: func.func @requantize_float
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-DAG: %[[MF:.*]] = arith.constant dense<2.500000e-01> : tensor<1xf32>
// CHECK-DAG: %[[ZYC:.*]] = arith.constant dense<1> : tensor<1xi32>
// CHECK-DAG: %[[ZXC:.*]] = arith.constant dense<-3> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %[[MF]], %[[ZYC]], %[[ZXC]] : tensor<4xi8>, tensor<1xf32>, tensor<1xi32>, tensor<1xi32>) outs(%{{.*}} : tensor<4xi8>)
// CHECK: ^bb0(%[[Q:.*]]: i8, %[[M:.*]]: f32, %[[ZY:.*]]: i32, %[[ZX:.*]]: i32, %{{.*}}: i8):
// CHECK-NEXT: %[[QE:.*]] = arith.extsi %[[Q]] : i8 to i32
// CHECK-NEXT: %[[ACC:.*]] = arith.subi %[[QE]], %[[ZX]] : i32
// CHECK-NEXT: %[[F:.*]] = arith.sitofp %[[ACC]] : i32 to f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[F]], %[[M]] : f32
// CHECK-NEXT: %[[R:.*]] = math.roundeven %[[P]] : f32
// z = 1, i8 [-128, 127]: clamp to [-128 - 1, 127 - 1] = [-129, 126] in f32.
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.290000e+02 : f32
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[R]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.260000e+02 : f32
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f32
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[C2]] : f32 to i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[I]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[Y]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK-NOT: : i64
// CHECK-NOT: arith.shrsi {{.*}} : i64
// CHECK-NOT: arith.shrsi
// CHECK-NOT: arith.shli
// CHECK: return
func.func @requantize_float(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}

// Per-axis input: Mf[c] = f32({0.05, 0.5, 0.6} / 0.2) = {0.25, 2.5, 3.0}
// (0.6 / 0.2 is 2.9999999999999996 in f64, 3.0 in f32); u8 output with
// z = 128 for every channel: f32 clamp to [0 - 128, 255 - 128] = [-128, 127],
// then + 128 in i32 and truncation to the i8 container.
// CHECK-LABEL: func.func @requantize_float_per_channel
// CHECK-DAG: %[[MF:.*]] = arith.constant dense<[2.500000e-01, 2.500000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[ZYC:.*]] = arith.constant dense<128> : tensor<3xi32>
// CHECK-DAG: %[[ZXC:.*]] = arith.constant dense<[-3, 0, 7]> : tensor<3xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[MF]], %[[ZYC]], %[[ZXC]] :
// CHECK: %[[R:.*]] = math.roundeven
// CHECK-NEXT: %[[LO:.*]] = arith.constant -1.280000e+02 : f32
// CHECK-NEXT: %[[C1:.*]] = arith.maximumf %[[R]], %[[LO]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 1.270000e+02 : f32
// CHECK-NEXT: %[[C2:.*]] = arith.minimumf %[[C1]], %[[HI]] : f32
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[C2]] : f32 to i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 128 : i32
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[I]], %[[Z]] : i32
// CHECK-NEXT: arith.trunci %[[Y]] : i32 to i8
// CHECK-NOT: arith.shrsi {{.*}} : i64
func.func @requantize_float_per_channel(
    %x: tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>)
    -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>> {
  %y = qnn.requantize %x : tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>
                        -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
}
