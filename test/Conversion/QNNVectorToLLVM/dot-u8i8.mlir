// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx512f,+avx512vnni | FileCheck %s --check-prefix=VNNI
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm | FileCheck %s --check-prefix=GENERIC

// With VNNI, qnn.dot_u8i8 is the vpdpbusd intrinsic.
// VNNI-LABEL: func.func @dot
// VNNI-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// VNNI: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[ACC]], %[[A]], %[[B]]) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// VNNI: return %[[R]]

// Without it: u8 x s8 products in i32, lane i adds products 4i .. 4i+3.
// GENERIC-LABEL: func.func @dot
// GENERIC-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// GENERIC-NOT: llvm.call_intrinsic
// GENERIC: %[[L:.*]] = arith.extui %[[A]] : vector<64xi8> to vector<64xi32>
// GENERIC: %[[R:.*]] = arith.extsi %[[B]] : vector<64xi8> to vector<64xi32>
// GENERIC: %[[P:.*]] = arith.muli %[[L]], %[[R]] : vector<64xi32>
// GENERIC: %[[S0:.*]] = vector.shuffle %[[P]], %[[P]] [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60]
// GENERIC: %[[T0:.*]] = arith.addi %[[ACC]], %[[S0]] : vector<16xi32>
// GENERIC: %[[S3:.*]] = vector.shuffle %[[P]], %[[P]] [3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47, 51, 55, 59, 63]
// GENERIC: %[[T3:.*]] = arith.addi %{{.*}}, %[[S3]] : vector<16xi32>
// GENERIC: return %[[T3]]
func.func @dot(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi8>) -> vector<16xi32> {
  %r = qnn.dot_u8i8 %acc, %a, %b : vector<16xi32>, vector<64xi8>, vector<64xi8>
  return %r : vector<16xi32>
}
