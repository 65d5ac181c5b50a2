// RUN: qnn-opt %s --qnn-cluster-weights="bits=2 keep-larger=1" | FileCheck %s --check-prefix=KM
// RUN: qnn-opt %s --qnn-cluster-weights="bits=2 granularity=per-layer" | FileCheck %s --check-prefix=LAYER
// RUN: qnn-opt %s --qnn-cluster-weights="mode=ternary" | FileCheck %s --check-prefix=TERN
// RUN: qnn-opt %s --qnn-cluster-weights="mode=ternary asymmetric=1" | FileCheck %s --check-prefix=ASYM
// RUN: qnn-opt %s --qnn-cluster-weights="bits=3 keep-larger=1" | FileCheck %s --check-prefix=FEW
// Without keep-larger, 3-bit codebooks of 8 weights per channel (16 table
// bytes) would outgrow the 16 bytes of int8 weights, and 2-bit ones the 8
// bytes of the 4-bit depthwise weights: those layers stay uniform.
// RUN: qnn-opt %s --qnn-cluster-weights="bits=3" 2>&1 >/dev/null | FileCheck %s --check-prefix=SKIP
// RUN: qnn-opt %s --qnn-cluster-weights="bits=3" 2>/dev/null | FileCheck %s --check-prefix=NONE
// RUN: qnn-opt %s --qnn-cluster-weights="bits=2 init=optimal" | FileCheck %s --check-prefix=OPT
// Seeded kmeans++ is reproducible.
// RUN: qnn-opt %s --qnn-cluster-weights="bits=2 init=kmeans++ seed=3" > %t.a.mlir
// RUN: qnn-opt %s --qnn-cluster-weights="bits=2 init=kmeans++ seed=3" > %t.b.mlir
// RUN: diff %t.a.mlir %t.b.mlir
// Clustering twice changes nothing more; decoding gives back constant weights.
// RUN: qnn-opt %s --qnn-cluster-weights="bits=2 keep-larger=1" --qnn-cluster-weights="bits=2 keep-larger=1" | FileCheck %s --check-prefix=KM
// RUN: qnn-opt %s --qnn-cluster-weights="bits=2 keep-larger=1" --qnn-decode-codebooks | FileCheck %s --check-prefix=DEC
// RUN: not qnn-opt %s --qnn-cluster-weights="mode=kmeans2" 2>&1 | FileCheck %s --check-prefix=BADMODE
// RUN: not qnn-opt %s --qnn-cluster-weights="bits=9" 2>&1 | FileCheck %s --check-prefix=BADBITS
// RUN: not qnn-opt %s --qnn-cluster-weights="granularity=per-tensor" 2>&1 | FileCheck %s --check-prefix=BADGRAN
// RUN: not qnn-opt %s --qnn-cluster-weights="init=random" 2>&1 | FileCheck %s --check-prefix=BADINIT
// RUN: not qnn-opt %s --qnn-cluster-weights="mode=ternary threshold=-1" 2>&1 | FileCheck %s --check-prefix=BADTHR

