// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(tosa|qnn|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// --qnn-to-llvm takes TOSA float ops (the importer's output form, see
// shared/DESIGN.md) next to qnn ops: upstream's tosa-to-linalg pipeline,
// tosa-to-tensor and tosa-to-arith run first, so nothing but the LLVM
// dialect is left. tosa.const becomes a global; the float conv and the
// fully connected layer stay f32 (llvm.fmul / llvm.fadd loops).

// CHECK-LABEL: llvm.func @float_then_quantized(
// CHECK: llvm.fmul
// CHECK: llvm.fadd
// CHECK: llvm.return
func.func @float_then_quantized(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x3x!quant.uniform<i8:f32, 0.05>> {
  %w = "tosa.const"() {values = dense<0.25> : tensor<3x1x1x2xf32>} : () -> tensor<3x1x1x2xf32>
  %b = "tosa.const"() {values = dense<[0.0, 1.0, -1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %zp = "tosa.const"() {values = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %y = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>} : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %q = qnn.quantize %y : tensor<1x4x4x3xf32> -> tensor<1x4x4x3x!quant.uniform<i8:f32, 0.05>>
  return %q : tensor<1x4x4x3x!quant.uniform<i8:f32, 0.05>>
}
