// RUN: not qnn-opt %s --split-input-file --qnn-to-llvm=requant-mode=round 2>&1 | FileCheck %s
// RUN: not qnn-opt %s --split-input-file --qnn-to-llvm 2>&1 >/dev/null | FileCheck %s --check-prefix=VERIFY

// The pipeline's requant-mode option is checked by the conversion pass.
// CHECK: error: invalid requant-mode 'round': expected 'fixed-point' or 'float'

// Invalid IR is rejected by the verifier before any lowering.
// VERIFY-NOT: error
// VERIFY: qnn-to-llvm-invalid.mlir:[[# @LINE + 13]]:8: error: 'qnn.requantize' op requires the same shape for all operands and results
// VERIFY-NOT: error
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}

// -----

func.func @shape_mismatch(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<5x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<5x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<5x!quant.uniform<i8:f32, 0.2:1>>
}
