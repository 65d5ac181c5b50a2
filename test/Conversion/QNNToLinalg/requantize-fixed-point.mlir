// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N7 in fixed-point mode (N6.1): acc = q - zp_in;
// y = clamp(RDBPOT(SRDHM(sat(acc << left), m), right) + zp_out).
// M = 0.05 / 0.2 = 0.25 = 0.5 * 2^-1 -> (m, e) = (2^30, -1) (rule N4 table):
// multiplier 1073741824, left shift 0, right shift 1.
// With left shift 0 for every channel, sat(acc << 0) = acc: the saturating
// i64 pre-shift is left out and SRDHM takes acc directly; the multiplier
// (>= 2^30 by rule N4) is never INT32_MIN, so SRDHM's INT32_MIN * INT32_MIN
// saturation select is left out too. The single output zero point z = 1 is
// added after clamping in i32 to [qmin - z, qmax - z] = [-128 - 1, 127 - 1]
// = [-129, 126], the same value as clamp(y + z, -128, 127) in i64.

// CHECK-LABEL: func.func @requantize_quarter
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-DAG: %[[MC:.*]] = arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: %[[LC:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK-DAG: %[[RC:.*]] = arith.constant dense<1> : tensor<1xi32>
// CHECK-DAG: %[[ZYC:.*]] = arith.constant dense<1> : tensor<1xi32>
// CHECK-DAG: %[[ZXC:.*]] = arith.constant dense<-3> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %[[MC]], %[[LC]], %[[RC]], %[[ZYC]], %[[ZXC]] : tensor<4xi8>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi32>) outs(%{{.*}} : tensor<4xi8>)
// CHECK: ^bb0(%[[Q:.*]]: i8, %[[M:.*]]: i32, %[[L:.*]]: i32, %[[R:.*]]: i32, %[[ZY:.*]]: i32, %[[ZX:.*]]: i32, %{{.*}}: i8):
// acc = q - zp_in
// CHECK-NEXT: %[[QE:.*]] = arith.extsi %[[Q]] : i8 to i32
// CHECK-NEXT: %[[ACC:.*]] = arith.subi %[[QE]], %[[ZX]] : i32
// SRDHM(acc, m) (rule N5.1): ab = acc * m in i64; gemmlowp's nudge and
// truncating division by 2^31 equal floor((ab + 2^30) / 2^31), an add and
// an arithmetic shift; no INT32_MIN saturation (m != INT32_MIN).
// CHECK-NEXT: %[[A64:.*]] = arith.extsi %[[ACC]] : i32 to i64
// CHECK-NEXT: %[[B64:.*]] = arith.extsi %[[M]] : i32 to i64
// CHECK-NEXT: %[[AB:.*]] = arith.muli %[[A64]], %[[B64]] : i64
// CHECK-NEXT: %[[NUDGE:.*]] = arith.constant 1073741824 : i64
// CHECK-NEXT: %[[SUM:.*]] = arith.addi %[[AB]], %[[NUDGE]] : i64
// CHECK-NEXT: %[[C31:.*]] = arith.constant 31 : i64
// CHECK-NEXT: %[[DIV:.*]] = arith.shrsi %[[SUM]], %[[C31]] : i64
// CHECK-NEXT: %[[X2:.*]] = arith.trunci %[[DIV]] : i64 to i32
// RDBPOT(x2, right) (rule N5.2): mask = 2^e - 1, rem = x & mask,
// thr = (mask >> 1) + (x < 0), result = (x >> e) + (rem > thr).
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[P2:.*]] = arith.shli %[[ONE]], %[[R]] : i32
// CHECK-NEXT: %[[MASK:.*]] = arith.subi %[[P2]], %[[ONE]] : i32
// CHECK-NEXT: %[[REM:.*]] = arith.andi %[[X2]], %[[MASK]] : i32
// CHECK-NEXT: %[[NEG:.*]] = arith.cmpi slt, %[[X2]], %[[ZERO]] : i32
// CHECK-NEXT: %[[HALF:.*]] = arith.shrsi %[[MASK]], %[[ONE]] : i32
// CHECK-NEXT: %[[NEGI:.*]] = arith.extui %[[NEG]] : i1 to i32
// CHECK-NEXT: %[[THR:.*]] = arith.addi %[[HALF]], %[[NEGI]] : i32
// CHECK-NEXT: %[[UP:.*]] = arith.cmpi sgt, %[[REM]], %[[THR]] : i32
// CHECK-NEXT: %[[SHR:.*]] = arith.shrsi %[[X2]], %[[R]] : i32
// CHECK-NEXT: %[[UPI:.*]] = arith.extui %[[UP]] : i1 to i32
// CHECK-NEXT: %[[RES:.*]] = arith.addi %[[SHR]], %[[UPI]] : i32
// Clamp to [-129, 126] in i32, + zp_out (rule N6.4), truncate i32 -> i8.
// CHECK-NEXT: %[[LO:.*]] = arith.constant -129 : i32
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %[[RES]], %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 126 : i32
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[C2]], %[[Z]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[Y]] : i32 to i8
// CHECK-NEXT: linalg.yield %[[T]] : i8
// CHECK-NOT: math.roundeven
// CHECK: return
func.func @requantize_quarter(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}

