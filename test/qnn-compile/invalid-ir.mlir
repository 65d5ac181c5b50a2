// RUN: rm -f %t.so %t.o %t.so-*.tmp
// RUN: not qnn-compile %s -o %t.so 2>&1 | FileCheck %s
// RUN: not test -e %t.so
// RUN: not ls %t.so-*.tmp
// RUN: not qnn-compile %s --emit=obj -o %t.o 2>&1 | FileCheck %s
// RUN: not test -e %t.o

// IR that fails the verifier is reported with the op, the operand and the
// rule, compilation stops with a nonzero status, and no output is written.

// CHECK: invalid-ir.mlir:[[# @LINE + 5]]:8: error: 'qnn.conv2d' op 'weight' dimension 3 is 4 but 'input' has 3 channels (rule N8.2)
// CHECK: qnn-compile: error: cannot parse '{{.*}}invalid-ir.mlir'
func.func @conv(%x: tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
                %w: tensor<2x3x3x4x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w
      : (tensor<1x4x4x3x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<2x3x3x4x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05:-3>>
}
