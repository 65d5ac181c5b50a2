// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s

// CHECK-LABEL: func.func @dot
// CHECK-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// CHECK: qnn.dot_u8i8 %[[ACC]], %[[A]], %[[B]] : vector<16xi32>, vector<64xi8>, vector<64xi8>
func.func @dot(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi8>) -> vector<16xi32> {
  %r = qnn.dot_u8i8 %acc, %a, %b : vector<16xi32>, vector<64xi8>, vector<64xi8>
  return %r : vector<16xi32>
}
