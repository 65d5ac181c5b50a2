// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N20: dot[n,o] = C - 2 * popcount(x[n] XOR w[o]) over ceil(C/64)
// words (loops n, o | word), then rule N19.2/N19.3.

// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[$NB:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$CHAN:.+]] = affine_map<(d0, d1) -> (d1)>

// CHECK-LABEL: func.func @bfc_f32
// CHECK-SAME: (%[[X:.*]]: tensor<2x2xi64>, %[[W:.*]]: tensor<8x2xi64>, %[[B:.*]]: tensor<8xf32>) -> tensor<2x8xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<2x8xi32>)
// CHECK: %[[NB:.*]] = arith.constant dense<[64, 6]> : tensor<2xi32>
// CHECK: %[[DOT:.*]] = linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #[[$NB]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]], %[[W]], %[[NB]] : tensor<2x2xi64>, tensor<8x2xi64>, tensor<2xi32>) outs(%[[F]] : tensor<2x8xi32>)
// CHECK: ^bb0(%[[XV:.*]]: i64, %[[WV:.*]]: i64, %[[NBV:.*]]: i32, %[[ACC:.*]]: i32):
// CHECK-NEXT: %[[XOR:.*]] = arith.xori %[[XV]], %[[WV]] : i64
// CHECK-NEXT: %[[PC:.*]] = math.ctpop %[[XOR]] : i64
// CHECK-NEXT: %[[PC32:.*]] = arith.trunci %[[PC]] : i64 to i32
// CHECK-NEXT: %[[TWO:.*]] = arith.constant 2 : i32
// CHECK-NEXT: %[[TPC:.*]] = arith.muli %[[TWO]], %[[PC32]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.subi %[[NBV]], %[[TPC]] : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[ACC]], %[[T]] : i32
// CHECK-NEXT: linalg.yield %[[S]] : i32
// alpha_x * alpha_w = 1.0 * 0.5.
// CHECK: %[[AL:.*]] = arith.constant dense<5.000000e-01> : tensor<8xf32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID2]], #[[$CHAN]], #[[$CHAN]], #[[$ID2]]]
// CHECK-SAME: ins(%[[DOT]], %[[AL]], %[[B]] : tensor<2x8xi32>, tensor<8xf32>, tensor<8xf32>)
// CHECK: return %[[Y]] : tensor<2x8xf32>
func.func @bfc_f32(%x: tensor<2x70x!qnn.binary<f32, 1.0>>,
                   %w: tensor<8x70x!qnn.binary<f32, 0.5>>,
                   %b: tensor<8xf32>) -> tensor<2x8xf32> {
  %y = qnn.bfully_connected %x, %w, %b
      : (tensor<2x70x!qnn.binary<f32, 1.0>>, tensor<8x70x!qnn.binary<f32, 0.5>>, tensor<8xf32>)
      -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// Per-axis weights: alpha[o] = 2.0 * {0.5, 0.25, 1.5}; u8 quantized result.
// CHECK-LABEL: func.func @bfc_quant
// CHECK-SAME: -> tensor<1x3xi8>
// CHECK: arith.constant dense<64> : tensor<1xi32>
// CHECK: math.ctpop
// CHECK-DAG: arith.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-DAG: arith.constant dense<[1.000000e+00, 5.000000e-01, 3.000000e+00]> : tensor<3xf32>
// CHECK: arith.divf
// CHECK: math.roundeven
// CHECK: arith.constant 0 : i64
// CHECK: arith.constant 255 : i64
func.func @bfc_quant(%x: tensor<1x64x!qnn.binary<f32, 2.0>>,
                     %w: tensor<3x64x!qnn.binary<f32:0, {0.5, 0.25, 1.5}>>)
    -> tensor<1x3x!quant.uniform<u8:f32, 0.5:128>> {
  %y = qnn.bfully_connected %x, %w
      : (tensor<1x64x!qnn.binary<f32, 2.0>>, tensor<3x64x!qnn.binary<f32:0, {0.5, 0.25, 1.5}>>)
      -> tensor<1x3x!quant.uniform<u8:f32, 0.5:128>>
  return %y : tensor<1x3x!quant.uniform<u8:f32, 0.5:128>>
}

// Binary result: packed along O (3 outputs -> 1 word; the bit loop runs
// over the 3 outputs, the 61 tail bits stay 0).
// CHECK-LABEL: func.func @bfc_binary
// CHECK-SAME: -> tensor<4x1xi64>
// CHECK-NOT: tensor.pad
// CHECK: ins(%{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<3xi64>) outs(%{{.*}} : tensor<4x1xi64>)
// CHECK: arith.cmpf olt
// CHECK: arith.ori
func.func @bfc_binary(%x: tensor<4x100x!qnn.binary<f32, 1.0>>,
                      %w: tensor<3x100x!qnn.binary<f32, 1.0>>)
    -> tensor<4x3x!qnn.binary<f32, 1.0>> {
  %y = qnn.bfully_connected %x, %w
      : (tensor<4x100x!qnn.binary<f32, 1.0>>, tensor<3x100x!qnn.binary<f32, 1.0>>)
      -> tensor<4x3x!qnn.binary<f32, 1.0>>
  return %y : tensor<4x3x!qnn.binary<f32, 1.0>>
}
