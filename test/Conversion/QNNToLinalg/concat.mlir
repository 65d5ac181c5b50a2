// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-linalg=requant-mode=float | FileCheck %s --check-prefix=FLOAT

// Rule N15: an operand whose (s, zp) equals the result's is copied into its
// slice; any other is requantized (rule N7) first.

// %a (0.1:0) differs from the result (0.2:1): M = 0.5 -> (2^30, 0),
// zp_in 0, zp_out 1. %b (0.2:1) is inserted as is.
// CHECK-LABEL: func.func @concat_mixed
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xi8>, %[[B:.*]]: tensor<2x5xi8>) -> tensor<2x8xi8>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x8xi8>
// CHECK-DAG: %[[M:.*]] = arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: %[[ZY:.*]] = arith.constant dense<1> : tensor<1xi32>
// CHECK: %[[RA:.*]] = linalg.generic
// CHECK-SAME: ins(%[[A]], %[[M]], %{{.*}}, %{{.*}}, %[[ZY]], %{{.*}} : tensor<2x3xi8>,
// CHECK: arith.shrsi {{.*}} : i64
// CHECK: } -> tensor<2x3xi8>
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[RA]] into %[[E]][0, 0] [2, 3] [1, 1] : tensor<2x3xi8> into tensor<2x8xi8>
// CHECK: %[[S2:.*]] = tensor.insert_slice %[[B]] into %[[S1]][0, 3] [2, 5] [1, 1] : tensor<2x5xi8> into tensor<2x8xi8>
// CHECK: return %[[S2]] : tensor<2x8xi8>

// In float mode the requantized operand uses f32(M) = 0.5 and roundeven.
// FLOAT-LABEL: func.func @concat_mixed
// FLOAT-SAME: (%[[A:.*]]: tensor<2x3xi8>, %[[B:.*]]: tensor<2x5xi8>)
// FLOAT: %[[MF:.*]] = arith.constant dense<5.000000e-01> : tensor<1xf32>
// FLOAT: %[[RA:.*]] = linalg.generic
// FLOAT-SAME: ins(%[[A]], %[[MF]],
// FLOAT: math.roundeven
// FLOAT: tensor.insert_slice %[[RA]] into
// FLOAT: tensor.insert_slice %[[B]] into
func.func @concat_mixed(%a: tensor<2x3x!quant.uniform<i8:f32, 0.1>>,
                        %b: tensor<2x5x!quant.uniform<i8:f32, 0.2:1>>)
    -> tensor<2x8x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.concat %a, %b {axis = 1 : i64}
      : (tensor<2x3x!quant.uniform<i8:f32, 0.1>>, tensor<2x5x!quant.uniform<i8:f32, 0.2:1>>)
     -> tensor<2x8x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<2x8x!quant.uniform<i8:f32, 0.2:1>>
}

// All operands identical to the result along axis 0: three plain copies,
// no linalg.generic.
// CHECK-LABEL: func.func @concat_copies
// CHECK-SAME: (%[[A:.*]]: tensor<1x4xi8>, %[[B:.*]]: tensor<2x4xi8>, %[[C:.*]]: tensor<1x4xi8>) -> tensor<4x4xi8>
// CHECK-NOT: linalg.generic
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x4xi8>
// CHECK: %[[S1:.*]] = tensor.insert_slice %[[A]] into %[[E]][0, 0] [1, 4] [1, 1]
// CHECK: %[[S2:.*]] = tensor.insert_slice %[[B]] into %[[S1]][1, 0] [2, 4] [1, 1]
// CHECK: %[[S3:.*]] = tensor.insert_slice %[[C]] into %[[S2]][3, 0] [1, 4] [1, 1]
// CHECK-NOT: linalg.generic
// CHECK: return %[[S3]]
func.func @concat_copies(%a: tensor<1x4x!quant.uniform<u8:f32, 0.5:128>>,
                         %b: tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>,
                         %c: tensor<1x4x!quant.uniform<u8:f32, 0.5:128>>)
    -> tensor<4x4x!quant.uniform<u8:f32, 0.5:128>> {
  %y = qnn.concat %a, %b, %c {axis = 0 : i64}
      : (tensor<1x4x!quant.uniform<u8:f32, 0.5:128>>, tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>,
         tensor<1x4x!quant.uniform<u8:f32, 0.5:128>>)
     -> tensor<4x4x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<4x4x!quant.uniform<u8:f32, 0.5:128>>
}

// Same scale but a different zero point still requantizes (M = 1.0 ->
// (2^30, 1): left shift 1); u8 input zero-extended.
// CHECK-LABEL: func.func @concat_zero_point_only
// CHECK-DAG: arith.constant dense<1073741824> : tensor<1xi32>
// CHECK-DAG: arith.constant dense<1> : tensor<1xi32>
// CHECK: linalg.generic
// CHECK: arith.extui %{{.*}} : i8 to i32
// CHECK: tensor.insert_slice
// CHECK: tensor.insert_slice
func.func @concat_zero_point_only(%a: tensor<2x2x!quant.uniform<u8:f32, 0.5:100>>,
                                  %b: tensor<2x2x!quant.uniform<u8:f32, 0.5:128>>)
    -> tensor<2x4x!quant.uniform<u8:f32, 0.5:128>> {
  %y = qnn.concat %a, %b {axis = 1 : i64}
      : (tensor<2x2x!quant.uniform<u8:f32, 0.5:100>>, tensor<2x2x!quant.uniform<u8:f32, 0.5:128>>)
     -> tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<2x4x!quant.uniform<u8:f32, 0.5:128>>
}
