// RUN: rm -f %t.so
// RUN: qnn-compile %s --kernels=auto -o %t.so
// RUN: %call %t.so bipolar u8:3,0,2,1 out:i8:2 | FileCheck %s --match-full-lines --check-prefix=BIPOLAR
// RUN: %call %t.so twos_complement u8:3,0,2,1 out:i8:2 | FileCheck %s --match-full-lines --check-prefix=TWOS

// The bitserial kernel (written-out choice) on a fully connected layer,
// values computed by hand from rule N10. x: u2 with zero point 1, scale 0.5:
// x = [3, 0, 2, 1], x - zx = [2, -1, 1, 0]. Results i8 scale 0.5, so
// M = 0.5 * 0.25 / 0.5 = 0.25 = (2^30, shift -1) (rule N4): y =
// RDBPOT(SRDHM(acc, 2^30), 1) = RDBPOT(round(acc / 2), 1), two roundings
// (rule N5).
//
// Bipolar weights (one plane): w0 = [1, -1, 1, 1], w1 = [-1, -1, 1, -1],
// bias [1, -3]: acc0 = 1 + 2 + 1 + 1 + 0 = 5 -> SRDHM 3 (2.5 rounds up)
// -> RDBPOT 2 (1.5 away from zero; not round(1.25) = 1);
// acc1 = -3 - 2 + 1 + 1 + 0 = -3 -> SRDHM -1 (-1.5 rounds up) -> RDBPOT -1
// (-0.5 away from zero).
// BIPOLAR: out0: 2 -1
//
// Two's complement i2 weights (two planes): w0 = [-2, 1, 0, -1],
// w1 = [1, 1, -2, 0], no bias: acc0 = -4 - 1 + 0 + 0 = -5 -> SRDHM -2
// (-2.5 rounds up) -> RDBPOT -1; acc1 = 2 - 1 - 2 + 0 = -1 -> SRDHM 0
// (-0.5 rounds up) -> 0.
// TWOS: out0: -1 0

!x = !quant.uniform<u2:f32, 0.5:1>
!y = !quant.uniform<i8:f32, 0.5>

func.func @bipolar(%x: tensor<1x4x!x>) -> tensor<1x2x!y> {
  %c = arith.constant dense<[[1, -1, 1, 1], [-1, -1, 1, -1]]> : tensor<2x4xi2>
  %w = quant.scast %c : tensor<2x4xi2> to tensor<2x4x!quant.uniform<i2<-1:1>:f32, 0.25>>
  %b = arith.constant dense<[1, -3]> : tensor<2xi32>
  %y = qnn.fully_connected %x, %w, %b {qnn.kernel = {kind = "bitserial", mr = 1 : i64, nr = 1 : i64, lanes = 8 : i64}}
      : (tensor<1x4x!x>, tensor<2x4x!quant.uniform<i2<-1:1>:f32, 0.25>>, tensor<2xi32>) -> tensor<1x2x!y>
  return %y : tensor<1x2x!y>
}

func.func @twos_complement(%x: tensor<1x4x!x>) -> tensor<1x2x!y> {
  %c = arith.constant dense<[[-2, 1, 0, -1], [1, 1, -2, 0]]> : tensor<2x4xi2>
  %w = quant.scast %c : tensor<2x4xi2> to tensor<2x4x!quant.uniform<i2:f32, 0.25>>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "bitserial", mr = 1 : i64, nr = 1 : i64, lanes = 4 : i64}}
      : (tensor<1x4x!x>, tensor<2x4x!quant.uniform<i2:f32, 0.25>>) -> tensor<1x2x!y>
  return %y : tensor<1x2x!y>
}
