// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s

// Rule N7 in float mode (N6.2): Mf = f32(s_in / s_out) per channel,
// y = clamp(round_half_to_even(f32(q - zp_in) * Mf) + zp_out, qmin, qmax).
// No SRDHM / RDBPOT: no 2^31 division, no shifts.

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
// CHECK-NEXT: %[[BIG:.*]] = arith.constant 1.09951163E+12 : f32
// CHECK-NEXT: %[[NBIG:.*]] = arith.constant -1.09951163E+12 : f32
// CHECK-NEXT: %[[R1:.*]] = arith.maximumf %[[R]], %[[NBIG]] : f32
// CHECK-NEXT: %[[R2:.*]] = arith.minimumf %[[R1]], %[[BIG]] : f32
// CHECK-NEXT: %[[I:.*]] = arith.fptosi %[[R2]] : f32 to i64
// Rule N6.2: saturate to i32 before adding the zero point.
// CHECK-NEXT: %[[IMIN:.*]] = arith.constant -2147483648 : i64
// CHECK-NEXT: %[[IMAX:.*]] = arith.constant 2147483647 : i64
// CHECK-NEXT: %[[S1:.*]] = arith.maxsi %[[I]], %[[IMIN]] : i64
// CHECK-NEXT: %[[S2:.*]] = arith.minsi %[[S1]], %[[IMAX]] : i64
// CHECK-NEXT: %[[S32:.*]] = arith.trunci %[[S2]] : i64 to i32
// CHECK-NEXT: %[[S64:.*]] = arith.extsi %[[S32]] : i32 to i64
// CHECK-NEXT: %[[ZY64:.*]] = arith.extsi %[[ZY]] : i32 to i64
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[S64]], %[[ZY64]] : i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -128 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %[[Y]], %[[LO]] : i64
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i64
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[C2]] : i64 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK-NOT: arith.divsi
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
// (0.6 / 0.2 is 2.9999999999999996 in f64, 3.0 in f32); u8 output.
// CHECK-LABEL: func.func @requantize_float_per_channel
// CHECK-DAG: %[[MF:.*]] = arith.constant dense<[2.500000e-01, 2.500000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[ZYC:.*]] = arith.constant dense<128> : tensor<3xi32>
// CHECK-DAG: %[[ZXC:.*]] = arith.constant dense<[-3, 0, 7]> : tensor<3xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[MF]], %[[ZYC]], %[[ZXC]] :
// CHECK: math.roundeven
// CHECK: %[[HI:.*]] = arith.constant 255 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %{{c0_i64.*}} : i64
// CHECK-NEXT: arith.minsi %[[C1]], %[[HI]] : i64
// CHECK-NOT: arith.divsi
func.func @requantize_float_per_channel(
    %x: tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>)
    -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>> {
  %y = qnn.requantize %x : tensor<2x3x!quant.uniform<i8:f32:1, {0.05:-3, 0.5:0, 0.6:7}>>
                        -> tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
  return %y : tensor<2x3x!quant.uniform<u8:f32, 0.2:128>>
}
