// RUN: rm -f %t.so
// RUN: not qnn-compile %s -o %t.so 2>&1 | FileCheck %s
// RUN: not test -e %t.so

// CHECK: index-array.mlir:[[@LINE+2]]:{{[0-9]+}}: error: dense arrays of 'index' are not supported
func.func @f(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.max_pool2d %x {kernel = array<index: 2, 2>, stride = array<i64: 2, 2>}
       : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>>
}
