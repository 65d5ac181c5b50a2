// REQUIRES: avx512vbmi
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnn-compile %s -o %t/vbmi.so
// RUN: llvm-objdump -d %t/vbmi.so | FileCheck %s --check-prefix=ASM
// RUN: qnn-compile %s -mcpu=haswell -o %t/generic.so
// RUN: %call %t/vbmi.so perm i8:11,48,85,122,-97,-60,-23,14,51,88,125,-94,-57,-20,17,54,91,-128,-91,-54,-17,20,57,94,-125,-88,-51,-14,23,60,97,-122,-85,-48,-11,26,63,100,-119,-82,-45,-8,29,66,103,-116,-79,-42,-5,32,69,106,-113,-76,-39,-2,35,72,109,-110,-73,-36,1,38 out:i8:64 | FileCheck %s --check-prefix=P1
// RUN: %call %t/generic.so perm i8:11,48,85,122,-97,-60,-23,14,51,88,125,-94,-57,-20,17,54,91,-128,-91,-54,-17,20,57,94,-125,-88,-51,-14,23,60,97,-122,-85,-48,-11,26,63,100,-119,-82,-45,-8,29,66,103,-116,-79,-42,-5,32,69,106,-113,-76,-39,-2,35,72,109,-110,-73,-36,1,38 out:i8:64 | FileCheck %s --check-prefix=P1
// RUN: %call %t/vbmi.so perm2 i8:11,48,85,122,-97,-60,-23,14,51,88,125,-94,-57,-20,17,54,91,-128,-91,-54,-17,20,57,94,-125,-88,-51,-14,23,60,97,-122,-85,-48,-11,26,63,100,-119,-82,-45,-8,29,66,103,-116,-79,-42,-5,32,69,106,-113,-76,-39,-2,35,72,109,-110,-73,-36,1,38 out:i8:64 | FileCheck %s --check-prefix=P2
// RUN: %call %t/generic.so perm2 i8:11,48,85,122,-97,-60,-23,14,51,88,125,-94,-57,-20,17,54,91,-128,-91,-54,-17,20,57,94,-125,-88,-51,-14,23,60,97,-122,-85,-48,-11,26,63,100,-119,-82,-45,-8,29,66,103,-116,-79,-42,-5,32,69,106,-113,-76,-39,-2,35,72,109,-110,-73,-36,1,38 out:i8:64 | FileCheck %s --check-prefix=P2

// qnn.permute_bytes / qnn.permute_bytes2 (the codebook kernels' in-register
// decode): vpermb and vpermi2b with AVX512_VBMI, one extract per byte
// without it (haswell). The table holds t[i] = i - 64 (i8), t2 = 2i - 128
// over 128 bytes as two vectors.
// ASM-DAG: vpermb
// ASM-DAG: vperm{{i2|t2}}b
// Indices idx[j] = (37 j + 11) mod 256 as i8; expected: t[idx & 63] and t2[idx & 127].
// P1: out0: -53 -16 -43 -6 -33 -60 -23 -50 -13 -40 -3 -30 -57 -20 -47 -10 -37 -64 -27 -54 -17 -44 -7 -34 -61 -24 -51 -14 -41 -4 -31 -58 -21 -48 -11 -38 -1 -28 -55 -18 -45 -8 -35 -62 -25 -52 -15 -42 -5 -32 -59 -22 -49 -12 -39 -2 -29 -56 -19 -46 -9 -36 -63 -26
// P2: out0: -106 -32 42 116 -66 8 82 -100 -26 48 122 -60 14 88 -94 -20 54 -128 -54 20 94 -88 -14 60 -122 -48 26 100 -82 -8 66 -116 -42 32 106 -76 -2 72 -110 -36 38 112 -70 4 78 -104 -30 44 118 -64 10 84 -98 -24 50 124 -58 16 90 -92 -18 56 -126 -52

func.func @perm(%i: tensor<64xi8>) -> tensor<64xi8> {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i8
  %iv = vector.transfer_read %i[%c0], %z {in_bounds = [true]} : tensor<64xi8>, vector<64xi8>
  %t = arith.constant dense<[-64, -63, -62, -61, -60, -59, -58, -57, -56, -55, -54, -53, -52, -51, -50, -49, -48, -47, -46, -45, -44, -43, -42, -41, -40, -39, -38, -37, -36, -35, -34, -33, -32, -31, -30, -29, -28, -27, -26, -25, -24, -23, -22, -21, -20, -19, -18, -17, -16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1]> : vector<64xi8>
  %r = qnn.permute_bytes %t, %iv : vector<64xi8>
  %e = tensor.empty() : tensor<64xi8>
  %w = vector.transfer_write %r, %e[%c0] {in_bounds = [true]} : vector<64xi8>, tensor<64xi8>
  return %w : tensor<64xi8>
}

func.func @perm2(%i: tensor<64xi8>) -> tensor<64xi8> {
  %c0 = arith.constant 0 : index
  %z = arith.constant 0 : i8
  %iv = vector.transfer_read %i[%c0], %z {in_bounds = [true]} : tensor<64xi8>, vector<64xi8>
  %lo = arith.constant dense<[-128, -126, -124, -122, -120, -118, -116, -114, -112, -110, -108, -106, -104, -102, -100, -98, -96, -94, -92, -90, -88, -86, -84, -82, -80, -78, -76, -74, -72, -70, -68, -66, -64, -62, -60, -58, -56, -54, -52, -50, -48, -46, -44, -42, -40, -38, -36, -34, -32, -30, -28, -26, -24, -22, -20, -18, -16, -14, -12, -10, -8, -6, -4, -2]> : vector<64xi8>
  %hi = arith.constant dense<[0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80, 82, 84, 86, 88, 90, 92, 94, 96, 98, 100, 102, 104, 106, 108, 110, 112, 114, 116, 118, 120, 122, 124, 126]> : vector<64xi8>
  %r = qnn.permute_bytes2 %lo, %hi, %iv : vector<64xi8>
  %e = tensor.empty() : tensor<64xi8>
  %w = vector.transfer_write %r, %e[%c0] {in_bounds = [true]} : vector<64xi8>, tensor<64xi8>
  return %w : tensor<64xi8>
}
