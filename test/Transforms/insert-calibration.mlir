// RUN: qnn-opt %s --qnn-insert-calibration --split-input-file | FileCheck %s

// An observer on the argument (named by its location), on each computed
// f32 result (named by its NameLoc, else "<op>#<n>"), none on constants,
// on values computed from constants only, or on reshapes.

// CHECK-LABEL: func.func @layers
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xf32>
// CHECK: %[[OX:.*]] = qnn.observe %[[X]] {id = 0 : i64, name = "image"} : tensor<1x4x4x2xf32>
// CHECK: %[[C:.*]] = tosa.conv2d %[[OX]]
// CHECK: %[[OC:.*]] = qnn.observe %[[C]] {id = 1 : i64, name = "conv1"} : tensor<1x4x4x3xf32>
// CHECK: %[[R:.*]] = tosa.clamp %[[OC]]
// CHECK: %[[OR:.*]] = qnn.observe %[[R]] {id = 2 : i64, name = "tosa.clamp#0"} : tensor<1x4x4x3xf32>
// CHECK: %[[S:.*]] = tosa.reshape %[[OR]]
// CHECK-NOT: qnn.observe %[[S]]
// CHECK: return %[[S]]
func.func @layers(%x: tensor<1x4x4x2xf32> loc("image")) -> tensor<48xf32> {
  %w0 = "tosa.const"() <{values = dense<0.5> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %two = "tosa.const"() <{values = dense<2.0> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %w = tosa.mul %w0, %two, %sh : (tensor<3x1x1x2xf32>, tensor<3x1x1x2xf32>, tensor<1xi8>) -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<3xf32>}> : () -> tensor<3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32> loc("conv1")
  %r = tosa.clamp %y {min_val = 0.0 : f32, max_val = 3.4e38 : f32} : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %s = tosa.const_shape {values = dense<[48]> : tensor<1xindex>} : () -> !tosa.shape<1>
  %f = tosa.reshape %r, %s : (tensor<1x4x4x3xf32>, !tosa.shape<1>) -> tensor<48xf32>
  return %f : tensor<48xf32>
}

// -----

// Ids continue above the existing ones; an observed value is not observed
// twice; integer tensors are not observed.

// CHECK-LABEL: func.func @existing
// CHECK: %[[O:.*]] = qnn.observe %arg0 {id = 5 : i64} : tensor<4xf32>
// CHECK-NOT: qnn.observe %arg0
// CHECK: %[[A:.*]] = tosa.add %[[O]], %[[O]]
// CHECK: qnn.observe %[[A]] {id = 6 : i64, name = "tosa.add#0"}
// CHECK-NOT: qnn.observe %arg1
func.func @existing(%x: tensor<4xf32>, %i: tensor<4xi8>) -> (tensor<4xf32>, tensor<4xi8>) {
  %o = qnn.observe %x {id = 5 : i64} : tensor<4xf32>
  %a = tosa.add %o, %o : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %a, %i : tensor<4xf32>, tensor<4xi8>
}
