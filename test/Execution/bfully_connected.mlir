// RUN: rm -f %t.so
// RUN: qnn-compile %s -o %t.so
// RUN: %call %t.so bfc_f32 i64:0,0,-1,0xfffffffff f32:0.25,-0.5,1.0 out:f32:6 | FileCheck %s --match-full-lines --check-prefix=F32
// RUN: %call %t.so bfc_q i64:0,0,-1,0xfffffffff f32:0.25,-0.5,1.0 out:i8:6 | FileCheck %s --match-full-lines --check-prefix=Q
// RUN: %call %t.so bfc_binary i64:0,0,-1,0xfffffffff f32:0.25,-0.5,1.0 out:i64:2 | FileCheck %s --match-full-lines --check-prefix=BIN

// qnn.bfully_connected (rule N20): dot[n,o] = C - 2 popcount(x[n] XOR w[o])
// over ceil(C/64) words, then N19.2 / N19.3.
//
// C = 100 (word 1 holds channels 64..99 in bits 0..35). x [2, 100], alpha 1:
//   n0 = [0, 0] (all +1), n1 = [-1, 0xfffffffff] (all -1).
// w [3, 100] per axis {0.5, 0.25, 2.0}, constant words entered through
// qnn.bitunpack, whose garbage tail bits (36..63 of word 1) are cleared:
//   o0 = [0, 0xfffffff000000000] -> [0, 0] (all +1)
//   o1 = [0xffff, 1] (17 channels -1)
//   o2 = [-1, -1] -> [-1, 0xfffffffff] (all -1)
// dots: n0: [100, 100 - 34 = 66, -100];  n1: [-100, 100 - 2 * 83 = -66, 100]
// (with the tail bits kept, n0.o0 would be 44 and n1.o2 44).
// y = dot * (1.0 * alpha_w[o]) + bias[o], bias [0.25, -0.5, 1.0]:
//   n0: [50.25, 16, -199],  n1: [-49.75, -17, 201]
// F32: out0: 50.25 16 -199 -49.75 -17 201

!x = tensor<2x100x!qnn.binary<f32, 1.0>>
!w = tensor<3x100x!qnn.binary<f32:0, {0.5, 0.25, 2.0}>>

func.func @bfc_f32(%x: !x, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %c = arith.constant dense<[[0, -68719476736], [65535, 1], [-1, -1]]> : tensor<3x2xi64>
  %w = qnn.bitunpack %c : tensor<3x2xi64> -> !w
  %y = qnn.bfully_connected %x, %w, %b : (!x, !w, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// Into i8 0.5:3 (N2): 50.25 / 0.5 = 100.5 -> 100 (tie to even) -> 103;
// 16 -> 32 -> 35; -199 -> -398 -> -395 -> -128; -49.75 -> -99.5 -> -100
// (tie to even) -> -97; -17 -> -34 -> -31; 201 -> 402 -> 405 -> 127.
// Q: out0: 103 35 -128 -97 -31 127
func.func @bfc_q(%x: !x, %b: tensor<3xf32>) -> tensor<2x3x!quant.uniform<i8:f32, 0.5:3>> {
  %c = arith.constant dense<[[0, -68719476736], [65535, 1], [-1, -1]]> : tensor<3x2xi64>
  %w = qnn.bitunpack %c : tensor<3x2xi64> -> !w
  %y = qnn.bfully_connected %x, %w, %b : (!x, !w, tensor<3xf32>)
      -> tensor<2x3x!quant.uniform<i8:f32, 0.5:3>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.5:3>>
}

// Binary result, packed along O = 3: n0 [50.25, 16, -199] -> bits [0, 0, 1] = 4;
// n1 [-49.75, -17, 201] -> bits [1, 1, 0] = 3.
// BIN: out0: 4(0x4) 3(0x3)
func.func @bfc_binary(%x: !x, %b: tensor<3xf32>) -> tensor<2x3x!qnn.binary<f32, 1.0>> {
  %c = arith.constant dense<[[0, -68719476736], [65535, 1], [-1, -1]]> : tensor<3x2xi64>
  %w = qnn.bitunpack %c : tensor<3x2xi64> -> !w
  %y = qnn.bfully_connected %x, %w, %b : (!x, !w, tensor<3xf32>) -> tensor<2x3x!qnn.binary<f32, 1.0>>
  return %y : tensor<2x3x!qnn.binary<f32, 1.0>>
}
