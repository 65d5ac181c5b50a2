// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s --check-prefix=FLOAT

// A small network end to end: every qnn op is lowered, each op's converted
// result feeds the next one, and only arith/linalg/math/tensor remain.

!xq = !quant.uniform<u8:f32, 0.02:128>
!act = !quant.uniform<u8:f32, 0.05:0>

// CHECK-LABEL: func.func @network
// CHECK-SAME: (%[[IN:.*]]: tensor<1x6x6x3xf32>, %[[W1:.*]]: tensor<4x3x3x3xi8>, %[[B1:.*]]: tensor<4xi32>, %[[W2:.*]]: tensor<2x16xi8>) -> tensor<1x2xf32>
// CHECK-NOT: qnn.
// CHECK: %[[Q:.*]] = linalg.generic
// CHECK-SAME: ins(%[[IN]],
// CHECK: } -> tensor<1x6x6x3xi8>
// CHECK: %[[P:.*]] = tensor.pad %[[Q]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: %[[BI:.*]] = linalg.generic
// CHECK-SAME: ins(%[[B1]] : tensor<4xi32>)
// CHECK: %[[ACC:.*]] = linalg.generic
// CHECK-SAME: ins(%[[P]], %[[W1]], %{{.*}}) outs(%[[BI]] :
// CHECK: %[[C:.*]] = linalg.generic
// CHECK-SAME: ins(%[[ACC]],
// CHECK: } -> tensor<1x6x6x4xi8>
// CHECK: %[[MP:.*]] = linalg.generic
// CHECK-SAME: ins(%[[C]],
// CHECK: arith.maxui
// CHECK: } -> tensor<1x2x2x4xi8>
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[MP]]
// CHECK: %[[R:.*]] = tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [1, 16] : tensor<16xi8> into tensor<1x16xi8>
// CHECK: %[[FCACC:.*]] = linalg.generic
// CHECK-SAME: ins(%[[R]], %[[W2]],
// CHECK: %[[FC:.*]] = linalg.generic
// CHECK-SAME: ins(%[[FCACC]],
// CHECK: } -> tensor<1x2xi8>
// CHECK: %[[OUT:.*]] = linalg.generic
// CHECK-SAME: ins(%[[FC]],
// CHECK: arith.sitofp
// CHECK: } -> tensor<1x2xf32>
// CHECK-NOT: qnn.
// CHECK: return %[[OUT]] : tensor<1x2xf32>

// FLOAT-LABEL: func.func @network
// FLOAT-NOT: arith.shrsi %{{.*}}, %{{.*}} : i64
// FLOAT: math.roundeven
// FLOAT: return
func.func @network(%in: tensor<1x6x6x3xf32>,
                   %w1: tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>>,
                   %b1: tensor<4xi32>,
                   %w2: tensor<2x16x!quant.uniform<i8:f32, 0.01>>) -> tensor<1x2xf32> {
  %q = qnn.quantize %in : tensor<1x6x6x3xf32> -> tensor<1x6x6x3x!xq>
  %c = qnn.conv2d %q, %w1, %b1 {pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu>}
      : (tensor<1x6x6x3x!xq>, tensor<4x3x3x3x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4}>>,
         tensor<4xi32>) -> tensor<1x6x6x4x!act>
  %m = qnn.max_pool2d %c {kernel = array<i64: 3, 3>, stride = array<i64: 3, 3>}
      : tensor<1x6x6x4x!act> -> tensor<1x2x2x4x!act>
  %r = qnn.reshape %m : tensor<1x2x2x4x!act> -> tensor<1x16x!act>
  %f = qnn.fully_connected %r, %w2
      : (tensor<1x16x!act>, tensor<2x16x!quant.uniform<i8:f32, 0.01>>)
     -> tensor<1x2x!quant.uniform<i8:f32, 0.1:-5>>
  %d = qnn.dequantize %f : tensor<1x2x!quant.uniform<i8:f32, 0.1:-5>> -> tensor<1x2xf32>
  return %d : tensor<1x2xf32>
}
