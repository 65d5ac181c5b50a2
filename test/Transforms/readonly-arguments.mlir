// RUN: qnn-opt %s --qnn-readonly-arguments | FileCheck %s
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so public f32:3,0.5,-2,-1,-3,5 f32:2,1,-3 f32:0.5,-1,0 f32:1,0,-2 f32:4,0.25,1 out:f32:6 | FileCheck %s --check-prefix=OUT --match-full-lines
// %call refuses a function that writes an input buffer (the check above
// would catch a lowering that did):
// RUN: cc -shared -fPIC %S/../Execution/Inputs/writes-input.c -o %t.poke.so
// RUN: not %call %t.poke.so poke f32:0,0 out:f32:2 2>&1 | FileCheck %s --check-prefix=POKE

// Tensor arguments of public functions become read-only for bufferization;
// scalars, private functions and declarations are left alone. The batch
// norm's reference lowering computes in place into its input: with the
// input read-only it is copied into the output first, so the caller's
// buffer keeps its values (%call checks every input after the call).

// CHECK-LABEL: func.func @public
// CHECK-SAME: (%{{.*}}: tensor<2x3xf32> {bufferization.writable = false}, %{{.*}}: tensor<3xf32> {bufferization.writable = false}, %{{.*}}: tensor<3xf32> {bufferization.writable = false}, %{{.*}}: tensor<3xf32> {bufferization.writable = false}, %{{.*}}: tensor<3xf32> {bufferization.writable = false})
// OUT: out0: 2.5 0 0 -1.5 -7 -21
// POKE: input 0 was written: inputs are read-only (docs/abi.md)
func.func @public(%x: tensor<2x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>,
                  %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v {epsilon = 0.0 : f32}
      : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
      -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @scalar
// CHECK-SAME: (%{{.*}}: tensor<4xf32> {bufferization.writable = false}, %{{.*}}: f32) -> tensor<4xf32>
func.func @scalar(%x: tensor<4xf32>, %s: f32) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// CHECK-LABEL: func.func private @helper
// CHECK-SAME: (%{{.*}}: tensor<4xf32>) -> tensor<4xf32>
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// CHECK-LABEL: func.func private @external
// CHECK-SAME: (tensor<4xf32>)
func.func private @external(tensor<4xf32>)
