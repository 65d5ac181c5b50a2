// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// func.call and func.return operands and results follow the signature
// conversion of the functions they call and return from.

// CHECK-LABEL: func.func private @callee
// CHECK-SAME: (tensor<4xi8>, tensor<2x2xi64>) -> (tensor<4xi16>, tensor<2x2xi64>)
func.func private @callee(tensor<4x!quant.uniform<u8:f32, 0.1:128>>,
                          tensor<2x70x!qnn.binary<f32, 1.0>>)
    -> (tensor<4x!quant.uniform<i16:f32, 0.1>>, tensor<2x70x!qnn.binary<f32, 1.0>>)

// CHECK-LABEL: func.func @caller
// CHECK-SAME: (%[[X:.*]]: tensor<4xi8>, %[[B:.*]]: tensor<2x2xi64>) -> (tensor<4xi16>, tensor<2x2xi64>)
// CHECK-NEXT: %[[R:.*]]:2 = call @callee(%[[X]], %[[B]]) : (tensor<4xi8>, tensor<2x2xi64>) -> (tensor<4xi16>, tensor<2x2xi64>)
// CHECK-NEXT: return %[[R]]#0, %[[R]]#1 : tensor<4xi16>, tensor<2x2xi64>
func.func @caller(%x: tensor<4x!quant.uniform<u8:f32, 0.1:128>>,
                  %b: tensor<2x70x!qnn.binary<f32, 1.0>>)
    -> (tensor<4x!quant.uniform<i16:f32, 0.1>>, tensor<2x70x!qnn.binary<f32, 1.0>>) {
  %r:2 = func.call @callee(%x, %b)
      : (tensor<4x!quant.uniform<u8:f32, 0.1:128>>, tensor<2x70x!qnn.binary<f32, 1.0>>)
     -> (tensor<4x!quant.uniform<i16:f32, 0.1>>, tensor<2x70x!qnn.binary<f32, 1.0>>)
  return %r#0, %r#1 : tensor<4x!quant.uniform<i16:f32, 0.1>>, tensor<2x70x!qnn.binary<f32, 1.0>>
}

// A call whose result feeds a lowered op: the op consumes the converted
// call result.
// CHECK-LABEL: func.func @callee_def
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>) -> tensor<4xi8>
// CHECK: %[[Q:.*]] = linalg.generic
// CHECK-SAME: ins(%[[X]],
// CHECK: return %[[Q]] : tensor<4xi8>
func.func @callee_def(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.5>>
}

// CHECK-LABEL: func.func @call_then_dequantize
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>) -> tensor<4xf32>
// CHECK-NEXT: %[[C:.*]] = call @callee_def(%[[X]]) : (tensor<4xf32>) -> tensor<4xi8>
// CHECK: %[[D:.*]] = linalg.generic
// CHECK-SAME: ins(%[[C]],
// CHECK: arith.sitofp
// CHECK: return %[[D]] : tensor<4xf32>
func.func @call_then_dequantize(%x: tensor<4xf32>) -> tensor<4xf32> {
  %q = func.call @callee_def(%x) : (tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5>>
  %d = qnn.dequantize %q : tensor<4x!quant.uniform<i8:f32, 0.5>> -> tensor<4xf32>
  return %d : tensor<4xf32>
}
