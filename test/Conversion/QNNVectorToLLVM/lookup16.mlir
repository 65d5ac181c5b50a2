// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx512f,+avx512bw | FileCheck %s --check-prefix=ZMM
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx2 | FileCheck %s --check-prefix=YMM
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm | FileCheck %s --check-prefix=GEN

// qnn.lookup16 (result[j] = table[idx[j] & 15]): vpshufb with the table in
// every 128-bit lane after masking the indices to 4 bits (bit 7 would zero
// the byte), on one zmm or two ymm halves; one extract per byte otherwise.

// ZMM-LABEL: func.func @lookup
// ZMM: vector.shuffle %arg0, %arg0 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1,
// ZMM: arith.andi
// ZMM: llvm.call_intrinsic "llvm.x86.avx512.pshuf.b.512"
// ZMM-NOT: llvm.call_intrinsic
// YMM-LABEL: func.func @lookup
// YMM: arith.andi
// YMM-COUNT-2: llvm.call_intrinsic "llvm.x86.avx2.pshuf.b"
// GEN-LABEL: func.func @lookup
// GEN-NOT: llvm.call_intrinsic
// GEN-COUNT-64: vector.extract %arg0
func.func @lookup(%table: vector<16xi8>, %idx: vector<64xi8>) -> vector<64xi8> {
  %r = qnn.lookup16 %table, %idx : vector<16xi8>, vector<64xi8>
  return %r : vector<64xi8>
}

// qnn.lane_lookup16 (result[j] = tables[16 (j / 16) + (idx[j] & 15)]): the
// same vpshufb with each lane's own table; without AVX2 the lane's offset
// 16 (j / 16) joins the masked index before the per-byte extracts.
// ZMM-LABEL: func.func @lanes
// ZMM: arith.andi
// ZMM-NEXT: llvm.call_intrinsic "llvm.x86.avx512.pshuf.b.512"(%arg0,
// ZMM-NOT: llvm.call_intrinsic
// YMM-LABEL: func.func @lanes
// YMM: vector.shuffle %arg0, %arg0 [0, 1, 2, {{.*}}, 31]
// YMM: llvm.call_intrinsic "llvm.x86.avx2.pshuf.b"
// YMM: vector.shuffle %arg0, %arg0 [32, 33, 34, {{.*}}, 63]
// YMM: llvm.call_intrinsic "llvm.x86.avx2.pshuf.b"
// GEN-LABEL: func.func @lanes
// GEN: arith.constant dense<[0, 0, {{.*}}, 16, 16, {{.*}}, 32, {{.*}}, 48, 48]>
// GEN: arith.ori
// GEN-NOT: llvm.call_intrinsic
// GEN-COUNT-64: vector.extract %arg0
func.func @lanes(%tables: vector<64xi8>, %idx: vector<64xi8>) -> vector<64xi8> {
  %r = qnn.lane_lookup16 %tables, %idx : vector<64xi8>
  return %r : vector<64xi8>
}