// numerics.md N7 example: i8 0.05:-3 -> u8 0.1:128, M = 0.5 -> (2^30, 0):
// no shift at all; u8 output range [0, 255], stored in an i8 container. With
// z = 128 the i32 clamp is [0 - 128, 255 - 128] = [-128, 127], then + 128
// and truncation: values 0..255 land in i8 as their u8 bit patterns.
// CHECK-LABEL: func.func @requantize_half_to_u8
// CHECK-DAG: arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: arith.constant dense<128> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-NOT: arith.shli %{{.*}} : i64
// CHECK: %[[LO:.*]] = arith.constant -128 : i32
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %{{.*}}, %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i32
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i32
// CHECK-NEXT: %[[Z:.*]] = arith.constant 128 : i32
// CHECK-NEXT: %[[Y:.*]] = arith.addi %[[C2]], %[[Z]] : i32
// CHECK-NEXT: arith.trunci %[[Y]] : i32 to i8
func.func @requantize_half_to_u8(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<u8:f32, 0.1:128>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<u8:f32, 0.1:128>>
  return %y : tensor<4x!quant.uniform<u8:f32, 0.1:128>>
}

// M = 3.0 = 0.75 * 2^2 -> (1610612736, 2): left shift 2, right shift 0.
// With a left shift the saturating i64 pre-shift (N5) and SRDHM's
// INT32_MIN saturation select stay; zp_out = 0: i32 clamp [-128, 127].
// CHECK-LABEL: func.func @requantize_three
// CHECK-DAG: %[[MC:.*]] = arith.constant dense<1610612736> : tensor<1xi32>
// CHECK-DAG: %[[LC:.*]] = arith.constant dense<2> : tensor<1xi32>
// CHECK-DAG: %[[RC:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[MC]], %[[LC]], %[[RC]],
// CHECK: ^bb0(%{{[^:]*}}: i8, %[[M:[^:]*]]: i32, %[[L:[^:]*]]: i32,
// CHECK: %[[L64:.*]] = arith.extui %[[L]] : i32 to i64
// CHECK-NEXT: %[[SHL:.*]] = arith.shli %{{.*}}, %[[L64]] : i64
// CHECK: %[[X1:.*]] = arith.trunci %{{.*}} : i64 to i32
// CHECK: %[[IMIN:.*]] = arith.constant -2147483648 : i32
// CHECK-NEXT: arith.cmpi eq, %[[X1]], %[[IMIN]] : i32
// CHECK-NEXT: arith.cmpi eq, %[[M]], %[[IMIN]] : i32
// CHECK: %[[LO:.*]] = arith.constant -128 : i32
// CHECK-NEXT: arith.maxsi %{{.*}}, %[[LO]] : i32
// CHECK-NEXT: %[[HI:.*]] = arith.constant 127 : i32
// CHECK-NEXT: arith.minsi %{{.*}}, %[[HI]] : i32
// CHECK: arith.trunci %{{.*}} : i32 to i8
// CHECK-NEXT: linalg.yield
func.func @requantize_three(%x: tensor<4x!quant.uniform<i8:f32, 0.3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1>>
}

