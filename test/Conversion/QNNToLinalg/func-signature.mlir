// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N1.4 / N1.5: quantized tensors become their integer containers
// (storage <= 8 bits -> i8, 9..16 -> i16, 17..32 -> i32, signedness
// dropped), binary tensors become packed i64 words along the last
// dimension (ceil(C / 64)); f32 and plain integer tensors are unchanged.

// CHECK-LABEL: func.func @signature
// CHECK-SAME: (%[[A:.*]]: tensor<2xi8>, %[[B:.*]]: tensor<3xi8>, %[[C:.*]]: tensor<4xi16>,
// CHECK-SAME: %[[D:.*]]: tensor<5xi32>, %[[E:.*]]: tensor<3x3xi64>, %[[F:.*]]: tensor<2xf32>,
// CHECK-SAME: %[[G:.*]]: tensor<1x1xi64>, %[[H:.*]]: tensor<6xi8>, %[[I:.*]]: tensor<2x2x64x1xi64>,
// CHECK-SAME: %[[J:.*]]: tensor<7xi32>, %[[K:.*]]: tensor<2xi16>)
// CHECK-SAME: -> (tensor<3x3xi64>, tensor<4xi16>, tensor<6xi8>)
// CHECK-NEXT: return %[[E]], %[[C]], %[[H]] : tensor<3x3xi64>, tensor<4xi16>, tensor<6xi8>
func.func @signature(%a: tensor<2x!quant.uniform<i4:f32, 0.5>>,
                     %b: tensor<3x!quant.uniform<u8:f32, 0.5:3>>,
                     %c: tensor<4x!quant.uniform<i16:f32, 0.5>>,
                     %d: tensor<5x!quant.uniform<i32:f32, 0.5>>,
                     %e: tensor<3x130x!qnn.binary<f32, 1.0>>,
                     %f: tensor<2xf32>,
                     %g: tensor<1x64x!qnn.binary<f32:0, {0.5}>>,
                     %h: tensor<6x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}>>,
                     %i: tensor<2x2x64x1x!qnn.binary<f32, 2.0>>,
                     %j: tensor<7xi32>,
                     %k: tensor<2x!quant.uniform<u16:f32, 1.0:40000>>)
    -> (tensor<3x130x!qnn.binary<f32, 1.0>>, tensor<4x!quant.uniform<i16:f32, 0.5>>,
        tensor<6x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}>>) {
  return %e, %c, %h : tensor<3x130x!qnn.binary<f32, 1.0>>, tensor<4x!quant.uniform<i16:f32, 0.5>>,
                      tensor<6x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}>>
}

// Declarations are converted too.
// CHECK-LABEL: func.func private @declaration
// CHECK-SAME: (tensor<1x8xi8>, tensor<4x2xi64>) -> tensor<9xi16>
func.func private @declaration(tensor<1x8x!quant.uniform<u8:f32, 0.1:128>>,
                               tensor<4x65x!qnn.binary<f32, 1.0>>)
    -> tensor<9x!quant.uniform<i12:f32, 0.1>>

// A function with nothing to convert is left alone.
// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>, %[[Y:.*]]: tensor<3xi8>) -> tensor<2xf32>
// CHECK-NEXT: return %[[X]] : tensor<2xf32>
func.func @plain(%x: tensor<2xf32>, %y: tensor<3xi8>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}