// qnn-cluster-weights (rule N23). Channel 0 of @fc by hand, k = 4, linear
// initialisation -127, -42.3, 42.3, 127: Lloyd moves to {-100, -127} ->
// -113.5, {-60, -3, 0, 4} -> -14.75, {70}, {127}; rounded half to even:
// {-114, -15, 70, 127}. Channel 1 (-52 .. 13) leaves one cluster empty,
// which moves to the costliest value (10); 10.5 and 12.5 round to 10, 12.
// KM-LABEL: func.func @fc(
// KM: %[[I:.*]] = arith.constant dense<{{\[}}[0, 0, 1, 1, 1, 1, 2, 3], [2, 2, 3, 3, 0, 0, 0, 1]]> : tensor<2x8xi8>
// KM: %[[C:.*]] = qnn.container_cast %[[I]] : tensor<2x8xi8> to tensor<2x8x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {1.000000e-02,2.000000e-02}>, 0:{{\{}}{-114, -15, 70, 127}, {-51, 1, 10, 12}}>>
// KM: %[[W:.*]] = qnn.decode %[[C]]
// KM: qnn.fully_connected %{{.*}}, %[[W]], %{{.*}}
// KM-NOT: quant.scast
// One table for the layer (the stored integers of both channels).
// LAYER-LABEL: func.func @fc(
// LAYER: dense<{{\[}}[0, 0, 1, 2, 2, 2, 2, 3], [2, 2, 2, 2, 1, 1, 1, 2]]> : tensor<2x8xi8>
// LAYER: !qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {1.000000e-02,2.000000e-02}>, {-114, -53, 13, 127}>
// Ternary, channel 0: mean|q| = 61.375, delta = 42.96; |q| > delta:
// 127, 100, 60, 70, 127, mean 96.8 -> 97. Channel 1: mean|q| = 25,
// delta 17.5, alpha = mean(50, 51, 52) = 51.
// TERN-LABEL: func.func @fc(
// TERN: dense<{{\[}}[0, 0, 0, 1, 1, 1, 2, 2], [1, 1, 1, 1, 0, 0, 0, 1]]> : tensor<2x8xi8>
// TERN: !qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {1.000000e-02,2.000000e-02}>, 0:{{\{}}{-97, 0, 97}, {-51, 0, 51}}>
// Asymmetric: alpha+ = mean(70, 127) = 98.5 -> 98, alpha- = mean(127, 100, 60)
// = 95.67 -> 96; channel 1 has nothing above delta: alpha+ = 0.
// ASYM: !qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {1.000000e-02,2.000000e-02}>, 0:{{\{}}{-96, 0, 98}, {-51, 0, 0}}>
// No more distinct values than levels: the table is the values themselves.
// FEW: !qnn.codebook<3, !quant.uniform<i8<-127:127>:f32:0, {1.000000e-02,2.000000e-02}>, 0:{{\{}}{-127, -100, -60, -3, 0, 4, 70, 127}, {-52, -51, -50, 1, 10, 11, 12, 13}}>
// The exact clustering of channel 0 (least squared error 2013.7 against
// Lloyd's 3119.2 above): {-127, -100}, {-60}, {-3, 0, 4}, {70, 127}.
// OPT: 0:{{\{}}{-114, -60, 0, 98}, {-51, 1, 10, 12}}>
// SKIP: remark: qnn-cluster-weights: a codebook would take 22 bytes, the 8-bit weights take 16; left as they are (keep-larger=true clusters anyway)
// SKIP: remark: qnn-cluster-weights: a codebook would take 14 bytes, the 4-bit weights take 8; left as they are
// NONE-NOT: qnn.decode
// DEC-LABEL: func.func @fc(
// DEC: %[[R:.*]] = arith.constant dense<{{\[}}[-114, -114, -15, -15, -15, -15, 70, 127], [10, 10, 12, 12, -51, -51, -51, 1]]> : tensor<2x8xi8>
// DEC: %[[W:.*]] = quant.scast %[[R]]
// DEC: qnn.fully_connected %{{.*}}, %[[W]], %{{.*}}
// DEC-NOT: qnn.decode
// BADMODE: error: qnn-cluster-weights: mode 'kmeans2' is not supported; expected kmeans or ternary
// BADBITS: error: qnn-cluster-weights: bits '9' is not supported; expected 1 to 8
// BADGRAN: error: qnn-cluster-weights: granularity 'per-tensor' is not supported; expected per-channel or per-layer
// BADINIT: error: qnn-cluster-weights: init 'random' is not supported; expected linear, kmeans++ or optimal
// BADTHR: error: qnn-cluster-weights: threshold '-1.000000' is not supported; expected a finite value >= 0

!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02}>
!y = !quant.uniform<u8:f32, 0.05:0>
func.func @fc(%x: tensor<1x8x!x>) -> tensor<1x2x!y> {
  %raw = arith.constant dense<[[-127, -100, -60, -3, 0, 4, 70, 127], [10, 11, 12, 13, -50, -51, -52, 1]]> : tensor<2x8xi8>
  %w = quant.scast %raw : tensor<2x8xi8> to tensor<2x8x!w>
  %b = arith.constant dense<[5, -7]> : tensor<2xi32>
  %y = qnn.fully_connected %x, %w, %b : (tensor<1x8x!x>, tensor<2x8x!w>, tensor<2xi32>) -> tensor<1x2x!y>
  return %y : tensor<1x2x!y>
}

// Depthwise weights [KH, KW, C, M] cluster per input channel (axis 2, the
// channel of their scales): channel 0 holds 1, 2, 3, 4 and channel 1 holds
// -7, 5, 6, 7 (M = 2), each its own table.
// KM-LABEL: func.func @depthwise(
// KM: !qnn.codebook<2, !quant.uniform<i4<-7:7>:f32:2, {1.000000e-01,2.000000e-01}>, 2:{{\{}}{1, 2, 3, 4}, {-7, 5, 6, 7}}>
// 4-bit weights held one per byte come back through qnn.container_cast.
// DEC-LABEL: func.func @depthwise(
// DEC: qnn.container_cast %{{.*}} : tensor<2x2x2x2xi8> to tensor<2x2x2x2x!quant.uniform<i4<-7:7>:f32:2, {1.000000e-01,2.000000e-01}>>
!dx = !quant.uniform<i8:f32, 0.02:-1>
!dw = !quant.uniform<i4<-7:7>:f32:2, {0.1, 0.2}>
!dy = !quant.uniform<i8:f32, 0.05:0>
func.func @depthwise(%x: tensor<1x3x3x2x!dx>) -> tensor<1x2x2x4x!dy> {
  %raw = arith.constant dense<[[[[1, 2], [-7, 7]], [[3, 4], [6, 5]]], [[[1, 2], [-7, 7]], [[3, 4], [6, 5]]]]> : tensor<2x2x2x2xi8>
  %w = qnn.container_cast %raw : tensor<2x2x2x2xi8> to tensor<2x2x2x2x!dw>
  %y = qnn.depthwise_conv2d %x, %w : (tensor<1x3x3x2x!dx>, tensor<2x2x2x2x!dw>) -> tensor<1x2x2x4x!dy>
  return %y : tensor<1x2x2x4x!dy>
}
