// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N12: S = sum of (q - zp) over the window (padding holds zp, so it
// adds 0), divided by the compile-time count of in-bounds positions
// (count_include_pad = false), rounding half away from zero.

// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
// CHECK-DAG: #[[$WIN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CNT:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-DAG: #[[$IN1:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 + d4, d2 + d5, d3)>

// 3x3 input, 2x2 kernel, stride 2, pad bottom/right 1: the last row and
// column of windows see 2 and 1 positions -> counts [[4, 2], [2, 1]].
// CHECK-LABEL: func.func @avg_pool_tail
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x3x2xi8>) -> tensor<1x2x2x2xi8>
// CHECK: %[[PV:.*]] = arith.constant 5 : i8
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK: tensor.yield %[[PV]] : i8
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<1x2x2x2xi32>)
// CHECK: %[[ZP:.*]] = arith.constant 5 : i32
// CHECK: %[[WIN:.*]] = tensor.empty() : tensor<2x2xi32>
// CHECK: %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$WIN]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[P]], %[[WIN]] : tensor<1x4x4x2xi8>, tensor<2x2xi32>) outs(%[[F]] : tensor<1x2x2x2xi32>)
// CHECK: ^bb0(%[[V:.*]]: i8, %{{.*}}: i32, %[[ACC:.*]]: i32):
// CHECK-NEXT: %[[VE:.*]] = arith.extui %[[V]] : i8 to i32
// CHECK-NEXT: %[[D:.*]] = arith.subi %[[VE]], %[[ZP]] : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[ACC]], %[[D]] : i32
// CHECK: %[[CNT:.*]] = arith.constant dense<{{\[\[}}4, 2], [2, 1]]> : tensor<2x2xi32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$CNT]], #[[$ID4]]]
// CHECK-SAME: ins(%[[SUM]], %[[CNT]] : tensor<1x2x2x2xi32>, tensor<2x2xi32>)
// CHECK: ^bb0(%[[SV:.*]]: i32, %[[C:.*]]: i32, %{{.*}}: i8):
// rdiv: S >= 0 ? (S + count/2) / count : (S - count/2) / count.
// CHECK: %[[HALF:.*]] = arith.divsi %[[C]], %{{.*}} : i32
// CHECK: %[[NONNEG:.*]] = arith.cmpi sge, %[[SV]], %{{.*}} : i32
// CHECK: %[[UP:.*]] = arith.addi %[[SV]], %[[HALF]] : i32
// CHECK: %[[DN:.*]] = arith.subi %[[SV]], %[[HALF]] : i32
// CHECK: %[[ADJ:.*]] = arith.select %[[NONNEG]], %[[UP]], %[[DN]] : i32
// CHECK: %[[Q:.*]] = arith.divsi %[[ADJ]], %[[C]] : i32
// CHECK: %[[Q64:.*]] = arith.extsi %[[Q]] : i32 to i64
// CHECK: %[[ZP64:.*]] = arith.constant 5 : i64
// CHECK: arith.addi %[[Q64]], %[[ZP64]] : i64
// CHECK: arith.constant 0 : i64
// CHECK: arith.constant 255 : i64
// CHECK: return %[[Y]]
func.func @avg_pool_tail(%x: tensor<1x3x3x2x!quant.uniform<u8:f32, 0.1:5>>)
    -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>,
                          pad = array<i64: 0, 1, 0, 1>}
      : tensor<1x3x3x2x!quant.uniform<u8:f32, 0.1:5>>
     -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>
  return %y : tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>
}

// 3x3 kernel, stride 1, pad 1 on every side: corners see 4 positions,
// edges 6, the centre 9. i8 zero point -100 pads with -100.
// CHECK-LABEL: func.func @avg_pool_same
// CHECK: arith.constant -100 : i8
// CHECK: tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: linalg.generic {indexing_maps = [#[[$IN1]], #[[$WIN]], #[[$OUT]]]
// CHECK: arith.extsi %{{.*}} : i8 to i32
// CHECK: arith.constant dense<{{\[\[}}4, 6, 4], [6, 9, 6], [4, 6, 4]]> : tensor<3x3xi32>
// CHECK: arith.constant -128 : i64
// CHECK: arith.constant 127 : i64
func.func @avg_pool_same(%x: tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:-100>>)
    -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:-100>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 3, 3>, pad = array<i64: 1, 1, 1, 1>}
      : tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:-100>>
     -> tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:-100>>
  return %y : tensor<1x3x3x1x!quant.uniform<i8:f32, 0.1:-100>>
}

// No padding: every window is full, a single count 4 per position, no tensor.pad.
// CHECK-LABEL: func.func @avg_pool_valid
// CHECK-NOT: tensor.pad
// CHECK: arith.constant dense<4> : tensor<2x2xi32>
func.func @avg_pool_valid(%x: tensor<1x4x4x3x!quant.uniform<i8:f32, 0.1:3>>)
    -> tensor<1x2x2x3x!quant.uniform<i8:f32, 0.1:3>> {
  %y = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
      : tensor<1x4x4x3x!quant.uniform<i8:f32, 0.1:3>>
     -> tensor<1x2x2x3x!quant.uniform<i8:f32, 0.1:3>>
  return %y : tensor<1x2x2x3x!quant.uniform<i8:f32, 0.1:3>>
}