// M = 1 - 2^-33: f * 2^31 rounds to 2^31, corrected to (2^30, e + 1 = 1).
// CHECK-LABEL: func.func @requantize_round_up
// CHECK-DAG: %[[MC:.*]] = arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: %[[LC:.*]] = arith.constant dense<1> : tensor<1xi32>
// CHECK-DAG: %[[RC:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[MC]], %[[LC]], %[[RC]],
func.func @requantize_round_up(%x: tensor<4x!quant.uniform<i8:f32, 0.99999999988358468>>)
    -> tensor<4x!quant.uniform<i8:f32, 1.0>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.99999999988358468>>
                        -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<4x!quant.uniform<i8:f32, 1.0>>
}

// M = 2^-32 = 0.5 * 2^-31 -> (2^30, -31): right shift 31 (the largest).
// CHECK-LABEL: func.func @requantize_smallest
// CHECK-DAG: %[[MC:.*]] = arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: %[[LC:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK-DAG: %[[RC:.*]] = arith.constant dense<31> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[MC]], %[[LC]], %[[RC]],
func.func @requantize_smallest(%x: tensor<4x!quant.uniform<i16:f32, 2.3283064365386963e-10>>)
    -> tensor<4x!quant.uniform<i8:f32, 1.0>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i16:f32, 2.3283064365386963e-10>>
                        -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<4x!quant.uniform<i8:f32, 1.0>>
}

// M = 1e-10 < 2^-32 (frexp exponent -33 < -31): the multiplier flushes to
// (0, 0) and every output is zp_out.
// CHECK-LABEL: func.func @requantize_flush_to_zero
// CHECK-SAME: (%[[X:.*]]: tensor<4xi16>) -> tensor<4xi8>
// CHECK-DAG: %[[MC:.*]] = arith.constant dense<0> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %[[MC]],
// CHECK: arith.extsi %{{.*}} : i16 to i32
func.func @requantize_flush_to_zero(%x: tensor<4x!quant.uniform<i16:f32, 1.0e-10>>)
    -> tensor<4x!quant.uniform<i8:f32, 1.0>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i16:f32, 1.0e-10>>
                        -> tensor<4x!quant.uniform<i8:f32, 1.0>>
  return %y : tensor<4x!quant.uniform<i8:f32, 1.0>>
}

// M = 2^30 - 1 -> (2147483646, 30): the largest accepted shift.
// The i32 output's bounds -2^31 and 2^31 - 1 are beyond +-2^24, so zp_out is
// still added in i64 before the i64 clamp and the i64 -> i32 truncation.
// CHECK-LABEL: func.func @requantize_largest
// CHECK-DAG: %[[MC:.*]] = arith.constant dense<2147483646> : tensor<1xi32>
// CHECK-DAG: %[[LC:.*]] = arith.constant dense<30> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.*}}, %[[MC]], %[[LC]],
// CHECK: ^bb0(%{{[^:]*}}: i8, %{{[^:]*}}: i32, %{{[^:]*}}: i32, %{{[^:]*}}: i32, %[[ZY:[^:]*]]: i32, %{{[^:]*}}: i32, %{{[^:]*}}: i32):
// CHECK: %[[ZY64:.*]] = arith.extsi %[[ZY]] : i32 to i64
// CHECK-NEXT: %[[Y:.*]] = arith.addi %{{.*}}, %[[ZY64]] : i64
// CHECK-NEXT: %[[LO:.*]] = arith.constant -2147483648 : i64
// CHECK-NEXT: %[[HI:.*]] = arith.constant 2147483647 : i64
// CHECK-NEXT: %[[C1:.*]] = arith.maxsi %[[Y]], %[[LO]] : i64
// CHECK-NEXT: %[[C2:.*]] = arith.minsi %[[C1]], %[[HI]] : i64
// CHECK-NEXT: %[[T:.*]] = arith.trunci %[[C2]] : i64 to i32
// CHECK-NEXT: linalg.yield %[[T]] : i32
func.func @requantize_largest(%x: tensor<4x!quant.uniform<i8:f32, 1073741823.0>>)
    -> tensor<4x!quant.uniform<i32:f32, 1.0>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 1073741823.0>>
                        -> tensor<4x!quant.uniform<i32:f32, 1.0>>
  return %y : tensor<4x!quant.uniform<i32:f32, 1.0>>
}
