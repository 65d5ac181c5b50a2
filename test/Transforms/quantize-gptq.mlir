// weight-rounding=gptq (rule N26). One 1x1 conv with weights
// [1.0, 0.5, 0.5] at 3 bits: the scale is f32(1/3), a little above 1/3,
// so w / s = [3, 1.4999999, 1.4999999] and rounding to nearest gives
// [3, 1, 1] (5 s = 1.67 for the true 2.0 when all inputs are equal).
// The samples' three channels are equal, so the Gram matrix is a multiple
// of all-ones: GPTQ carries the second weight's error (+0.5 steps) to the
// third, 1.5 + 0.495 -> 2: [3, 1, 2] (6 s = 2.0). All columns have the
// same mean square, so act-order keeps the storage order.
// RUN: %python %S/Inputs/gptq-samples.py %t.good.bin good
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-bits=3" | FileCheck %s --check-prefix=NEAR
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-bits=3 weight-rounding=gptq samples=%t.good.bin" | FileCheck %s --check-prefix=GPTQ
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-bits=3 weight-rounding=gptq samples=%t.good.bin gptq-act-order=false" | FileCheck %s --check-prefix=GPTQ
// With a 2-entry codebook of the 8-bit weights ({127, 64} after k-means of
// [127, 64, 64]): nearest keeps [127, 64, 64]; the table is exact, so
// GPTQ has no error to carry and keeps them too.
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json codebook=bits=1,keep-larger=true weight-rounding=gptq samples=%t.good.bin" | FileCheck %s --check-prefix=CB
// Through the pipeline as the Python package runs it.
// RUN: qnn-opt %s --qnn-ptq-pipeline="stats=%S/Inputs/quantize-gptq-stats.json weight-bits=3 weight-rounding=gptq samples=%t.good.bin" | FileCheck %s --check-prefix=GPTQ

// NEAR: arith.constant dense<{{\[\[\[\[}}3, 1, 1]]]]> : tensor<1x1x1x3xi8>
// GPTQ: arith.constant dense<{{\[\[\[\[}}3, 1, 2]]]]> : tensor<1x1x1x3xi8>
// CB: arith.constant dense<{{\[\[\[\[}}1, 0, 0]]]]> : tensor<1x1x1x3xi8>
// CB: !qnn.codebook<1, {{.*}}64, 127}}>>

// Errors.
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=obq" 2>&1 | FileCheck %s --check-prefix=ROUND
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq" 2>&1 | FileCheck %s --check-prefix=NOSAMPLES
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.good.bin stochastic-rounding-seed=1" 2>&1 | FileCheck %s --check-prefix=STOCH
// RUN: not qnn-opt %s --qnn-quantize="mode=dynamic weight-rounding=gptq samples=%t.good.bin" 2>&1 | FileCheck %s --check-prefix=DYN
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.good.bin gptq-damp=0" 2>&1 | FileCheck %s --check-prefix=DAMP
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.none.bin" 2>&1 | FileCheck %s --check-prefix=UNREAD
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%s" 2>&1 | FileCheck %s --check-prefix=MAGIC
// RUN: %python %S/Inputs/gptq-samples.py %t.wrongname.bin wrongname
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.wrongname.bin" 2>&1 | FileCheck %s --check-prefix=NAME
// RUN: %python %S/Inputs/gptq-samples.py %t.wrongshape.bin wrongshape
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.wrongshape.bin" 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: %python %S/Inputs/gptq-samples.py %t.nan.bin nan
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.nan.bin" 2>&1 | FileCheck %s --check-prefix=NAN
// RUN: %python %S/Inputs/gptq-samples.py %t.trunc.bin trunc
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.trunc.bin" 2>&1 | FileCheck %s --check-prefix=TRUNC
// RUN: %python %S/Inputs/gptq-samples.py %t.empty.bin empty
// RUN: not qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json weight-rounding=gptq samples=%t.empty.bin" 2>&1 | FileCheck %s --check-prefix=NOLAYER

// ROUND: error: weight-rounding must be nearest or gptq, got 'obq'
// NOSAMPLES: error: weight-rounding=gptq needs samples=<file>: activation samples of the layers' inputs
// STOCH: error: weight-rounding=gptq and stochastic-rounding-seed exclude each other
// DYN: error: weight-rounding=gptq needs mode=static
// DAMP: error: gptq-damp must be a positive number, got 0
// UNREAD: error: the samples file {{.*}}none.bin cannot be read:
// MAGIC: error: the samples file {{.*}}quantize-gptq.mlir is not a qnn activation samples file (it does not start with "QNNSAMP1")
// NAME: error: the samples file {{.*}}wrongname.bin was made for another model: observer 0 is 'y' [8, 4, 4, 3] there, 'x' [1, 4, 4, 3] here (the first dimension counts samples)
// SHAPE: error: the samples file {{.*}}wrongshape.bin was made for another model: observer 0 is 'x' [8, 4, 4, 2] there, 'x' [1, 4, 4, 3] here
// NAN: error: the samples file {{.*}}nan.bin holds a value that is not finite for observer 0 ('x')
// TRUNC: error: the samples file {{.*}}trunc.bin is cut short in the data of observer 0 ('x')
// NOLAYER: error: weight-rounding=gptq: the samples file {{.*}}empty.bin has no samples of this layer's input

func.func @net(%x: tensor<1x4x4x3xf32>) -> tensor<1x4x4x1xf32> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x4x4x3xf32>
  %w = "tosa.const"() <{values = dense<[[[[1.0, 0.5, 0.5]]]]> : tensor<1x1x1x3xf32>}> : () -> tensor<1x1x1x3xf32>
  %b = "tosa.const"() <{values = dense<[0.0]> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %ox, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x3xf32>, tensor<1x1x1x3xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  %oc = qnn.observe %c {id = 1 : i64, name = "conv"} : tensor<1x4x4x1xf32>
  return %oc : tensor<1x4x4x1xf32>
}
