// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx512f,+avx512bw | FileCheck %s --check-prefix=ZMM
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm=target-features=+avx2 | FileCheck %s --check-prefix=YMM
// RUN: qnn-opt %s --convert-qnn-vector-to-llvm | FileCheck %s --check-prefix=GEN

// qnn.lookup16 (result[j] = table[idx[j] & 15]): vpshufb with the table in
// every 128-bit lane after masking the indices to 4 bits (bit 7 would zero
// the byte), on one zmm or two ymm halves; one extract per byte otherwise.

// ZMM-LABEL: func.func @lookup
// ZMM: arith.andi
// ZMM: vector.shuffle %arg0, %arg0 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1,
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
