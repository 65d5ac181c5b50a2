// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N17 on a quantized input: dequantized first (rule N3:
// f32(q - zp) * f32(s)), then compared with the threshold.

// CHECK-LABEL: func.func @binarize_u8
// CHECK-SAME: (%[[X:.*]]: tensor<1x64xi8>) -> tensor<1x1xi64>
// CHECK-DAG: %[[S:.*]] = arith.constant dense<1.000000e-01> : tensor<1xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<128> : tensor<1xi32>
// CHECK: %[[D:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]], %[[S]], %[[ZP]] : tensor<1x64xi8>, tensor<1xf32>, tensor<1xi32>) outs(%{{.*}} : tensor<1x64xf32>)
// CHECK: ^bb0(%[[Q:.*]]: i8, %[[SV:.*]]: f32, %[[ZV:.*]]: i32, %{{.*}}: f32):
// CHECK-NEXT: %[[QE:.*]] = arith.extui %[[Q]] : i8 to i32
// CHECK-NEXT: %[[QD:.*]] = arith.subi %[[QE]], %[[ZV]] : i32
// CHECK-NEXT: %[[QF:.*]] = arith.sitofp %[[QD]] : i32 to f32
// CHECK-NEXT: %[[R:.*]] = arith.mulf %[[QF]], %[[SV]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// 64 channels: one full word, no padding.
// CHECK-NOT: tensor.pad
// CHECK: %[[B:.*]] = linalg.generic
// CHECK-SAME: ins(%[[D]], %{{.*}} : tensor<1x64xf32>, tensor<64xi64>) outs(%{{.*}} : tensor<1x1xi64>)
// CHECK: arith.cmpf olt
// CHECK: arith.shli
// CHECK: arith.ori
// CHECK: return %[[B]] : tensor<1x1xi64>
func.func @binarize_u8(%x: tensor<1x64x!quant.uniform<u8:f32, 0.1:128>>)
    -> tensor<1x64x!qnn.binary<f32, 1.0>> {
  %y = qnn.binarize %x : tensor<1x64x!quant.uniform<u8:f32, 0.1:128>>
                      -> tensor<1x64x!qnn.binary<f32, 1.0>>
  return %y : tensor<1x64x!qnn.binary<f32, 1.0>>
}

// i8 input with a tail in one word: dequantize, then pack the 3 f32 values
// (no padded copy; bits 3..63 stay 0).
// CHECK-LABEL: func.func @binarize_i8_tail
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK-NOT: tensor.pad
// CHECK: ins(%{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<3xi64>) outs(%{{.*}} : tensor<2x1xi64>)
// CHECK: arith.constant 5.000000e-01 : f32
// CHECK: arith.cmpf olt
func.func @binarize_i8_tail(%x: tensor<2x3x!quant.uniform<i8:f32, 0.25:-2>>)
    -> tensor<2x3x!qnn.binary<f32, 1.0>> {
  %y = qnn.binarize %x {threshold = 0.5 : f32}
      : tensor<2x3x!quant.uniform<i8:f32, 0.25:-2>> -> tensor<2x3x!qnn.binary<f32, 1.0>>
  return %y : tensor<2x3x!qnn.binary<f32, 1.0>>
}
