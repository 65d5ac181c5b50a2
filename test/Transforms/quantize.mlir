// RUN: qnn-opt %s --qnn-quantize=stats=%S/Inputs/quantize-stats.json | FileCheck %s
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json weight-granularity=per-tensor activation-type=i8" | FileCheck %s --check-prefix=PT

// min-max ranges (rule: extend to 0, scale = (hi - lo) / 255, zp =
// round(-lo / scale)): x [-1, 1.55] -> 0.01:100; relu [0, 2.55] -> 0.01:0;
// sum [0, 5.1] -> 0.02:0. The conv's ReLU is fused (its output takes the
// relu observer's type), the pool keeps its input's type, and the add
// needs no requantize of the pool's value. Weights: per output channel,
// max|w| / 127 ({1, 2, 0.5} -> 1/127, 2/127, 0.5/127), all values 127 here;
// bias b / (s_x * s_w) = {0.5, 0, -1} / (0.01 * s_w).

// CHECK-LABEL: func.func @net
// CHECK-NOT: qnn.observe
// CHECK-NOT: tosa.conv2d
// CHECK: %[[XQ:.*]] = qnn.quantize %arg0 : tensor<1x4x4x2xf32> -> tensor<1x4x4x2x!quant.uniform<u8:f32, 0.0099999997764825821:100>>
// CHECK-DAG: %[[W:.*]] = arith.constant dense<127> : tensor<3x1x1x2xi8>
// CHECK-DAG: %[[WQ:.*]] = quant.scast %[[W]] : tensor<3x1x1x2xi8> to tensor<3x1x1x2x!quant.uniform<i8<-127:127>:f32:0, {0.0078740157186985015,0.015748031437397003,0.0039370078593492508}>>
// CHECK-DAG: %[[B:.*]] = arith.constant dense<[6350, 0, -25400]> : tensor<3xi32>
// CHECK: %[[C:.*]] = qnn.conv2d %[[XQ]], %[[WQ]], %[[B]] {activation = #qnn.activation<relu>} : {{.*}} -> tensor<1x4x4x3x!quant.uniform<u8:f32, 0.0099999997764825821>>
// CHECK: %[[P:.*]] = qnn.max_pool2d %[[C]] {{.*}} -> tensor<1x2x2x3x!quant.uniform<u8:f32, 0.0099999997764825821>>
// CHECK: %[[S:.*]] = qnn.add %[[P]], %[[P]] {{.*}} -> tensor<1x2x2x3x!quant.uniform<u8:f32, 0.019999999552965164>>
// CHECK: %[[D:.*]] = qnn.dequantize %[[S]]
// CHECK: return %[[D]]

