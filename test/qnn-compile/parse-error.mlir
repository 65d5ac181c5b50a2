// RUN: rm -f %t.o
// RUN: not qnn-compile %s -o %t.o 2>&1 | FileCheck %s
// RUN: not test -e %t.o

// A syntax error is reported at its location; nothing is written.
// CHECK: parse-error.mlir:[[# @LINE + 3]]:{{[0-9]+}}: error: expected ')'
// CHECK: qnn-compile: error: cannot parse '{{.*}}parse-error.mlir'
func.func @broken(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = qnn.observe %x {id = 1 : i64} : (tensor<4xf32>
  return %y : tensor<4xf32>
}
