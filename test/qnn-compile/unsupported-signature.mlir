// RUN: rm -f %t.so %t.o
// RUN: not qnn-compile %s -o %t.so 2>&1 | FileCheck %s
// RUN: not test -e %t.so
// RUN: not test -e %t.so.tmp

// A function over a dynamically shaped tensor verifies but has no static C
// ABI: qnn-compile names the function and argument and writes nothing.
// CHECK: error: function @dynamic argument #0 has type 'tensor<?x!quant.uniform<i8:f32, 1.000000e+00>>'; the reference lowering needs statically shaped ranked tensors
// CHECK: qnn-compile: error: lowering '{{.*}}unsupported-signature.mlir' failed
func.func @dynamic(%a: tensor<?x!quant.uniform<i8:f32, 1.0>>) -> tensor<?x!quant.uniform<i8:f32, 1.0>> {
  return %a : tensor<?x!quant.uniform<i8:f32, 1.0>>
}
