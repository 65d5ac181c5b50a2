// The C++ embedding example (examples/embed/qnn-embed.cpp) quantizes this
// float module in process with the statistics of
// test/Transforms/Inputs/quantize-stats.json, compiles it, and calls it on
// inputs 0.25 * (i % 9 - 4). Its results are those of the tools:
// qnn-opt --qnn-ptq-pipeline, then qnn-compile --kernels=auto, called
// through the C ABI on the same inputs.
// RUN: qnn-embed %s %t.so %S/../Transforms/Inputs/quantize-stats.json > %t.out
// RUN: qnn-opt %s --qnn-ptq-pipeline="stats=%S/../Transforms/Inputs/quantize-stats.json method=percentile" -o %t.q.mlir
// RUN: qnn-compile %t.q.mlir --kernels=auto -o %t.tools.so
// RUN: %call %t.tools.so net f32:-1.0,-0.75,-0.5,-0.25,0.0,0.25,0.5,0.75,1.0,-1.0,-0.75,-0.5,-0.25,0.0,0.25,0.5,0.75,1.0,-1.0,-0.75,-0.5,-0.25,0.0,0.25,0.5,0.75,1.0,-1.0,-0.75,-0.5,-0.25,0.0 out:f32:12 >> %t.out
// RUN: FileCheck %s --input-file=%t.out
//
// The quantized types qnn chose (percentile ranges of the statistics).
// CHECK: qnn.quantize -> tensor<1x4x4x2x!quant.uniform<u8:f32, {{.*}}>>
// CHECK: qnn.conv2d -> tensor<1x4x4x3x!quant.uniform<u8:f32, {{.*}}>>
// CHECK: qnn.max_pool2d
// CHECK: qnn.add
// CHECK: qnn.dequantize -> tensor<1x2x2x3xf32>
// CHECK: @net result 0: [[OUT:.*]]
// CHECK: out0: [[OUT]]
//
// Errors name the culprit and exit nonzero.
// RUN: not qnn-embed %t.missing.mlir %t.x.so 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: {{.*}}missing.mlir{{.*}}
// RUN: not qnn-embed %s 2>&1 | FileCheck %s --check-prefix=USAGE
// USAGE: usage: qnn-embed MODEL.mlir OUT.so [STATS.json]
// RUN: not qnn-embed %s %t.y.so %t.nostats.json 2>&1 | FileCheck %s --check-prefix=NOSTATS
// NOSTATS: error: {{.*}}nostats.json

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
