// weight-rounding=gptq on codebook weights refits the tables (rule N26.5,
// gptq-table-update). One 1x1 conv with weights [1.0, 0.5, 0.4] on the
// 8-bit grid (scale 1/127): x = [127, 63.5, 50.8], stored nearest as
// [127, 64, 51]; a 2-entry k-means table of those is {58, 127} (51 and 64
// share 57.5, rounded up). The samples' channels are equal, so the Gram
// matrix is a multiple of all-ones plus the damping: what counts is the
// error of the sum, 241.3.
// Without the update GPTQ rounds 127 -> 127, 63.5 -> 58 (+5.5 carried),
// 56.3 -> 58: [127, 58, 58], sum 243 (error 1.7).
// The update solves for the entries with that assignment ([1, 0, 0]): the
// sum 127 + 2 v0 should be 241.3, and the damping keeps 127, so v0 =
// 57.15 -> 57, and GPTQ again gives [127, 57, 57], sum 241 (error 0.3).
// A second refit gives the same table, so the error does not drop and the
// update stops.
// RUN: %python %S/Inputs/gptq-samples.py %t.bin good
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json codebook=bits=1,keep-larger=true weight-rounding=gptq samples=%t.bin gptq-table-update=false" | FileCheck %s --check-prefix=KEEP
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json codebook=bits=1,keep-larger=true weight-rounding=gptq samples=%t.bin" | FileCheck %s --check-prefix=FIT
// RUN: qnn-opt %s --qnn-ptq-pipeline="stats=%S/Inputs/quantize-gptq-stats.json codebook=bits=1,keep-larger=true weight-rounding=gptq samples=%t.bin gptq-table-update=false" | FileCheck %s --check-prefix=KEEP
// Ternary tables keep their {-a, 0, +a} form: the same with and without.
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json codebook=mode=ternary,keep-larger=true weight-rounding=gptq samples=%t.bin gptq-table-update=false" > %t.tern-keep.mlir
// RUN: qnn-opt %s --qnn-quantize="stats=%S/Inputs/quantize-gptq-stats.json codebook=mode=ternary,keep-larger=true weight-rounding=gptq samples=%t.bin" > %t.tern-fit.mlir
// RUN: diff %t.tern-keep.mlir %t.tern-fit.mlir

// KEEP: arith.constant dense<{{\[\[\[\[}}1, 0, 0]]]]> : tensor<1x1x1x3xi8>
// KEEP: !qnn.codebook<1, {{.*}}{{[{][{]}}58, 127}}>>
// FIT: arith.constant dense<{{\[\[\[\[}}1, 0, 0]]]]> : tensor<1x1x1x3xi8>
// FIT: !qnn.codebook<1, {{.*}}{{[{][{]}}57, 127}}>>

func.func @net(%x: tensor<1x4x4x3xf32>) -> tensor<1x4x4x1xf32> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x4x4x3xf32>
  %w = "tosa.const"() <{values = dense<[[[[1.0, 0.5, 0.4]]]]> : tensor<1x1x1x3xf32>}> : () -> tensor<1x1x1x3xf32>
  %b = "tosa.const"() <{values = dense<[0.0]> : tensor<1xf32>}> : () -> tensor<1xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %ox, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x3xf32>, tensor<1x1x1x3xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x1xf32>
  %oc = qnn.observe %c {id = 1 : i64, name = "conv"} : tensor<1x4x4x1xf32>
  return %oc : tensor<1x4x4x1xf32>
}
