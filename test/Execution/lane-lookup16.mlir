// REQUIRES: avx2
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnn-compile %s -mcpu=haswell -o %t/avx2.so
// RUN: llvm-objdump -d %t/avx2.so | FileCheck %s --check-prefix=ASM
// RUN: qnn-compile %s -mcpu=x86-64 -o %t/generic.so
// RUN: llvm-objdump -d %t/generic.so | FileCheck %s --check-prefix=GENASM
// RUN: %call %t/avx2.so lookup i8:11,48,85,122,-97,-60,-23,14,51,88,125,-94,-57,-20,17,54,91,-128,-91,-54,-17,20,57,94,-125,-88,-51,-14,23,60,97,-122,-85,-48,-11,26,63,100,-119,-82,-45,-8,29,66,103,-116,-79,-42,-5,32,69,106,-113,-76,-39,-2,35,72,109,-110,-73,-36,1,38 out:i8:64 | FileCheck %s
// RUN: %call %t/generic.so lookup i8:11,48,85,122,-97,-60,-23,14,51,88,125,-94,-57,-20,17,54,91,-128,-91,-54,-17,20,57,94,-125,-88,-51,-14,23,60,97,-122,-85,-48,-11,26,63,100,-119,-82,-45,-8,29,66,103,-116,-79,-42,-5,32,69,106,-113,-76,-39,-2,35,72,109,-110,-73,-36,1,38 out:i8:64 | FileCheck %s

// qnn.lane_lookup16 (the dot4 codebook kernel's per-channel decode):
// vpshufb on two ymm halves with AVX2 (haswell), one extract per byte on a
// baseline x86-64 target. The tables hold t[i] = i - 64 (i8), so lane L's
// table is 16 L - 64 ... 16 L - 49.
// ASM: vpshufb
// GENASM-NOT: vpshufb
// Indices idx[j] = (37 j + 11) mod 256 as i8; expected t[16 (j / 16) + (idx[j] & 15)].
// CHECK: out0: -53 -64 -59 -54 -49 -60 -55 -50 -61 -56 -51 -62 -57 -52 -63 -58 -37 -48 -43 -38 -33 -44 -39 -34 -45 -40 -35 -46 -41 -36 -47 -42 -21 -32 -27 -22 -17 -28 -23 -18 -29 -24 -19 -30 -25 -20 -31 -26 -5 -16 -11 -6 -1 -12 -7 -2 -13 -8 -3 -14 -9 -4 -15 -10

func.func @lookup(%i: tensor<64xi8>) -> tensor<64xi8> {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i8
  %iv = vector.transfer_read %i[%c0], %z {in_bounds = [true]} : tensor<64xi8>, vector<64xi8>
  %t = arith.constant dense<[-64, -63, -62, -61, -60, -59, -58, -57, -56, -55, -54, -53, -52, -51, -50, -49, -48, -47, -46, -45, -44, -43, -42, -41, -40, -39, -38, -37, -36, -35, -34, -33, -32, -31, -30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19, -18, -17, -16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1]> : vector<64xi8>
  %r = qnn.lane_lookup16 %t, %iv : vector<64xi8>
  %e = tensor.empty() : tensor<64xi8>
  %w = vector.transfer_write %r, %e[%c0] {in_bounds = [true]} : vector<64xi8>, tensor<64xi8>
  return %w : tensor<64xi8>
}
