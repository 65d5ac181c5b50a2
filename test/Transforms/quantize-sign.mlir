// Rule N24: a value whose only users are qnn.binarize, directly or through
// max pools, keeps only its sign: qnn-quantize gives it scale 2^-20 and
// the zero point mid-range (128 for u8, 0 for i8), whatever its range. A
// value also used otherwise keeps the type of its range.
// RUN: qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats.json | FileCheck %s
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json activation-type=i8" | FileCheck %s --check-prefix=I8
// RUN: sed 's/return %%bin : \(.*\)$/return %%bin, %%op : \1, tensor<1x2x2x3xf32>/; s/-> tensor<1x2x2x3x!qnn.binary<f32, 1.0>> {/-> (tensor<1x2x2x3x!qnn.binary<f32, 1.0>>, tensor<1x2x2x3xf32>) {/' %s | qnn-opt --qnn-quantize=stats=%S/Inputs/quantize-stats.json | FileCheck %s --check-prefix=USED

// The conv's output and the pool's: 2^-20 = 9.5367431640625e-7.
// CHECK: qnn.conv2d {{.*}} -> tensor<1x4x4x3x!quant.uniform<u8:f32, 9.5367431640625E-7:128>>
// CHECK: qnn.max_pool2d {{.*}} -> tensor<1x2x2x3x!quant.uniform<u8:f32, 9.5367431640625E-7:128>>
// CHECK-NOT: qnn.requantize
// CHECK: qnn.binarize
// I8: qnn.conv2d {{.*}} -> tensor<1x4x4x3x!quant.uniform<i8:f32, 9.5367431640625E-7>>
// The range [-2, 3.1] over 256 levels: 0.02, zero point 100.
// USED: qnn.conv2d {{.*}} -> tensor<1x4x4x3x!quant.uniform<u8:f32, 0.019999999552965164:100>>
// USED-NOT: 9.5367431640625E-7

func.func @net(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x3x!qnn.binary<f32, 1.0>> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x4x4x2xf32>
  %w = "tosa.const"() <{values = dense<[[[[1.0, 1.0]]], [[[2.0, 2.0]]], [[[0.5, 0.5]]]]> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() <{values = dense<[0.5, 0.0, -1.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %ox, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %oc = qnn.observe %c {id = 1 : i64, name = "conv"} : tensor<1x4x4x3xf32>
  %p = tosa.max_pool2d %oc {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : (tensor<1x4x4x3xf32>) -> tensor<1x2x2x3xf32>
  %op = qnn.observe %p {id = 3 : i64, name = "pool"} : tensor<1x2x2x3xf32>
  %bin = qnn.binarize %op : tensor<1x2x2x3xf32> -> tensor<1x2x2x3x!qnn.binary<f32, 1.0>>
  return %bin : tensor<1x2x2x3x!qnn.binary<f32, 1.0>>
}
