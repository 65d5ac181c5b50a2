// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N17 with the packing of rule N1.5: loops d0.., word | bit; element
// c = word * 64 + bit sets bit (c % 64) of word (c / 64) when x < threshold.
// C = 70 is not a multiple of 64: the input is padded to 128 with the
// threshold itself, which is not below itself, so the 58 tail bits are 0.
// C < 64 (one word) needs no padding: the bit loop runs over C.

// CHECK-DAG: #[[$IN:.+]] = affine_map<(d0, d1, d2) -> (d0, d1 * 64 + d2)>
// CHECK-DAG: #[[$BIT:.+]] = affine_map<(d0, d1, d2) -> (d2)>
// CHECK-DAG: #[[$WORD:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$IN1:.+]] = affine_map<(d0, d1) -> (d0 * 64 + d1)>
// CHECK-DAG: #[[$BIT1:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[$WORD1:.+]] = affine_map<(d0, d1) -> (d0)>

// CHECK-LABEL: func.func @binarize_tail
// CHECK-SAME: (%[[X:.*]]: tensor<2x70xf32>) -> tensor<2x2xi64>
// CHECK: %[[TH:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 0] high[0, 58]
// CHECK: tensor.yield %[[TH]] : f32
// CHECK: } : tensor<2x70xf32> to tensor<2x128xf32>
// CHECK: %[[Z:.*]] = arith.constant 0 : i64
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x2xi64>
// CHECK: %[[F:.*]] = linalg.fill ins(%[[Z]] : i64) outs(%[[E]] : tensor<2x2xi64>)
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[$IN]], #[[$BIT]], #[[$WORD]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK-SAME: ins(%[[P]], %{{.*}} : tensor<2x128xf32>, tensor<64xi64>) outs(%[[F]] : tensor<2x2xi64>)
// CHECK: ^bb0(%[[V:.*]]: f32, %{{.*}}: i64, %[[ACC:.*]]: i64):
// CHECK: %[[T:.*]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[LT:.*]] = arith.cmpf olt, %[[V]], %[[T]] : f32
// CHECK: %[[IDX:.*]] = linalg.index 2 : index
// CHECK: %[[SH:.*]] = arith.index_cast %[[IDX]] : index to i64
// CHECK: %[[B:.*]] = arith.extui %[[LT]] : i1 to i64
// CHECK: %[[BIT:.*]] = arith.shli %[[B]], %[[SH]] : i64
// CHECK: %[[OR:.*]] = arith.ori %[[ACC]], %[[BIT]] : i64
// CHECK: linalg.yield %[[OR]] : i64
// CHECK: return %[[W]] : tensor<2x2xi64>
func.func @binarize_tail(%x: tensor<2x70xf32>) -> tensor<2x70x!qnn.binary<f32, 0.5>> {
  %y = qnn.binarize %x {threshold = 0.25 : f32}
      : tensor<2x70xf32> -> tensor<2x70x!qnn.binary<f32, 0.5>>
  return %y : tensor<2x70x!qnn.binary<f32, 0.5>>
}

// C = 128: exactly two words, no padding; default threshold 0.0.
// CHECK-LABEL: func.func @binarize_full_words
// CHECK-SAME: (%[[X:.*]]: tensor<1x3x128xf32>) -> tensor<1x3x2xi64>
// CHECK-NOT: tensor.pad
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<1x3x128xf32>, tensor<64xi64>)
// CHECK: arith.constant 0.000000e+00 : f32
// CHECK: arith.cmpf olt
// CHECK: linalg.index 3 : index
func.func @binarize_full_words(%x: tensor<1x3x128xf32>) -> tensor<1x3x128x!qnn.binary<f32, 1.0>> {
  %y = qnn.binarize %x : tensor<1x3x128xf32> -> tensor<1x3x128x!qnn.binary<f32, 1.0>>
  return %y : tensor<1x3x128x!qnn.binary<f32, 1.0>>
}

// Rank 1, C = 5: one word; the bit loop runs over the 5 channels (no padded
// copy), so bits 5..63 keep the fill's 0.
// CHECK-LABEL: func.func @binarize_rank1
// CHECK-SAME: (%[[X:.*]]: tensor<5xf32>) -> tensor<1xi64>
// CHECK-NOT: tensor.pad
// CHECK: linalg.generic {indexing_maps = [#[[$IN1]], #[[$BIT1]], #[[$WORD1]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]], %{{.*}} : tensor<5xf32>, tensor<5xi64>)
// CHECK: arith.constant -1.500000e+00 : f32
// CHECK: linalg.index 1 : index
func.func @binarize_rank1(%x: tensor<5xf32>) -> tensor<5x!qnn.binary<f32, 2.0>> {
  %y = qnn.binarize %x {threshold = -1.5 : f32} : tensor<5xf32> -> tensor<5x!qnn.binary<f32, 2.0>>
  return %y : tensor<5x!qnn.binary<f32, 2.0>>
}
