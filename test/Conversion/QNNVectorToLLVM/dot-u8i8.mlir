// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx512f,+avx512vnni | FileCheck %s --check-prefix=VNNI
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm | FileCheck %s --check-prefix=GENERIC
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx2 | FileCheck %s --check-prefix=AVX2
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx512f,+avx512bw | FileCheck %s --check-prefix=BW

// With VNNI, qnn.dot_u8i8 is the vpdpbusd intrinsic.
// VNNI-LABEL: func.func @dot
// VNNI-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// VNNI: %[[R:.*]] = llvm.call_intrinsic "llvm.x86.avx512.vpdpbusd.512"(%[[ACC]], %[[A]], %[[B]]) : (vector<16xi32>, vector<64xi8>, vector<64xi8>) -> vector<16xi32>
// VNNI: return %[[R]]

// Without VNNI, AVX512BW and AVX2, u8 x s8 products through i16 (zext, sext) in i32, summed in
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

// On AVX2 targets: two ymm halves, each vpmaddubsw (u8 x s8 pair sums into i16)
// then vpmaddwd against ones (pairs of pairs into i32). The u8 operand is
// split into its low 7 bits and its top bit so that no i16 pair sum
// saturates: 127 * 2 * 128 and 128 * 2 * 128 are within [-32768, 32767].
// AVX2-LABEL: func.func @dot
// AVX2-SAME: (%[[ACC:.*]]: vector<16xi32>, %[[A:.*]]: vector<64xi8>, %[[B:.*]]: vector<64xi8>)
// AVX2-DAG: %[[ONES:.*]] = arith.constant dense<1> : vector<16xi16>
// AVX2-DAG: %[[A0:.*]] = vector.shuffle %[[A]], %[[A]] [0, 1, {{.*}}, 31] : vector<64xi8>, vector<64xi8>
// AVX2-DAG: %[[B0:.*]] = vector.shuffle %[[B]], %[[B]] [0, 1, {{.*}}, 31] : vector<64xi8>, vector<64xi8>
// AVX2: %[[M7F:.*]] = arith.constant dense<127> : vector<32xi8>
// AVX2: %[[LO:.*]] = arith.andi %[[A0]], %[[M7F]] : vector<32xi8>
// AVX2: %[[M80:.*]] = arith.constant dense<-128> : vector<32xi8>
// AVX2: %[[HI:.*]] = arith.andi %[[A0]], %[[M80]] : vector<32xi8>
// AVX2: %[[PLO:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.ub.sw"(%[[LO]], %[[B0]]) : (vector<32xi8>, vector<32xi8>) -> vector<16xi16>
// AVX2: %[[QLO:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[PLO]], %[[ONES]]) : (vector<16xi16>, vector<16xi16>) -> vector<8xi32>
// AVX2: %[[PHI:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.ub.sw"(%[[HI]], %[[B0]])
// AVX2: %[[QHI:.*]] = llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"(%[[PHI]], %[[ONES]])
// AVX2: %[[H0:.*]] = arith.addi %[[QLO]], %[[QHI]] : vector<8xi32>
// AVX2: vector.shuffle %[[A]], %[[A]] [32, 33, {{.*}}, 63] : vector<64xi8>, vector<64xi8>
// AVX2: %[[H1:.*]] = arith.addi %{{.*}}, %{{.*}} : vector<8xi32>
// AVX2: %[[BOTH:.*]] = vector.shuffle %[[H0]], %[[H1]] [0, 1, {{.*}}, 15] : vector<8xi32>, vector<8xi32>
// AVX2: %[[SUM:.*]] = arith.addi %[[ACC]], %[[BOTH]] : vector<16xi32>
// AVX2: return %[[SUM]]
// AVX2-LABEL: func.func @dot_narrow
// AVX2-NOT: arith.andi
// AVX2: llvm.call_intrinsic "llvm.x86.avx2.pmadd.ub.sw"
// AVX2: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// AVX2-NOT: arith.andi
// AVX2: llvm.call_intrinsic "llvm.x86.avx2.pmadd.ub.sw"
// AVX2: llvm.call_intrinsic "llvm.x86.avx2.pmadd.wd"
// AVX2-NOT: llvm.call_intrinsic
// AVX2: return

// On AVX512BW targets: the same on one zmm register.
// BW-LABEL: func.func @dot
// BW-COUNT-2: llvm.call_intrinsic "llvm.x86.avx512.pmaddubs.w.512"({{.*}}) : (vector<64xi8>, vector<64xi8>) -> vector<32xi16>
// BW-LABEL: func.func @dot_narrow
// BW-NOT: arith.andi
// BW: %[[P:.*]] = llvm.call_intrinsic "llvm.x86.avx512.pmaddubs.w.512"(%[[A:.*]], %[[B:.*]]) : (vector<64xi8>, vector<64xi8>) -> vector<32xi16>
// BW: %[[Q:.*]] = llvm.call_intrinsic "llvm.x86.avx512.pmaddw.d.512"(%[[P]], %{{.*}}) : (vector<32xi16>, vector<32xi16>) -> vector<16xi32>
// BW: arith.addi %{{.*}}, %[[Q]] : vector<16xi32>
// GENERIC-LABEL: func.func @dot_narrow
// GENERIC-NOT: llvm.call_intrinsic
func.func @dot_narrow(%acc: vector<16xi32>, %a: vector<64xi8>, %b: vector<64xi8>) -> vector<16xi32> {
  %r = qnn.dot_u8i8 %acc, %a, %b {narrow_rhs} : vector<16xi32>, vector<64xi8>, vector<64xi8>
  return %r : vector<16xi32>
}
