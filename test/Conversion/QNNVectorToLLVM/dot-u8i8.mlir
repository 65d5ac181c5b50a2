// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx512f,+avx512vnni | FileCheck %s --check-prefix=VNNI
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm | FileCheck %s --check-prefix=GENERIC

// With VNNI, qnn.dot_u8i8 is the vpdpbusd intrinsic.
// VNNI-LABEL: func.func @dot
// VNNI-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// VNNI: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[ACC]], %[[A]], %[[B]]) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// VNNI: return %[[R]]

// Without it: u8 x s8 products through i16 (zext, sext) in i32, summed in
// pairs and the pairs in pairs (the vpmaddwd shape); lane i adds products
// 4i .. 4i+3.
// GENERIC-LABEL: func.func @dot
// GENERIC-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// GENERIC-NOT: llvm.call_intrinsic
// GENERIC: %[[L16:.*]] = arith.extui %[[A]] : vector<64xi8> to vector<64xi16>
// GENERIC: %[[L:.*]] = arith.extsi %[[L16]] : vector<64xi16> to vector<64xi32>
// GENERIC: %[[R16:.*]] = arith.extsi %[[B]] : vector<64xi8> to vector<64xi16>
// GENERIC: %[[R:.*]] = arith.extsi %[[R16]] : vector<64xi16> to vector<64xi32>
// GENERIC: %[[P:.*]] = arith.muli %[[L]], %[[R]] : vector<64xi32>
// GENERIC: %[[E:.*]] = vector.shuffle %[[P]], %[[P]] [0, 2, 4, {{.*}}, 60, 62] : vector<64xi32>, vector<64xi32>
// GENERIC: %[[O:.*]] = vector.shuffle %[[P]], %[[P]] [1, 3, 5, {{.*}}, 61, 63] : vector<64xi32>, vector<64xi32>
// GENERIC: %[[PAIRS:.*]] = arith.addi %[[E]], %[[O]] : vector<32xi32>
// GENERIC: %[[E2:.*]] = vector.shuffle %[[PAIRS]], %[[PAIRS]] [0, 2, {{.*}}, 30] : vector<32xi32>, vector<32xi32>
// GENERIC: %[[O2:.*]] = vector.shuffle %[[PAIRS]], %[[PAIRS]] [1, 3, {{.*}}, 31] : vector<32xi32>, vector<32xi32>
// GENERIC: %[[QUADS:.*]] = arith.addi %[[E2]], %[[O2]] : vector<16xi32>
// GENERIC: %[[SUM:.*]] = arith.addi %[[ACC]], %[[QUADS]] : vector<16xi32>
// GENERIC: return %[[SUM]]
func.func @dot(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi8>) -> vector<16xi32> {
  %r = qnn.dot_u8i8 %acc, %a, %b : vector<16xi32>, vector<64xi8>, vector<64xi8>
  return %r : vector<16xi32>
}
