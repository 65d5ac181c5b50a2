// RUN: qnn-opt %s --qnn-quantize=mode=weight-only | FileCheck %s
// RUN: qnn-opt %s --qnn-quantize="mode=weight-only codebook=mode=kmeans,bits=1,keep-larger=true" | FileCheck %s --check-prefix=CB
// RUN: qnn-opt %s --qnn-quantize="mode=weight-only weight-bits=32" | FileCheck %s --check-prefix=F32
// RUN: not qnn-opt %s --qnn-quantize="mode=weight-only weight-bits=1" 2>&1 | FileCheck %s --check-prefix=BIN
// RUN: qnn-opt %s --qnn-quantize=mode=weight-only | qnn-opt --qnn-select-kernels=target-features=+avx2 | FileCheck %s --check-prefix=AVX2
// RUN: qnn-opt %s --qnn-quantize=mode=weight-only | qnn-opt --qnn-select-kernels=target-features=+avx512f,+avx512bw | FileCheck %s --check-prefix=AVX512
// RUN: qnn-opt %s --qnn-quantize="mode=weight-only codebook=mode=kmeans,bits=1,keep-larger=true" | qnn-opt --qnn-select-kernels=target-features=+avx2 | FileCheck %s --check-prefix=CBAVX2
// RUN: qnn-opt %s --qnn-quantize="mode=weight-only codebook=mode=kmeans,bits=1,keep-larger=true" | qnn-opt --qnn-select-kernels=target-features=+sse4.2 | FileCheck %s --check-prefix=NOSIMD

// Weight-only mode (rule N25): a fully connected layer (reshape, matmul
// with constant weights, reshape, bias add) keeps f32 activations and
// becomes qnn.weight_only_fc with its weights quantized as in static mode
// (i8 per output channel, symmetric: max |w| / 127 = 1 / 127 and
// 0.5 / 127), and the bias as an f32 operand. No statistics needed;
// observers go.

// CHECK-LABEL: func.func @fc
// CHECK-NOT: qnn.observe
// CHECK-NOT: tosa.matmul
// CHECK: %[[W:.*]] = quant.scast %{{.*}} : tensor<2x3xi8> to tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {0.0078740157186985015,0.0039370078593492508}>>
// CHECK: %[[B:.*]] = arith.constant dense<[5.000000e-01, 1.000000e+00]> : tensor<2xf32>
// CHECK: %[[Y:.*]] = qnn.weight_only_fc %arg0, %[[W]], %[[B]] : (tensor<2x3xf32>, {{.*}}, tensor<2xf32>) -> tensor<2x2xf32>
// CHECK: return %[[Y]]
// With a codebook, the op reads the indices (no qnn.decode).
// CB-NOT: qnn.decode
// CB: qnn.weight_only_fc %arg0, %{{.*}}, %{{.*}} : (tensor<2x3xf32>, tensor<2x3x!qnn.codebook<1, !quant.uniform<i8<-127:127>:f32:0,
// F32: tosa.matmul
// F32-NOT: qnn.weight_only_fc
// BIN: error: weight-only layers take 2 to 8 weight bits, not binary weights
// select-kernels: the wofc kernel, up to 4 rows per pass over the
// weights (here the 2 the layer has), for int8 weights and codebook
// indices (vpshufb); none without AVX2.
// AVX2: qnn.weight_only_fc {{.*}} {qnn.kernel = {kind = "wofc", rows = 2 : i64}}
// AVX512: qnn.weight_only_fc {{.*}} {qnn.kernel = {kind = "wofc", rows = 2 : i64}}
// CBAVX2: qnn.weight_only_fc {{.*}} {qnn.kernel = {kind = "wofc", rows = 2 : i64}} : (tensor<2x3xf32>, tensor<2x3x!qnn.codebook<1,
// NOSIMD-NOT: qnn.kernel

func.func @fc(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %o = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<2x3xf32>
  %s3 = tosa.const_shape {values = dense<[1, 2, 3]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x3 = tosa.reshape %o, %s3 : (tensor<2x3xf32>, !tosa.shape<3>) -> tensor<1x2x3xf32>
  %w = "tosa.const"() <{values = dense<[[[1.0, -0.5], [1.0, -0.5], [1.0, -0.5]]]> : tensor<1x3x2xf32>}> : () -> tensor<1x3x2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %m = tosa.matmul %x3, %w, %zp, %zp : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
  %s2 = tosa.const_shape {values = dense<[2, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %m, %s2 : (tensor<1x2x2xf32>, !tosa.shape<2>) -> tensor<2x2xf32>
  %b = "tosa.const"() <{values = dense<[[0.5, 1.0]]> : tensor<1x2xf32>}> : () -> tensor<1x2xf32>
  %a = tosa.add %r, %b : (tensor<2x2xf32>, tensor<1x2xf32>) -> tensor<2x2xf32>
  return %a : tensor<2x2xf32>
}
