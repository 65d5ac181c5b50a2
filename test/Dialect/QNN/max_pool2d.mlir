// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Round trip of qnn.max_pool2d (rule N13, attributes and types as N12): NHWC,
// kernel required, stride and pad defaulted (and elided), pad < kernel.

// The example of the op description.
// CHECK-LABEL: func.func @max_pool(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x8x4x!quant.uniform<i8:f32, 1.000000e-01:3>>)
func.func @max_pool(%x: tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.1:3>> {
  // CHECK: %[[Y:.*]] = qnn.max_pool2d %[[X]] {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!quant.uniform<i8:f32, 1.000000e-01:3>> -> tensor<1x4x4x4x!quant.uniform<i8:f32, 1.000000e-01:3>>
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
       : tensor<1x8x8x4x!quant.uniform<i8:f32, 0.1:3>>
      -> tensor<1x4x4x4x!quant.uniform<i8:f32, 0.1:3>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x4x4x4x!quant.uniform<i8:f32, 0.1:3>>
}

// 3x3 window, stride 2, pad 1 on unsigned storage.
// CHECK-LABEL: func.func @max_pool_padded(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x8x4x!quant.uniform<u8:f32, 1.000000e-01:3>>)
func.func @max_pool_padded(%x: tensor<1x8x8x4x!quant.uniform<u8:f32, 0.1:3>>) -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:3>> {
  // CHECK: %[[Y:.*]] = qnn.max_pool2d %[[X]] {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>} : tensor<1x8x8x4x!quant.uniform<u8:f32, 1.000000e-01:3>> -> tensor<1x4x4x4x!quant.uniform<u8:f32, 1.000000e-01:3>>
  %y = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>,
                          pad = array<i64: 1, 1, 1, 1>}
       : tensor<1x8x8x4x!quant.uniform<u8:f32, 0.1:3>>
      -> tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:3>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x4x4x4x!quant.uniform<u8:f32, 0.1:3>>
}

// Only the kernel: stride 1 and pad 0 are the defaults and are elided.
// CHECK-LABEL: func.func @max_pool_defaults(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x5x4x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>)
func.func @max_pool_defaults(%x: tensor<2x5x4x3x!quant.uniform<i8:f32, 0.05:-3>>) {
  // CHECK: qnn.max_pool2d %[[X]] {kernel = array<i64: 2, 2>} : tensor<2x5x4x3x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<2x4x3x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %0 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>}
       : tensor<2x5x4x3x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<2x4x3x3x!quant.uniform<i8:f32, 0.05:-3>>
  // CHECK: qnn.max_pool2d %[[X]] {kernel = array<i64: 2, 2>} : tensor<2x5x4x3x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<2x4x3x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %1 = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>}
       : tensor<2x5x4x3x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<2x4x3x3x!quant.uniform<i8:f32, 0.05:-3>>
  return
}

// Rectangular kernel, asymmetric stride and pad (each pad < its kernel
// size): OH = (5 + 0 + 2 - 3) / 2 + 1 = 3, OW = (4 + 1 + 0 - 2) / 1 + 1 = 4.
// CHECK-LABEL: func.func @max_pool_asymmetric(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x5x4x2x!quant.uniform<i16:f32, 1.000000e-03:7>>)
func.func @max_pool_asymmetric(%x: tensor<1x5x4x2x!quant.uniform<i16:f32, 0.001:7>>) -> tensor<1x3x4x2x!quant.uniform<i16:f32, 0.001:7>> {
  // CHECK: %[[Y:.*]] = qnn.max_pool2d %[[X]] {kernel = array<i64: 3, 2>, pad = array<i64: 0, 2, 1, 0>, stride = array<i64: 2, 1>} : tensor<1x5x4x2x!quant.uniform<i16:f32, 1.000000e-03:7>> -> tensor<1x3x4x2x!quant.uniform<i16:f32, 1.000000e-03:7>>
  %y = qnn.max_pool2d %x {kernel = array<i64: 3, 2>, stride = array<i64: 2, 1>, pad = array<i64: 0, 2, 1, 0>}
       : tensor<1x5x4x2x!quant.uniform<i16:f32, 0.001:7>> -> tensor<1x3x4x2x!quant.uniform<i16:f32, 0.001:7>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x3x4x2x!quant.uniform<i16:f32, 0.001:7>>
}

// Global pooling with narrow-range and i4 storage.
// CHECK-LABEL: func.func @max_pool_global(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x7x7x8x!quant.uniform<i8<-127:127>:f32, 2.000000e-02>>,
// CHECK-SAME:    %[[Z:[^:]+]]: tensor<1x2x2x1x!quant.uniform<i4:f32, 5.000000e-01:-8>>)
func.func @max_pool_global(%x: tensor<1x7x7x8x!quant.uniform<i8<-127:127>:f32, 0.02>>,
                           %z: tensor<1x2x2x1x!quant.uniform<i4:f32, 0.5:-8>>) {
  // CHECK: qnn.max_pool2d %[[X]] {kernel = array<i64: 7, 7>} : tensor<1x7x7x8x!quant.uniform<i8<-127:127>:f32, 2.000000e-02>> -> tensor<1x1x1x8x!quant.uniform<i8<-127:127>:f32, 2.000000e-02>>
  %0 = qnn.max_pool2d %x {kernel = array<i64: 7, 7>}
       : tensor<1x7x7x8x!quant.uniform<i8<-127:127>:f32, 0.02>> -> tensor<1x1x1x8x!quant.uniform<i8<-127:127>:f32, 0.02>>
  // CHECK: qnn.max_pool2d %[[Z]] {kernel = array<i64: 2, 2>} : tensor<1x2x2x1x!quant.uniform<i4:f32, 5.000000e-01:-8>> -> tensor<1x1x1x1x!quant.uniform<i4:f32, 5.000000e-01:-8>>
  %1 = qnn.max_pool2d %z {kernel = array<i64: 2, 2>}
       : tensor<1x2x2x1x!quant.uniform<i4:f32, 0.5:-8>> -> tensor<1x1x1x1x!quant.uniform<i4:f32, 0.5:-8>>
  return
}

// Binary input and result (rule N13.1), per-axis alphas kept.
// CHECK-LABEL: func.func @max_pool_binary(
// CHECK: qnn.max_pool2d %{{.*}} {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>} : tensor<1x8x8x3x!qnn.binary<f32:3, {1.000000e+00, 5.000000e-01, 2.500000e-01}>> -> tensor<1x4x4x3x!qnn.binary<f32:3, {1.000000e+00, 5.000000e-01, 2.500000e-01}>>
func.func @max_pool_binary(%x: tensor<1x8x8x3x!qnn.binary<f32:3, {1.0, 0.5, 0.25}>>) -> tensor<1x4x4x3x!qnn.binary<f32:3, {1.0, 0.5, 0.25}>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
       : tensor<1x8x8x3x!qnn.binary<f32:3, {1.0, 0.5, 0.25}>>
      -> tensor<1x4x4x3x!qnn.binary<f32:3, {1.0, 0.5, 0.25}>>
  return %y : tensor<1x4x4x3x!qnn.binary<f32:3, {1.0, 0.5, 0.25}>>
}
