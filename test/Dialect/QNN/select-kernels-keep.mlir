// RUN: qnn-opt %s --qnn-select-kernels=target-features=+avx512vnni | FileCheck %s

!x = !quant.uniform<u8:f32, 0.02:128>
!w = !quant.uniform<i8<-127:127>:f32, 0.1>
!y = !quant.uniform<i8:f32, 0.05:1>

// A choice written by hand is kept.
// CHECK-LABEL: func.func @hand_written
// CHECK: qnn.kernel = {kind = "vnni512", mr = 3 : i64, nr = 1 : i64}
func.func @hand_written(%x: tensor<8x32x!x>) -> tensor<8x100x!y> {
  %c = arith.constant dense<1> : tensor<100x32xi8>
  %w = quant.scast %c : tensor<100x32xi8> to tensor<100x32x!w>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 3 : i64, nr = 1 : i64}} : (tensor<8x32x!x>, tensor<100x32x!w>) -> tensor<8x100x!y>
  return %y : tensor<8x100x!y>
}
