// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so net f32:1*192 out:f32:10 | FileCheck %s --match-full-lines

// TOSA float ops (the ONNX importer's output form) through qnn-compile:
// conv2d 3x3 pad 1 with bias, clamp as relu, reshape, matmul. With an
// all-ones input, weights 0.1 and bias 0.5 the conv output per channel is
// 1.7 at the 4 corners (12 inputs), 2.3 on the 24 edge pixels (18 inputs)
// and 3.2 inside (27 inputs): 4 * (4 * 1.7 + 24 * 2.3 + 36 * 3.2) = 708.8 over
// the 256 values, times 0.01 = 7.088 per output (f32 sums: 7.087997...).
// CHECK: out0: [[V:7\.08(79|80)[0-9]*]] [[V]] [[V]] [[V]] [[V]] [[V]] [[V]] [[V]] [[V]] [[V]]
func.func @net(%x: tensor<1x8x8x3xf32>) -> tensor<1x10xf32> {
  %w = "tosa.const"() {values = dense<0.1> : tensor<4x3x3x3xf32>} : () -> tensor<4x3x3x3xf32>
  %b = "tosa.const"() {values = dense<0.5> : tensor<4xf32>} : () -> tensor<4xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x8x8x3xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %r = tosa.clamp %y {min_val = 0.0 : f32, max_val = 3.4e38 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %s = tosa.const_shape {values = dense<[1, 256]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %f = tosa.reshape %r, %s : (tensor<1x8x8x4xf32>, !tosa.shape<2>) -> tensor<1x256xf32>
  %w2 = "tosa.const"() {values = dense<0.01> : tensor<1x256x10xf32>} : () -> tensor<1x256x10xf32>
  %s3 = tosa.const_shape {values = dense<[1, 1, 256]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %f3 = tosa.reshape %f, %s3 : (tensor<1x256xf32>, !tosa.shape<3>) -> tensor<1x1x256xf32>
  %azp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %m = tosa.matmul %f3, %w2, %azp, %azp : (tensor<1x1x256xf32>, tensor<1x256x10xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x10xf32>
  %s2 = tosa.const_shape {values = dense<[1, 10]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %o = tosa.reshape %m, %s2 : (tensor<1x1x10xf32>, !tosa.shape<2>) -> tensor<1x10xf32>
  return %o : tensor<1x10xf32>
}
