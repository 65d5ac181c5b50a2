// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N8.4: padding is done with the input zero point, so that padded taps
// contribute (zx - zx) * w = 0. The pad value is the zero point's bit
// pattern in the i8 container: u8 zero point 128 is -128 : i8.

// CHECK-LABEL: func.func @pad_u8_zero_point
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>, %[[W:.*]]: tensor<2x3x3x2xi8>)
// CHECK: %[[PV:.*]] = arith.constant -128 : i8
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 0, 1, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: } : tensor<1x4x4x2xi8> to tensor<1x5x6x2xi8>
// CHECK: %[[ZX:.*]] = arith.constant 128 : i32
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]], %[[W]], %{{.*}} : tensor<1x5x6x2xi8>, tensor<2x3x3x2xi8>, tensor<1xi32>)
// CHECK: %[[XE:.*]] = arith.extui %{{.*}} : i8 to i32
// CHECK: arith.subi %[[XE]], %[[ZX]] : i32
// CHECK: return %{{.*}} : tensor<1x3x4x2xi8>
func.func @pad_u8_zero_point(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>,
                             %w: tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x3x4x2x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 0, 1, 1>}
      : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x3x4x2x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x3x4x2x!quant.uniform<i8:f32, 0.05:-3>>
}

// u8 zero point 200 -> 200 - 256 = -56 : i8.

// CHECK-LABEL: func.func @pad_u8_zero_point_200
// CHECK: %[[PV:.*]] = arith.constant -56 : i8
// CHECK: tensor.pad %{{.*}} low[0, 2, 0, 0] high[0, 2, 0, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: } : tensor<1x2x2x1xi8> to tensor<1x6x2x1xi8>
// CHECK: arith.constant 200 : i32
func.func @pad_u8_zero_point_200(%x: tensor<1x2x2x1x!quant.uniform<u8:f32, 0.02:200>>,
                                 %w: tensor<1x3x1x1x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x4x2x1x!quant.uniform<i8:f32, 0.05>> {
  %y = qnn.conv2d %x, %w {pad = array<i64: 2, 2, 0, 0>}
      : (tensor<1x2x2x1x!quant.uniform<u8:f32, 0.02:200>>,
         tensor<1x3x1x1x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x4x2x1x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x4x2x1x!quant.uniform<i8:f32, 0.05>>
}

// Signed input: the zero point is used as is.

// CHECK-LABEL: func.func @pad_i8_zero_point
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>
// CHECK: %[[PV:.*]] = arith.constant -7 : i8
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: } : tensor<1x4x4x2xi8> to tensor<1x6x6x2xi8>
// CHECK: arith.constant -7 : i32
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[P]],
func.func @pad_i8_zero_point(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.02:-7>>,
                             %w: tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05:-3>> {
  %y = qnn.conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>}
      : (tensor<1x4x4x2x!quant.uniform<i8:f32, 0.02:-7>>,
         tensor<2x3x3x2x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05:-3>>
  return %y : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.05:-3>>
}

// Zero pad attribute: no tensor.pad at all.

// CHECK-LABEL: func.func @no_pad
// CHECK-NOT: tensor.pad
// CHECK: return
func.func @no_pad(%x: tensor<1x3x3x1x!quant.uniform<u8:f32, 0.02:128>>,
                  %w: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05>> {
  %y = qnn.conv2d %x, %w {pad = array<i64: 0, 0, 0, 0>}
      : (tensor<1x3x3x1x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x1x1x1x!quant.uniform<i8:f32, 0.05>>
}
