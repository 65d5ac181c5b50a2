// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N13: the maximum over the window, compared with the storage's
// signedness. Padding and the initial value are qmin, which never wins
// because every window holds an in-bounds position (pad < kernel).

// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
// CHECK-DAG: #[[$IN1:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 + d5, d3)>
// CHECK-DAG: #[[$WIN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>

// i8, no padding: init -128, signed max.
// CHECK-LABEL: func.func @max_pool_i8
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x4x2xi8>) -> tensor<1x2x2x2xi8>
// CHECK-NOT: tensor.pad
// CHECK: %[[LOW:.*]] = arith.constant -128 : i8
// CHECK: %[[E:.*]] = tensor.empty() : tensor<1x2x2x2xi8>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[LOW]] : i8) outs(%[[E]] : tensor<1x2x2x2xi8>)
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<2x2xi32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$WIN]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[WIN]] : tensor<1x4x4x2xi8>, tensor<2x2xi32>) outs(%[[F]] : tensor<1x2x2x2xi8>)
// CHECK: ^bb0(%[[V:.*]]: i8, %{{.*}}: i32, %[[ACC:.*]]: i8):
// CHECK-NEXT: %[[M:.*]] = arith.maxsi %[[V]], %[[ACC]] : i8
// CHECK-NEXT: linalg.yield %[[M]] : i8
// CHECK: return %[[Y]]
func.func @max_pool_i8(%x: tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1:3>>)
    -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:3>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
      : tensor<1x4x4x2x!quant.uniform<i8:f32, 0.1:3>>
     -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:3>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.1:3>>
}

// u8 with padding: pad value and init are qmin = 0 (not the zero point 3),
// unsigned max.
// CHECK-LABEL: func.func @max_pool_u8_pad
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x3x2xi8>)
// CHECK: %[[LOW:.*]] = arith.constant 0 : i8
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[LOW]] : i8
// CHECK: } : tensor<1x3x3x2xi8> to tensor<1x5x5x2xi8>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[LOW]] : i8)
// CHECK: linalg.generic {indexing_maps = [#[[$IN1]], #[[$WIN]], #[[$OUT]]]
// CHECK-SAME: ins(%[[P]], %{{.*}} : tensor<1x5x5x2xi8>, tensor<3x3xi32>) outs(%[[F]] : tensor<1x3x3x2xi8>)
// CHECK: arith.maxui %{{.*}}, %{{.*}} : i8
func.func @max_pool_u8_pad(%x: tensor<1x3x3x2x!quant.uniform<u8:f32, 0.1:3>>)
    -> tensor<1x3x3x2x!quant.uniform<u8:f32, 0.1:3>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<1x3x3x2x!quant.uniform<u8:f32, 0.1:3>>
     -> tensor<1x3x3x2x!quant.uniform<u8:f32, 0.1:3>>
  return %y : tensor<1x3x3x2x!quant.uniform<u8:f32, 0.1:3>>
}

// Narrow range i8<-127:127>: qmin = -127.
// CHECK-LABEL: func.func @max_pool_narrow_pad
// CHECK: %[[LOW:.*]] = arith.constant -127 : i8
// CHECK: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 0, 0, 0]
// CHECK: tensor.yield %[[LOW]] : i8
// CHECK: linalg.fill ins(%[[LOW]] : i8)
// CHECK: arith.maxsi
func.func @max_pool_narrow_pad(%x: tensor<1x3x3x2x!quant.uniform<i8<-127:127>:f32, 0.1:3>>)
    -> tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32, 0.1:3>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                          pad = array<i64: 1, 0, 1, 0>}
      : tensor<1x3x3x2x!quant.uniform<i8<-127:127>:f32, 0.1:3>>
     -> tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32, 0.1:3>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8<-127:127>:f32, 0.1:3>>
}

// i16 storage: i16 container, qmin -32768.
// CHECK-LABEL: func.func @max_pool_i16
// CHECK-SAME: tensor<1x2x2x1xi16>
// CHECK: %[[LOW:.*]] = arith.constant -32768 : i16
// CHECK: linalg.fill ins(%[[LOW]] : i16)
// CHECK: arith.maxsi %{{.*}}, %{{.*}} : i16
func.func @max_pool_i16(%x: tensor<1x2x2x1x!quant.uniform<i16:f32, 0.1>>)
    -> tensor<1x1x1x1x!quant.uniform<i16:f32, 0.1>> {
  %y = qnn.max_pool2d %x {kernel = array<i64: 2, 2>}
      : tensor<1x2x2x1x!quant.uniform<i16:f32, 0.1>>
     -> tensor<1x1x1x1x!quant.uniform<i16:f32, 0.1>>
  return %y : tensor<1x1x1x1x!quant.uniform<i16:f32, 0.1>>
}