// Per-tensor weights (one scale, max|w| = 2) and i8 activations
// (x [-1, 1.55] on [-128, 127] -> zero point -28).
// PT: qnn.quantize %arg0 {{.*}} -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.0099999997764825821:-28>>
// PT: quant.scast {{.*}} to tensor<3x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.015748031437397003>>
func.func @net(%x: tensor<1x4x4x2xf32>) -> tensor<1x2x2x3xf32> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x4x4x2xf32>
  %w = "tosa.const"() <{values = dense<[[[[1.0, 1.0]]], [[[2.0, 2.0]]], [[[0.5, 0.5]]]]> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() <{values = dense<[0.5, 0.0, -1.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %ox, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %oc = qnn.observe %c {id = 1 : i64, name = "conv"} : tensor<1x4x4x3xf32>
  %r = tosa.clamp %oc {min_val = 0.0 : f32, max_val = 3.4028235e38 : f32} : (tensor<1x4x4x3xf32>) -> tensor<1x4x4x3xf32>
  %or = qnn.observe %r {id = 2 : i64, name = "relu"} : tensor<1x4x4x3xf32>
  %p = tosa.max_pool2d %or {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>} : (tensor<1x4x4x3xf32>) -> tensor<1x2x2x3xf32>
  %op = qnn.observe %p {id = 3 : i64, name = "pool"} : tensor<1x2x2x3xf32>
  %s = tosa.add %op, %op : (tensor<1x2x2x3xf32>, tensor<1x2x2x3xf32>) -> tensor<1x2x2x3xf32>
  %os = qnn.observe %s {id = 4 : i64, name = "sum"} : tensor<1x2x2x3xf32>
  return %os : tensor<1x2x2x3xf32>
}

// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json weight-bits=4" | FileCheck %s --check-prefix=W4
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json layer-bits=relu=2" | FileCheck %s --check-prefix=L2
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json layer-bits=relu=32" | FileCheck %s --check-prefix=F32
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json weight-bits=1" | FileCheck %s --check-prefix=B1
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json codebook=mode=kmeans,bits=2,keep-larger=true" | FileCheck %s --check-prefix=CB
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json codebook=mode=ternary" | FileCheck %s --check-prefix=CBSKIP
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json weight-scale=minmax" 2>&1 | FileCheck %s --check-prefix=BADS
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json layer-bits=relu" 2>&1 | FileCheck %s --check-prefix=BADL
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json weight-bits=9" 2>&1 | FileCheck %s --check-prefix=BADW
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json layer-bits=relu=4t" | FileCheck %s --check-prefix=L4T
// RUN: sed 's/{acc_type/{qnn.bits = 8 : i64, qnn.weight_granularity = "per-tensor", acc_type/' %s | qnn-opt --qnn-quantize="stats=%S/Inputs/quantize-stats.json" | FileCheck %s --check-prefix=ATTRT
// RUN: sed 's/{acc_type/{qnn.weight_granularity = "per-row", acc_type/' %s | not qnn-opt --qnn-quantize="stats=%S/Inputs/quantize-stats.json" 2>&1 | FileCheck %s --check-prefix=BADG
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json layer-bits=relu=32t" 2>&1 | FileCheck %s --check-prefix=BADL
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json layer-bits=relu=kmeans8" 2>&1 | FileCheck %s --check-prefix=BADL
// One layer's codebook: a codebook width in layer-bits, or a qnn.codebook
// attribute (as qnn-assign-precision writes it), replaces the codebook
// option's mode and bits; its other keys still apply (keep-larger: the 6
// weights' 4-bit codebook, 3 bytes of indices and 3 one-entry tables, is
// not smaller than their 6 bytes).
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json codebook=keep-larger=true layer-bits=relu=kmeans4" | FileCheck %s --check-prefix=LCB
// RUN: sed 's/{acc_type/{qnn.bits = 8 : i64, qnn.codebook = "ternary", acc_type/' %s | qnn-opt --qnn-quantize="stats=%S/Inputs/quantize-stats.json codebook=keep-larger=true" | FileCheck %s --check-prefix=ACB
// Without keep-larger the layer stays uniform, as with the codebook option.
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-stats.json layer-bits=relu=kmeans4" | FileCheck %s --check-prefix=CBSKIP
// RUN: sed 's/{acc_type/{qnn.codebook = "kmeans9", acc_type/' %s | not qnn-opt --qnn-quantize="stats=%S/Inputs/quantize-stats.json" 2>&1 | FileCheck %s --check-prefix=BADCB

// Narrower weights: symmetric narrow range [-7, 7] for 4 bits (scales
// max|w| / 7), one value per byte through qnn.container_cast; a layer named
// by its output's observer ("relu": the conv's fused ReLU; "conv" works
// too) at 2 bits
// ([-1, 1]: ternary) or kept float (32).
// The codebook option (rule N23.3): every weight of each channel is 127,
// a one-entry table per channel; 2-bit indices, all 0, through qnn.decode.
// CB: %[[I:.*]] = arith.constant dense<0> : tensor<3x1x1x2xi8>
// CB: %[[C:.*]] = qnn.container_cast %[[I]] : tensor<3x1x1x2xi8> to tensor<3x1x1x2x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0, {0.0078740157186985015,0.015748031437397003,0.0039370078593492508}>, 0:{{\{}}{127}, {127}, {127}}>>
// CB: %[[W:.*]] = qnn.decode %[[C]]
// CB: qnn.conv2d %{{.*}}, %[[W]]
// Without keep-larger the 6-weight layer keeps its int8 weights: 2-bit
// indices and a 3-entry table per channel would take 11 bytes, not 6.
// CBSKIP-NOT: qnn.decode
// CBSKIP: quant.scast
// W4: %[[W:.*]] = arith.constant dense<7> : tensor<3x1x1x2xi8>
// W4: qnn.container_cast %[[W]] : tensor<3x1x1x2xi8> to tensor<3x1x1x2x!quant.uniform<i4<-7:7>:f32:0, {0.1428571492433548,0.28571429848670959,0.071428574621677399}>>
// L2: qnn.container_cast {{.*}} to tensor<3x1x1x2x!quant.uniform<i2<-1:1>:f32:0, {1.000000e+00,2.000000e+00,5.000000e-01}>>
// Binary: sign(w) (all positive here) times mean |w| per channel, in
// the 2-bit storage type with range [-1, 1].
// B1: %[[W:.*]] = arith.constant dense<1> : tensor<3x1x1x2xi8>
// B1: qnn.container_cast %[[W]] : tensor<3x1x1x2xi8> to tensor<3x1x1x2x!quant.uniform<i2<-1:1>:f32:0, {1.000000e+00,2.000000e+00,5.000000e-01}>>
// BADS: error: weight-scale must be max or mse, got 'minmax'
// F32: tosa.conv2d
// F32: tosa.clamp
// F32-NOT: qnn.conv2d
// F32: qnn.max_pool2d
// BADL: error: layer-bits entry 'relu{{(=32t|=kmeans8)?}}' must be NAME=BITS with BITS 1 to 8 or 32, 1t to 8t for one scale per tensor, kmeans1 to kmeans7 or ternary
// A "t" width: one scale for the tensor (max|w| = 2 over 7 levels), values
// round(w / s) = {3, 7, 2} (1 / (2 / 7) is just below 3.5 in doubles).
// L4T: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}3, 3]]], {{\[\[\[}}7, 7]]], {{\[\[\[}}2, 2]]]]> : tensor<3x1x1x2xi8>
// L4T: qnn.container_cast %[[W]] : tensor<3x1x1x2xi8> to tensor<3x1x1x2x!quant.uniform<i4<-7:7>:f32, 0.28571429848670959>>
// qnn-assign-precision's qnn.weight_granularity attribute does the same.
// ATTRT: quant.scast {{.*}} to tensor<3x1x1x2x!quant.uniform<i8<-127:127>:f32, 0.015748031437397003>>
// LCB: qnn.container_cast %{{.*}} : tensor<3x1x1x2xi8> to tensor<3x1x1x2x!qnn.codebook<4, !quant.uniform<i8<-127:127>:f32:0,
// LCB: qnn.decode
// ACB: qnn.container_cast %{{.*}} : tensor<3x1x1x2xi8> to tensor<3x1x1x2x!qnn.codebook<2, !quant.uniform<i8<-127:127>:f32:0,
// ACB: qnn.decode
// BADCB: error: 'qnn.codebook' must be "kmeans1" to "kmeans7" or "ternary", got "kmeans9"
// BADG: error: 'qnn.weight_granularity' must be "per-channel" or "per-tensor", got "per-row"
// BADW: error: weight-bits must be 1 (binary), 2 to 8 or 32 (float), got 9
