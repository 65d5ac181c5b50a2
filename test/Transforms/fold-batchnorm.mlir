// RUN: qnn-opt %s --qnn-fold-batchnorm --split-input-file --verify-diagnostics | FileCheck %s
// RUN: qnn-opt %s --qnn-fold-batchnorm=fold-decomposed=false --split-input-file --verify-diagnostics | FileCheck %s --check-prefix=NODECOMP

// qnn.batch_norm after tosa.conv2d (weights OHWI, 2 output channels):
// s = gamma / sqrt(var + eps) = {2 / sqrt(4), 3 / sqrt(9)} = {1, 1} * ... with
// gamma = {2, 3}, var = {3.99999, 8.99999}, eps = 1e-5: s = {1, 1},
// t = beta - mean * s = {0.5 - 1, -1 - 2} = {-0.5, -3}.
// w' = w * s = w, b' = b * s + t = {1 - 0.5, 2 - 3} = {0.5, -1}.

// CHECK-LABEL: func.func @conv_bn
// CHECK-NOT: qnn.batch_norm
// CHECK-DAG: %[[B:.*]] = "tosa.const"() <{values = dense<[5.000000e-01, -1.000000e+00]> : tensor<2xf32>}>
// CHECK-DAG: %[[W:.*]] = "tosa.const"() <{values = dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}2.000000e+00]]]]> : tensor<2x1x1x1xf32>}>
// CHECK: %[[Y:.*]] = tosa.conv2d %arg0, %[[W]], %[[B]]
// CHECK: return %[[Y]]
// NODECOMP-LABEL: func.func @conv_bn
// NODECOMP-NOT: qnn.batch_norm
func.func @conv_bn(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() <{values = dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>}> : () -> tensor<2x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x1xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %g = "tosa.const"() <{values = dense<[2.0, 3.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %be = "tosa.const"() <{values = dense<[0.5, -1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %m = "tosa.const"() <{values = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %v = "tosa.const"() <{values = dense<[3.99999, 8.99999]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %z = qnn.batch_norm %y, %g, %be, %m, %v {epsilon = 1.0e-05 : f32}
      : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %z : tensor<1x4x4x2xf32>
}

// -----

// Depthwise (C = 2, M = 1): channel c of the weights [KH, KW, C, M].
// s = {0.5, 2}, t = {1, 0}: w' = {1 * 0.5, 1 * 2}, b' = {0 * 0.5 + 1, 0}.

// CHECK-LABEL: func.func @depthwise_bn
// CHECK-NOT: qnn.batch_norm
// CHECK-DAG: "tosa.const"() <{values = dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<{{\[\[\[\[}}5.000000e-01], [2.000000e+00]]]]> : tensor<1x1x2x1xf32>}>
// CHECK: tosa.depthwise_conv2d
func.func @depthwise_bn(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %w = "tosa.const"() <{values = dense<1.0> : tensor<1x1x2x1xf32>}> : () -> tensor<1x1x2x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x2xf32>, tensor<1x1x2x1xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %g = "tosa.const"() <{values = dense<[0.5, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %be = "tosa.const"() <{values = dense<[1.0, 0.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %m = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %v = "tosa.const"() <{values = dense<1.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %z = qnn.batch_norm %y, %g, %be, %m, %v {epsilon = 0.0 : f32}
      : (tensor<1x4x4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x4x4x2xf32>
  return %z : tensor<1x4x4x2xf32>
}

// -----

// A fully connected layer (matmul -> reshape) without a bias gets one:
// s = {2, 1}, t = {3, -1} on N = 2; B'[0, k, n] = B * s[n].

// CHECK-LABEL: func.func @fc_bn
// CHECK-NOT: qnn.batch_norm
// CHECK: %[[BW:.*]] = "tosa.const"() <{values = dense<{{\[\[\[}}2.000000e+00, 1.000000e+00], [2.000000e+00, 1.000000e+00], [2.000000e+00, 1.000000e+00]]]> : tensor<1x3x2xf32>}>
// CHECK: %[[M:.*]] = tosa.matmul %{{.*}}, %[[BW]]
// CHECK: %[[R:.*]] = tosa.reshape %[[M]]
// CHECK: %[[C:.*]] = "tosa.const"() <{values = dense<{{\[\[}}3.000000e+00, -1.000000e+00]]> : tensor<1x2xf32>}>
// CHECK: %[[A:.*]] = tosa.add %[[R]], %[[C]]
// CHECK: return %[[A]]
func.func @fc_bn(%x: tensor<1x4x3xf32>) -> tensor<4x2xf32> {
  %b = "tosa.const"() <{values = dense<1.0> : tensor<1x3x2xf32>}> : () -> tensor<1x3x2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %m = tosa.matmul %x, %b, %zp, %zp : (tensor<1x4x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x2xf32>
  %s = tosa.const_shape {values = dense<[4, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %m, %s : (tensor<1x4x2xf32>, !tosa.shape<2>) -> tensor<4x2xf32>
  %g = "tosa.const"() <{values = dense<[2.0, 1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %be = "tosa.const"() <{values = dense<[3.0, -1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %mu = "tosa.const"() <{values = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %v = "tosa.const"() <{values = dense<1.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %z = qnn.batch_norm %r, %g, %be, %mu, %v {epsilon = 0.0 : f32}
      : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %z : tensor<4x2xf32>
}

// -----

// The decomposed form: (y - mean) * (1 / sd) * gamma + beta, as tosa.sub,
// tosa.mul by a tosa.reciprocal, tosa.mul and tosa.add of per-channel
// constants [1, 1, 1, C], folded one after the other into the conv.
// b' = ((0 - 1) / 2 * 4) + 1 = -1, w' = 1 / 2 * 4 = 2.

// CHECK-LABEL: func.func @decomposed
// CHECK-NOT: tosa.sub
// CHECK-NOT: tosa.mul
// CHECK-NOT: tosa.add
// CHECK-DAG: "tosa.const"() <{values = dense<-1.000000e+00> : tensor<1xf32>}>
// CHECK-DAG: "tosa.const"() <{values = dense<2.000000e+00> : tensor<1x1x1x1xf32>}>
// CHECK: tosa.conv2d
// NODECOMP-LABEL: func.func @decomposed
// NODECOMP: tosa.sub
// NODECOMP: tosa.mul
// NODECOMP: tosa.add
func.func @decomposed(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32> {
  %w = "tosa.const"() <{values = dense<1.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %sh = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  %mean = "tosa.const"() <{values = dense<1.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %sd = "tosa.const"() <{values = dense<2.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %gamma = "tosa.const"() <{values = dense<4.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %beta = "tosa.const"() <{values = dense<1.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %a = tosa.sub %y, %mean : (tensor<1x4x4x1xf32>, tensor<1x1x1x1xf32>) -> tensor<1x4x4x1xf32>
  %r = tosa.reciprocal %sd : (tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32>
  %d = tosa.mul %a, %r, %sh : (tensor<1x4x4x1xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x4x1xf32>
  %g = tosa.mul %gamma, %d, %sh : (tensor<1x1x1x1xf32>, tensor<1x4x4x1xf32>, tensor<1xi8>) -> tensor<1x4x4x1xf32>
  %z = tosa.add %g, %beta : (tensor<1x4x4x1xf32>, tensor<1x1x1x1xf32>) -> tensor<1x4x4x1xf32>
  return %z : tensor<1x4x4x1xf32>
}

// -----

// Not folded: the conv's result has another user (the second return value).

// CHECK-LABEL: func.func @other_user
// CHECK: tosa.conv2d
// CHECK: qnn.batch_norm
func.func @other_user(%x: tensor<1x4x4x1xf32>) -> (tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>) {
  %w = "tosa.const"() <{values = dense<1.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  %p = "tosa.const"() <{values = dense<1.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @+1 {{batch norm not folded: the layer's result has other users}}
  %z = qnn.batch_norm %y, %p, %p, %p, %p : (tensor<1x4x4x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  return %z, %y : tensor<1x4x4x1xf32>, tensor<1x4x4x1xf32>
}

// -----

// Not folded: the input is a function argument; the weights are not
// constants; the parameters are not constants; the input comes from
// another op.

func.func @argument(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32> {
  %p = "tosa.const"() <{values = dense<1.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @+1 {{batch norm not folded: its input is a block argument, not the result of a layer}}
  %z = qnn.batch_norm %x, %p, %p, %p, %p : (tensor<1x4x4x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  return %z : tensor<1x4x4x1xf32>
}

func.func @runtime_weights(%x: tensor<1x4x4x1xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x4x4x1xf32> {
  %b = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  %p = "tosa.const"() <{values = dense<1.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @+1 {{batch norm not folded: the tosa.conv2d's weights or bias are not constants}}
  %z = qnn.batch_norm %y, %p, %p, %p, %p : (tensor<1x4x4x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  return %z : tensor<1x4x4x1xf32>
}

func.func @runtime_params(%x: tensor<1x4x4x1xf32>, %p: tensor<1xf32>) -> tensor<1x4x4x1xf32> {
  %w = "tosa.const"() <{values = dense<1.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %b = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x1xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  // expected-remark @+1 {{batch norm not folded: its gamma, beta, mean and variance are not all constants}}
  %z = qnn.batch_norm %y, %p, %p, %p, %p : (tensor<1x4x4x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  return %z : tensor<1x4x4x1xf32>
}

func.func @after_relu(%x: tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32> {
  %r = tosa.clamp %x {min_val = 0.0 : f32, max_val = 3.4e38 : f32} : (tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %p = "tosa.const"() <{values = dense<1.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  // expected-remark @+1 {{batch norm not folded: its input comes from tosa.clamp, not from a tosa.conv2d, tosa.depthwise_conv2d or fully connected layer (tosa.matmul)}}
  %z = qnn.batch_norm %r, %p, %p, %p, %p : (tensor<1x4x4x1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  return %z : tensor<1x4x4x1xf32>
}
