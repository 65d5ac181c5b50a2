// MLIR 22's parser dereferences null on a dense array of `index`; qnn-opt
// reports it instead of crashing, from a file and from standard input.
// RUN: not qnn-opt %s 2>&1 | FileCheck %s
// RUN: not qnn-opt < %s 2>&1 | FileCheck %s --check-prefix=STDIN
// RUN: not qnn-opt %s -split-input-file 2>&1 | FileCheck %s

// CHECK: index-array.mlir:[[@LINE+3]]:{{[0-9]+}}: error: dense arrays of 'index' are not supported (MLIR 22's parser cannot read them); use array<i64: ...>
// STDIN: <stdin>:[[@LINE+2]]:{{[0-9]+}}: error: dense arrays of 'index' are not supported
func.func @f(%x: tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>> {
  %y = qnn.max_pool2d %x {kernel = array<index: 2, 2>, stride = array<i64: 2, 2>}
       : tensor<1x4x4x1x!quant.uniform<i8:f32, 0.1>> -> tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>>
  return %y : tensor<1x2x2x1x!quant.uniform<i8:f32, 0.1>>
}

// -----

// Through a type alias of index, too (the guard resolves aliases).
// RUN: not qnn-opt %S/Inputs/index-alias.mlir 2>&1 | FileCheck %s --check-prefix=ALIAS
// ALIAS: index-alias.mlir:3:32: error: dense arrays of 'index' are not supported
