// RUN: qnn-opt %s --qnn-distinct-results | FileCheck %s
// RUN: qnn-compile %s -o %t.so

// A value returned twice gets a copy for its second position (upstream's
// buffer-results-to-out-params crashed on it: qnn-compile now compiles it).

// CHECK-LABEL: func.func @twice
// CHECK: %[[A:.*]] = tosa.add
// CHECK: %[[C:.*]] = bufferization.alloc_tensor() copy(%[[A]]) : tensor<4xf32>
// CHECK: return %[[A]], %[[C]], %arg0
func.func @twice(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %a = tosa.add %x, %x : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %a, %a, %x : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
