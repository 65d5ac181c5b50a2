// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|bufferization|func)\.[a-z]}}'

// Results become caller-allocated output pointers appended after the
// inputs, in result order; the function returns nothing.

// Two inputs, two results: (in0, in1, out0, out1). The quantized result is
// stored as i8 into out0, the f32 one into out1.
// CHECK-LABEL: llvm.func @two_results
// CHECK-SAME: (%[[IN0:.*]]: !llvm.ptr, %[[IN1:.*]]: !llvm.ptr, %[[OUT0:.*]]: !llvm.ptr, %[[OUT1:.*]]: !llvm.ptr) {
// CHECK-DAG: llvm.getelementptr{{.*}}%[[OUT0]]{{.*}}i8
// CHECK-DAG: llvm.getelementptr{{.*}}%[[OUT1]]{{.*}}f32
// CHECK: llvm.return{{$}}
func.func @two_results(%x: tensor<4xf32>, %y: tensor<4xf32>)
    -> (tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4xf32>) {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %d = qnn.batch_norm %y, %y, %y, %y, %y
      : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %q, %d : tensor<4x!quant.uniform<i8:f32, 0.5>>, tensor<4xf32>
}

// No inputs: the only argument is the output.
// CHECK-LABEL: llvm.func @constant_only
// CHECK-SAME: (%[[OUT:.*]]: !llvm.ptr) {
// CHECK: llvm.return{{$}}
func.func @constant_only() -> tensor<2x!quant.uniform<i8:f32, 0.5>> {
  %c = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %q = qnn.quantize %c : tensor<2xf32> -> tensor<2x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<2x!quant.uniform<i8:f32, 0.5>>
}

// Calls follow the same convention: the caller allocates the callee's
// output buffer and passes it after the inputs.
// CHECK-LABEL: llvm.func @helper
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr)
// CHECK-LABEL: llvm.func @caller
// CHECK-SAME: (%[[X:.*]]: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: %[[BUF:.*]] = llvm.call @malloc
// CHECK: llvm.call @helper(%[[X]], %{{.*}}) : (!llvm.ptr, !llvm.ptr) -> ()
// CHECK: llvm.call @free(%[[BUF]])
// CHECK: llvm.return{{$}}
func.func private @helper(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5>>
}
func.func @caller(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = func.call @helper(%x) : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %d = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4xf32>
  return %d : tensor<4xf32>
}
