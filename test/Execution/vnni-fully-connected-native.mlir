// REQUIRES: avx512vnni
// The same comparison as vnni-fully-connected.mlir, with the kernel that
// qnn-compile --kernels=auto picks on this AVX-512 VNNI host: vpdpbusd.
// ASM: vpdpbusd
// RUN: rm -rf %t && mkdir -p %t
// RUN: qnn-compile %s -o %t/ref.so
// RUN: qnn-compile %s --kernels=auto -o %t/generic.so
// RUN: llvm-objdump -d %t/generic.so | FileCheck %s --check-prefix=ASM
// RUN: %call %t/ref.so fc i8:-128,127,0,-5,3,99,-77,12,45,-2,-100,64,1,2,3,4,5,6,-7,-8,9,10,11,-12,13,-14,15,16,-17,18,-19,20,21,22,-23 out:u8:85 > %t/ref.txt
// RUN: %call %t/generic.so fc i8:-128,127,0,-5,3,99,-77,12,45,-2,-100,64,1,2,3,4,5,6,-7,-8,9,10,11,-12,13,-14,15,16,-17,18,-19,20,21,22,-23 out:u8:85 > %t/generic.txt
// RUN: diff %t/ref.txt %t/generic.txt
// The outputs are not all saturated or equal (the comparison means something).
// RUN: FileCheck %s < %t/ref.txt
// CHECK: out0: {{.*}}[[A:[1-9][0-9]*]] {{.*}}
func.func @fc(%x: tensor<5x7x!quant.uniform<i8:f32, 0.05:-3>>) -> tensor<5x17x!quant.uniform<u8:f32, 0.04:20>> {
  %c = arith.constant dense<[[1, -2, 3, -4, 5, -6, 7], [127, -127, 0, 1, -1, 2, -2], [3, 3, 3, 3, 3, 3, 3],
    [-9, 8, -7, 6, -5, 4, -3], [10, 20, 30, 40, 50, 60, 70], [-10, -20, -30, -40, -50, -60, -70],
    [0, 0, 0, 0, 0, 0, 1], [5, 0, 5, 0, 5, 0, 5], [-1, -1, -1, -1, -1, -1, -1], [2, 4, 8, 16, 32, 64, 127],
    [-2, -4, -8, -16, -32, -64, -127], [11, -11, 11, -11, 11, -11, 11], [7, 7, -7, -7, 7, 7, -7],
    [100, -50, 25, -12, 6, -3, 1], [1, 2, 1, 2, 1, 2, 1], [-100, 50, -25, 12, -6, 3, -1], [9, 9, 9, 9, 9, 9, 9]]> : tensor<17x7xi8>
  %w = quant.scast %c : tensor<17x7xi8> to tensor<17x7x!quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02, 0.03, 0.01, 0.005, 0.005, 0.1, 0.02, 0.05, 0.003, 0.003, 0.01, 0.02, 0.004, 0.05, 0.004, 0.02}>>
  %b = arith.constant dense<[10, -10, 100, -100, 0, 5, -5, 50, -50, 7, -7, 300, -300, 1, -1, 20, -20]> : tensor<17xi32>
  %y = qnn.fully_connected %x, %w, %b {activation = #qnn.activation<relu6>}
      : (tensor<5x7x!quant.uniform<i8:f32, 0.05:-3>>,
         tensor<17x7x!quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02, 0.03, 0.01, 0.005, 0.005, 0.1, 0.02, 0.05, 0.003, 0.003, 0.01, 0.02, 0.004, 0.05, 0.004, 0.02}>>,
         tensor<17xi32>) -> tensor<5x17x!quant.uniform<u8:f32, 0.04:20>>
  return %y : tensor<5x17x!quant.uniform<u8:f32, 0.04:20>>
}
