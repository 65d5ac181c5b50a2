// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so bn_exact f32:3,0.5,-2,-1,-3,5 f32:2,1,-3 f32:0.5,-1,0 f32:1,0,-2 f32:4,0.25,1 out:f32:6 | FileCheck %s --match-full-lines --check-prefix=EXACT
// RUN: %call %t.so bn_epsilon f32:3,3 f32:1,1 f32:0,0 f32:1,1 f32:0.75,3.75 out:f32:2 | FileCheck %s --match-full-lines --check-prefix=EPS
// RUN: %call %t.so bn_round f32:3,1,0.5,0,-1,-1 f32:1,1 f32:-0.25,0 f32:0.5,0 f32:2,0 out:f32:6 | FileCheck %s --match-full-lines --check-prefix=ROUND

// qnn.batch_norm (rule N21), channel last, in f32 in this order:
//   inv = gamma[c] / sqrt(var[c] + epsilon);  y = (x - mean[c]) * inv + beta[c].

// epsilon = 0, 2x3, gamma [2, 1, -3], beta [0.5, -1, 0], mean [1, 0, -2],
// var [4, 0.25, 1] -> inv = [2/2, 1/0.5, -3/1] = [1, 2, -3] (all exact):
//   row [3, 0.5, -2]:  (3 - 1) * 1 + 0.5 = 2.5;  0.5 * 2 - 1 = 0;
//                      (-2 + 2) * -3 + 0 = -0 + 0 = +0
//   row [-1, -3, 5]:   -2 + 0.5 = -1.5;  -6 - 1 = -7;  7 * -3 = -21
// EXACT: out0: 2.5 0 0 -1.5 -7 -21
func.func @bn_exact(%x: tensor<2x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>,
                    %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 0.0 : f32}
      : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// epsilon = 0.25 is added before the square root: var [0.75, 3.75] ->
// sqrt(1) = 1, sqrt(4) = 2 -> inv [1, 0.5]; x = 3, mean 1 -> [2, 1].
// EPS: out0: 2 1
func.func @bn_epsilon(%x: tensor<1x2xf32>, %g: tensor<2xf32>, %b: tensor<2xf32>,
                      %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<1x2xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 0.25 : f32}
      : (tensor<1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// epsilon = 0, rounding and IEEE special values.
// c0: var 2 -> sqrt = f32 1.41421354, inv = 1 / 1.41421354 = 0.707106769;
//     mean 0.5, beta -0.25:
//     x 3:    2.5 * 0.707106769 = 1.76776695 (f32), - 0.25 -> 1.51776695
//     x 0.5:  0 * inv - 0.25 = -0.25
//     x -1:   -1.5 * 0.707106769 = -1.06066012 (f32), - 0.25 -> -1.31066012
// c1: var 0 -> sqrt(0) = 0, inv = 1 / 0 = +inf; mean 0, beta 0:
//     x 1 -> +inf;  x 0 -> 0 * inf = NaN;  x -1 -> -inf
// ROUND: out0: 1.51776695 inf -0.25 nan -1.31066012 -inf
func.func @bn_round(%x: tensor<3x2xf32>, %g: tensor<2xf32>, %b: tensor<2xf32>,
                    %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<3x2xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 0.0 : f32}
      : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}
