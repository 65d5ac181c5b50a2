// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N19.3: the f32 value y_real is returned as is, quantized (rule N2),
// or binarized at 0 and packed along O (rule N1.5), by result type.

// f32 result: the epilogue's f32 tensor is the result.
// CHECK-LABEL: func.func @bconv_f32
// CHECK-SAME: -> tensor<1x1x1x4xf32>
// CHECK: %[[DOT:.*]] = linalg.generic
// CHECK: math.ctpop
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[DOT]],
// CHECK: arith.sitofp
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK-NEXT: linalg.yield
// CHECK-NEXT: } -> tensor<1x1x1x4xf32>
// CHECK-NEXT: return %[[Y]] : tensor<1x1x1x4xf32>
func.func @bconv_f32(%x: tensor<1x3x3x64x!qnn.binary<f32, 1.0>>,
                     %w: tensor<4x3x3x64x!qnn.binary<f32, 0.5>>) -> tensor<1x1x1x4xf32> {
  %y = qnn.bconv2d %x, %w
      : (tensor<1x3x3x64x!qnn.binary<f32, 1.0>>, tensor<4x3x3x64x!qnn.binary<f32, 0.5>>)
      -> tensor<1x1x1x4xf32>
  return %y : tensor<1x1x1x4xf32>
}

// Quantized result (i8, 0.05:2): y_real is quantized with rule N2:
// round_half_to_even(y / f32(0.05)) + 2, NaN -> zp, clamped to [-128, 127].
// CHECK-LABEL: func.func @bconv_quant
// CHECK-SAME: -> tensor<1x1x1x4xi8>
// CHECK: math.ctpop
// CHECK: %[[REAL:.*]] = linalg.generic
// CHECK: } -> tensor<1x1x1x4xf32>
// CHECK-DAG: %[[S:.*]] = arith.constant dense<5.000000e-02> : tensor<1xf32>
// CHECK-DAG: %[[ZP:.*]] = arith.constant dense<2> : tensor<1xi32>
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[REAL]], %[[S]], %[[ZP]] : tensor<1x1x1x4xf32>, tensor<1xf32>, tensor<1xi32>) outs(%{{.*}} : tensor<1x1x1x4xi8>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[SV:.*]]: f32, %[[ZV:.*]]: i32, %{{.*}}: i8):
// CHECK-NEXT: %[[DIV:.*]] = arith.divf %[[V]], %[[SV]] : f32
// CHECK-NEXT: %[[R:.*]] = math.roundeven %[[DIV]] : f32
// CHECK: %[[NAN:.*]] = arith.cmpf uno, %[[R]], %[[R]] : f32
// CHECK: arith.select %[[NAN]]
// CHECK: arith.fptosi
// CHECK: arith.extsi %[[ZV]] : i32 to i64
// CHECK: arith.constant -128 : i64
// CHECK: arith.constant 127 : i64
// CHECK: arith.trunci %{{.*}} : i64 to i8
// CHECK: return %[[Y]] : tensor<1x1x1x4xi8>
func.func @bconv_quant(%x: tensor<1x3x3x64x!qnn.binary<f32, 1.0>>,
                       %w: tensor<4x3x3x64x!qnn.binary<f32, 0.5>>)
    -> tensor<1x1x1x4x!quant.uniform<i8:f32, 0.05:2>> {
  %y = qnn.bconv2d %x, %w
      : (tensor<1x3x3x64x!qnn.binary<f32, 1.0>>, tensor<4x3x3x64x!qnn.binary<f32, 0.5>>)
      -> tensor<1x1x1x4x!quant.uniform<i8:f32, 0.05:2>>
  return %y : tensor<1x1x1x4x!quant.uniform<i8:f32, 0.05:2>>
}

// Binary result with O = 70: y_real < 0 sets the bit; O is padded to 128
// with 0.0 (not below 0) and packed into 2 words.
// CHECK-LABEL: func.func @bconv_binary
// CHECK-SAME: -> tensor<1x1x1x2xi64>
// CHECK: math.ctpop
// CHECK: %[[REAL:.*]] = linalg.generic
// CHECK: } -> tensor<1x1x1x70xf32>
// CHECK: %[[ZF:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[REAL]] low[0, 0, 0, 0] high[0, 0, 0, 58]
// CHECK: tensor.yield %[[ZF]] : f32
// CHECK: } : tensor<1x1x1x70xf32> to tensor<1x1x1x128xf32>
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK-SAME: ins(%[[P]], %{{.*}} : tensor<1x1x1x128xf32>, tensor<64xi64>) outs(%{{.*}} : tensor<1x1x1x2xi64>)
// CHECK: arith.constant 0.000000e+00 : f32
// CHECK: arith.cmpf olt
// CHECK: linalg.index 4 : index
// CHECK: arith.shli
// CHECK: arith.ori
// CHECK: return %[[Y]] : tensor<1x1x1x2xi64>
func.func @bconv_binary(%x: tensor<1x3x3x64x!qnn.binary<f32, 1.0>>,
                        %w: tensor<70x3x3x64x!qnn.binary<f32, 1.0>>)
    -> tensor<1x1x1x70x!qnn.binary<f32, 2.0>> {
  %y = qnn.bconv2d %x, %w
      : (tensor<1x3x3x64x!qnn.binary<f32, 1.0>>, tensor<70x3x3x64x!qnn.binary<f32, 1.0>>)
      -> tensor<1x1x1x70x!qnn.binary<f32, 2.0>>
  return %y : tensor<1x1x1x70x!qnn.binary<f32, 2.0>>
}
