// REQUIRES: avx512vnni
// The optimized kernels split over 2 OpenMP threads (qnn-compile
// --num-threads=2) against the reference lowering: a conv2d whose 5 output
// rows are split 2 / 3, and a fully_connected whose 9 rows of x are split
// into bands of column tiles with a remainder tile.
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnn-compile %s -o %t/ref.so
// RUN: qnn-compile %s --kernels=auto --num-threads=2 -o %t/par.so
// The parallel library calls the OpenMP runtime and finds it by its rpath.
// RUN: llvm-objdump -d %t/par.so | FileCheck %s --check-prefix=ASM
// RUN: llvm-readelf -d %t/par.so | FileCheck %s --check-prefix=DYN
// ASM: __kmpc_fork_call
// DYN: libomp.so
// DYN: RUNPATH
// RUN: %call %t/ref.so conv u8:3,250,17,99,128,0,255,64,12,200,33,180,90,7,140,222,45,61,118,5,77,160,29,240,150,11,88,199,63,130,2,175,54,211,96,37,144,70,231,19,105,183,48,126,8,166,92,247,31,138,74,205,59,113,25,190,84,155,41,228,67,121,14,176,99,3,250,17,99,128,0,255,64,12,200,33,180,90,7,140,222,45,61,118,5,77,160,29,240,150,11,88,199,63,130,2,175,54,211,96,37,144,70,231,19,105,183,48,126,8,166,92,247,31,138,74,205,59,113,25,190,84,155,41,228,67 out:i8:100 > %t/ref-conv.txt
// RUN: %call %t/par.so conv u8:3,250,17,99,128,0,255,64,12,200,33,180,90,7,140,222,45,61,118,5,77,160,29,240,150,11,88,199,63,130,2,175,54,211,96,37,144,70,231,19,105,183,48,126,8,166,92,247,31,138,74,205,59,113,25,190,84,155,41,228,67,121,14,176,99,3,250,17,99,128,0,255,64,12,200,33,180,90,7,140,222,45,61,118,5,77,160,29,240,150,11,88,199,63,130,2,175,54,211,96,37,144,70,231,19,105,183,48,126,8,166,92,247,31,138,74,205,59,113,25,190,84,155,41,228,67 out:i8:100 > %t/par-conv.txt
// RUN: diff %t/ref-conv.txt %t/par-conv.txt
// RUN: FileCheck %s --check-prefix=VARIED < %t/ref-conv.txt
// RUN: %call %t/ref.so fc u8:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63 out:u8:153 > %t/ref-fc.txt
// RUN: %call %t/par.so fc u8:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63 out:u8:153 > %t/par-fc.txt
// RUN: diff %t/ref-fc.txt %t/par-fc.txt
// RUN: FileCheck %s --check-prefix=VARIED < %t/ref-fc.txt
// The outputs are not all equal (the comparison means something).
// VARIED: out0: {{.*}}[[A:-?[0-9]+]] {{.*}}
// VARIED-NOT: out0: [[A]]{{( [[A]])*$}}
func.func @conv(%x: tensor<1x7x9x2x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x5x4x5x!quant.uniform<i8:f32, 0.05:-3>> {
  %c = arith.constant dense<[[[[1, -2], [3, -4], [5, -6]], [[7, -8], [9, -10], [11, -12]], [[13, -14], [15, -16], [17, -18]]],
                             [[[-1, 2], [-3, 4], [-5, 6]], [[-7, 8], [-9, 10], [-11, 12]], [[-13, 14], [-15, 16], [-17, 18]]],
                             [[[20, 0], [0, 20], [20, 0]], [[0, 20], [20, 0], [0, 20]], [[20, 0], [0, 20], [20, 0]]],
                             [[[5, 5], [5, 5], [5, 5]], [[-5, -5], [-5, -5], [-5, -5]], [[5, 5], [5, 5], [5, 5]]],
                             [[[127, -127], [0, 0], [1, -1]], [[2, -2], [3, -3], [4, -4]], [[5, -5], [6, -6], [7, -7]]]]> : tensor<5x3x3x2xi8>
  %w = quant.scast %c : tensor<5x3x3x2xi8> to tensor<5x3x3x2x!quant.uniform<i8:f32, 0.01>>
  %b = arith.constant dense<[100, -100, 0, 50, -50]> : tensor<5xi32>
  %y = qnn.conv2d %x, %w, %b {stride = array<i64: 1, 2>, pad = array<i64: 0, 0, 1, 0>}
      : (tensor<1x7x9x2x!quant.uniform<u8:f32, 0.02:128>>, tensor<5x3x3x2x!quant.uniform<i8:f32, 0.01>>, tensor<5xi32>)
      -> tensor<1x5x4x5x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x5x4x5x!quant.uniform<i8:f32, 0.05:-3>>
}
func.func @fc(%x: tensor<9x7x!quant.uniform<u8:f32, 0.05:10>>) -> tensor<9x17x!quant.uniform<u8:f32, 0.04:20>> {
  %c = arith.constant dense<[[1, -2, 3, -4, 5, -6, 7], [127, -127, 0, 1, -1, 2, -2], [3, 3, 3, 3, 3, 3, 3],
    [-9, 8, -7, 6, -5, 4, -3], [10, 20, 30, 40, 50, 60, 70], [-10, -20, -30, -40, -50, -60, -70],
    [0, 0, 0, 0, 0, 0, 1], [5, 0, 5, 0, 5, 0, 5], [-1, -1, -1, -1, -1, -1, -1], [2, 4, 8, 16, 32, 64, 127],
    [-2, -4, -8, -16, -32, -64, -127], [11, -11, 11, -11, 11, -11, 11], [7, 7, -7, -7, 7, 7, -7],
    [100, -50, 25, -12, 6, -3, 1], [1, 2, 1, 2, 1, 2, 1], [-100, 50, -25, 12, -6, 3, -1], [9, 9, 9, 9, 9, 9, 9]]> : tensor<17x7xi8>
  %w = quant.scast %c : tensor<17x7xi8> to tensor<17x7x!quant.uniform<i8:f32, 0.02>>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 1 : i64}}
      : (tensor<9x7x!quant.uniform<u8:f32, 0.05:10>>, tensor<17x7x!quant.uniform<i8:f32, 0.02>>) -> tensor<9x17x!quant.uniform<u8:f32, 0.04:20>>
  return %y : tensor<9x17x!quant.uniform<u8:f32, 0.04:20>>
}
