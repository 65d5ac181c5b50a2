// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N19.1 with pad_value = 0 (the default): the input is padded with zero
// words (+1 values) and an i8 validity mask over the padded H x W plane zeroes
// the contribution of out-of-bounds taps. Each tap adds
// sum over words of (bits_in_word - 2 * popcount(x XOR w)); C = 70 gives
// word bit counts [64, 6].

// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d4, d2 + d5, d6)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>
// CHECK-DAG: #[[$NB:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d6)>
// CHECK-DAG: #[[$MASK:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1 + d4, d2 + d5)>
// CHECK-DAG: #[[$OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[$CHAN:.+]] = affine_map<(d0, d1, d2, d3) -> (d3)>

// CHECK-LABEL: func.func @bconv_pad_zero
// CHECK-SAME: (%[[X:.*]]: tensor<1x2x2x2xi64>, %[[W:.*]]: tensor<3x1x3x2xi64>, %[[B:.*]]: tensor<3xf32>) -> tensor<1x2x2x3xf32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i64
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 1, 0]
// CHECK: tensor.yield %[[Z]] : i64
// CHECK: } : tensor<1x2x2x2xi64> to tensor<1x2x4x2xi64>
// CHECK-DAG: %[[NB:.*]] = arith.constant dense<[64, 6]> : tensor<2xi32>
// CHECK-DAG: %[[MASK:.*]] = arith.constant dense<{{\[\[}}0, 1, 1, 0], [0, 1, 1, 0]]> : tensor<2x4xi8>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<1x2x2x3xi32>)
// CHECK: %[[DOT:.*]] = linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #[[$NB]], #[[$MASK]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[P]], %[[W]], %[[NB]], %[[MASK]] : tensor<1x2x4x2xi64>, tensor<3x1x3x2xi64>, tensor<2xi32>, tensor<2x4xi8>) outs(%[[F]] : tensor<1x2x2x3xi32>)
// CHECK: ^bb0(%[[XV:.*]]: i64, %[[WV:.*]]: i64, %[[NBV:.*]]: i32, %[[MV:.*]]: i8, %[[ACC:.*]]: i32):
// CHECK-NEXT: %[[XOR:.*]] = arith.xori %[[XV]], %[[WV]] : i64
// CHECK-NEXT: %[[PC:.*]] = math.ctpop %[[XOR]] : i64
// CHECK-NEXT: %[[PC32:.*]] = arith.trunci %[[PC]] : i64 to i32
// CHECK-NEXT: %[[TWO:.*]] = arith.constant 2 : i32
// CHECK-NEXT: %[[TPC:.*]] = arith.muli %[[TWO]], %[[PC32]] : i32
// CHECK-NEXT: %[[T:.*]] = arith.subi %[[NBV]], %[[TPC]] : i32
// CHECK-NEXT: %[[VALID:.*]] = arith.trunci %[[MV]] : i8 to i1
// CHECK-NEXT: %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT: %[[TM:.*]] = arith.select %[[VALID]], %[[T]], %[[ZERO]] : i32
// CHECK-NEXT: %[[S:.*]] = arith.addi %[[ACC]], %[[TM]] : i32
// CHECK-NEXT: linalg.yield %[[S]] : i32
// Rule N19.2: y = f32(dot) * (f32(alpha_x) * f32(alpha_w[o])) + bias[o],
// alpha_x = 0.5, alpha_w = {0.25, 0.5, 1.0}.
// CHECK: %[[AL:.*]] = arith.constant dense<[1.250000e-01, 2.500000e-01, 5.000000e-01]> : tensor<3xf32>
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[$ID4]], #[[$CHAN]], #[[$CHAN]], #[[$ID4]]]
// CHECK-SAME: ins(%[[DOT]], %[[AL]], %[[B]] : tensor<1x2x2x3xi32>, tensor<3xf32>, tensor<3xf32>) outs(%{{.*}} : tensor<1x2x2x3xf32>)
// CHECK: ^bb0(%[[D:.*]]: i32, %[[A:.*]]: f32, %[[BV:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[DF:.*]] = arith.sitofp %[[D]] : i32 to f32
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[DF]], %[[A]] : f32
// CHECK-NEXT: %[[R:.*]] = arith.addf %[[M]], %[[BV]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: return %[[Y]] : tensor<1x2x2x3xf32>
func.func @bconv_pad_zero(%x: tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
                          %w: tensor<3x1x3x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>,
                          %b: tensor<3xf32>) -> tensor<1x2x2x3xf32> {
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 1>}
      : (tensor<1x2x2x70x!qnn.binary<f32, 0.5>>,
         tensor<3x1x3x70x!qnn.binary<f32:0, {0.25, 0.5, 1.0}>>, tensor<3xf32>)
      -> tensor<1x2x2x3xf32>
  return %y : tensor<1x2x2x3xf32>
}

// Padding on all sides with stride 2: the mask covers the padded 4x4 plane
// and is read at (oh * 2 + kh, ow * 2 + kw).
// CHECK-LABEL: func.func @bconv_pad_zero_strided
// CHECK: arith.constant dense<{{\[\[}}0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 1, 0], [0, 0, 0, 0]]> : tensor<4x4xi8>
// CHECK: arith.select
func.func @bconv_pad_zero_strided(%x: tensor<1x2x2x64x!qnn.binary<f32, 1.0>>,
                                  %w: tensor<1x3x3x64x!qnn.binary<f32, 1.0>>)
    -> tensor<1x1x1x1xf32> {
  %y = qnn.bconv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 2, 2>, pad_value = 0 : i64}
      : (tensor<1x2x2x64x!qnn.binary<f32, 1.0>>, tensor<1x3x3x64x!qnn.binary<f32, 1.0>>)
      -> tensor<1x1x1x1xf32>
  return %y : tensor<1x1x1x1xf32>
}

// Without padding there is nothing to mask.
// CHECK-LABEL: func.func @bconv_no_pad
// CHECK-NOT: tensor.pad
// CHECK-NOT: tensor<{{.*}}xi8>
// CHECK: math.ctpop
// CHECK-NOT: arith.select
// CHECK: return
func.func @bconv_no_pad(%x: tensor<1x3x3x64x!qnn.binary<f32, 1.0>>,
                        %w: tensor<2x3x3x64x!qnn.binary<f32, 1.0>>) -> tensor<1x1x1x2xf32> {
  %y = qnn.bconv2d %x, %w
      : (tensor<1x3x3x64x!qnn.binary<f32, 1.0>>, tensor<2x3x3x64x!qnn.binary<f32, 1.0>>)
      -> tensor<1x1x1x2xf32>
  return %y : tensor<1x1x1x2xf32>
}
