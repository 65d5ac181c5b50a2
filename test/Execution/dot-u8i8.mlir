// REQUIRES: avx2
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnn-compile %s -mcpu=haswell -o %t/avx2.so
// RUN: llvm-objdump -d %t/avx2.so | FileCheck %s --check-prefix=ASM
// RUN: qnn-compile %s -mcpu=x86-64 -o %t/generic.so
// RUN: llvm-objdump -d %t/generic.so | FileCheck %s --check-prefix=GENASM
// RUN: %call %t/avx2.so dot i32:-5000,-4000,-3000,2147483647,-1000,0,1000,2000,3000,4000,5000,6000,7000,8000,9000,10000 u8:255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,171,208,245,26,63,100,137,174,211,248,29,66,103,140,177,214,251,32,69,106,143,180,217,254,35,72,109,146,183,220,1,38 i8:-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,127,127,127,127,127,127,127,127,127,127,127,127,127,127,127,127,-89,-36,17,70,123,-80,-27,26,79,-124,-71,-18,35,88,-115,-62,-9,44,97,-106,-53,0,53,106,-97,-44,9,62,115,-88,-35,18 out:i32:16 | FileCheck %s
// RUN: %call %t/generic.so dot i32:-5000,-4000,-3000,2147483647,-1000,0,1000,2000,3000,4000,5000,6000,7000,8000,9000,10000 u8:255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,171,208,245,26,63,100,137,174,211,248,29,66,103,140,177,214,251,32,69,106,143,180,217,254,35,72,109,146,183,220,1,38 i8:-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,-128,127,127,127,127,127,127,127,127,127,127,127,127,127,127,127,127,-89,-36,17,70,123,-80,-27,26,79,-124,-71,-18,35,88,-115,-62,-9,44,97,-106,-53,0,53,106,-97,-44,9,62,115,-88,-35,18 out:i32:16 | FileCheck %s
// RUN: %call %t/avx2.so dot_narrow i32:-5000,-4000,-3000,2147483647,-1000,0,1000,2000,3000,4000,5000,6000,7000,8000,9000,10000 u8:255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,171,208,245,26,63,100,137,174,211,248,29,66,103,140,177,214,251,32,69,106,143,180,217,254,35,72,109,146,183,220,1,38 i8:64,64,-1,-64,-64,-64,2,3,64,64,-1,-64,-64,-64,2,3,127,1,5,-127,-1,-127,0,127,127,1,5,-127,-1,-127,0,127,-23,-9,4,17,30,-20,-7,6,19,-31,-18,-5,8,22,-29,-16,-3,11,24,-27,-14,0,13,26,-25,-11,2,15,28,-22,-9,4 out:i32:16 | FileCheck %s --check-prefix=NARROW
// RUN: %call %t/generic.so dot_narrow i32:-5000,-4000,-3000,2147483647,-1000,0,1000,2000,3000,4000,5000,6000,7000,8000,9000,10000 u8:255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,255,171,208,245,26,63,100,137,174,211,248,29,66,103,140,177,214,251,32,69,106,143,180,217,254,35,72,109,146,183,220,1,38 i8:64,64,-1,-64,-64,-64,2,3,64,64,-1,-64,-64,-64,2,3,127,1,5,-127,-1,-127,0,127,127,1,5,-127,-1,-127,0,127,-23,-9,4,17,30,-20,-7,6,19,-31,-18,-5,8,22,-29,-16,-3,11,24,-27,-14,0,13,26,-25,-11,2,15,28,-22,-9,4 out:i32:16 | FileCheck %s --check-prefix=NARROW

// qnn.dot_u8i8 without VNNI: vpmaddubsw + vpmaddwd on AVX2 (haswell), the
// portable expansion on a baseline x86-64 target. Lanes 0-3 multiply 255 by
// -128 (pairs of -65280: vpmaddubsw alone would saturate at -32768), lanes
// 4-7 255 by 127; lane 3's accumulator wraps around. The narrow form takes
// weights whose pairs sum to at most 128 (or -128) on each side, at the
// edges: (64, 64) and (-1, -64) with 255 give 32640 and -16575.
// Expected: acc[i] + sum_t a[4i+t] * b[4i+t], wrapped to i32, worked out
// apart from qnn (Python integers).
// ASM: vpmaddubsw %ymm
// ASM: vpmaddwd %ymm
// GENASM-NOT: vpmaddubsw
// CHECK: out0: -135560 -134560 -133560 2147353087 128540 129540 130540 131540 -13722 4574 -12330 -11698 1606 38846 12470 12334
// NARROW: out0: 11065 -35365 13065 2147452282 530 -255 2530 1745 -1383 3975 469 1347 5393 15423 9741 10427

func.func @dot(%acc: tensor<16xi32>, %a: tensor<64xi8>, %b: tensor<64xi8>) -> tensor<16xi32> {
  %c0 = arith.constant 0 : index
  %z8 = arith.constant 0 : i8
  %z32 = arith.constant 0 : i32
  %av = vector.transfer_read %a[%c0], %z8 {in_bounds = [true]} : tensor<64xi8>, vector<64xi8>
  %bv = vector.transfer_read %b[%c0], %z8 {in_bounds = [true]} : tensor<64xi8>, vector<64xi8>
  %cv = vector.transfer_read %acc[%c0], %z32 {in_bounds = [true]} : tensor<16xi32>, vector<16xi32>
  %r = qnn.dot_u8i8 %cv, %av, %bv : vector<16xi32>, vector<64xi8>, vector<64xi8>
  %e = tensor.empty() : tensor<16xi32>
  %w = vector.transfer_write %r, %e[%c0] {in_bounds = [true]} : vector<16xi32>, tensor<16xi32>
  return %w : tensor<16xi32>
}

func.func @dot_narrow(%acc: tensor<16xi32>, %a: tensor<64xi8>, %b: tensor<64xi8>) -> tensor<16xi32> {
  %c0 = arith.constant 0 : index
  %z8 = arith.constant 0 : i8
  %z32 = arith.constant 0 : i32
  %av = vector.transfer_read %a[%c0], %z8 {in_bounds = [true]} : tensor<64xi8>, vector<64xi8>
  %bv = vector.transfer_read %b[%c0], %z8 {in_bounds = [true]} : tensor<64xi8>, vector<64xi8>
  %cv = vector.transfer_read %acc[%c0], %z32 {in_bounds = [true]} : tensor<16xi32>, vector<16xi32>
  %r = qnn.dot_u8i8 %cv, %av, %bv {narrow_rhs} : vector<16xi32>, vector<64xi8>, vector<64xi8>
  %e = tensor.empty() : tensor<16xi32>
  %w = vector.transfer_write %r, %e[%c0] {in_bounds = [true]} : vector<16xi32>, tensor<16xi32>
  return %w : tensor<16xi32>
}
