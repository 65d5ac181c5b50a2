// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni=threads=2 | FileCheck %s
// RUN: not qnn-opt %s -split-input-file --convert-qnn-to-vnni=threads=0 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: invalid threads 0: expected 1 or more

// threads=2 on a convolution: an scf.forall of 2 parts, each a band of the
// 4 output rows, [t * 4 / 2, (t + 1) * 4 / 2), computed into its own slice
// and put back with tensor.parallel_insert_slice.

// CHECK-LABEL: func.func @conv
// CHECK: %[[OUT:.*]] = tensor.empty() : tensor<4x6x16xi8>
// CHECK: %[[R:.*]] = scf.forall (%[[T:.*]]) in (2) shared_outs(%[[S:.*]] = %[[OUT]]) -> (tensor<4x6x16xi8>) {
// CHECK: %[[T4:.*]] = arith.muli %[[T]], %{{.*}} : index
// CHECK: %[[LO_U:.*]] = arith.divui %[[T4]], %{{.*}} : index
// CHECK: %[[LO:.*]] = arith.muli %[[LO_U]], %{{.*}} : index
// CHECK: %[[N:.*]] = arith.subi %{{.*}}, %[[LO]] : index
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %[[S]][%[[LO]], 0, 0] [%[[N]], 6, 16] [1, 1, 1] : tensor<4x6x16xi8> to tensor<?x6x16xi8>
// CHECK: scf.for %{{.*}} = %[[LO]] to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[SLICE]]) -> (tensor<?x6x16xi8>)
// CHECK: qnn.dot_u8i8
// CHECK: scf.forall.in_parallel {
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[S]][%[[LO]], 0, 0] [%[[N]], 6, 16] [1, 1, 1] : tensor<?x6x16xi8> into tensor<4x6x16xi8>
// CHECK: tensor.expand_shape %[[R]] {{\[}}[0, 1], [2], [3]] output_shape [1, 4, 6, 16] : tensor<4x6x16xi8> into tensor<1x4x6x16xi8>
func.func @conv(%x: tensor<1x6x8x8x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x4x6x16x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<16x3x3x8xi8>
  %w = quant.scast %c : tensor<16x3x3x8xi8> to tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.conv2d %x, %w {qnn.kernel = {kind = "vnni512", mr = 6 : i64, nr = 1 : i64}}
      : (tensor<1x6x8x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x4x6x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x4x6x16x!quant.uniform<i8:f32, 0.05>>
}

// -----

// A fully connected layer has one output row: the parts are bands of the
// 20 / 4 = 5 column tiles of 4 rows of x, [t * 5 / 2 * 4, (t + 1) * 5 / 2 * 4)
// (rows 0-7 and 8-19); the remainder tile (row 20) follows the forall.

// CHECK-LABEL: func.func @fc
// CHECK: scf.forall (%{{.*}}) in (2) shared_outs(%[[S:.*]] = %{{.*}}) -> (tensor<1x21x16xi8>) {
// CHECK: tensor.extract_slice %[[S]][0, %[[LO:.*]], 0] [1, %[[N:.*]], 16] [1, 1, 1] : tensor<1x21x16xi8> to tensor<1x?x16xi8>
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[S]][0, %[[LO]], 0] [1, %[[N]], 16] [1, 1, 1] : tensor<1x?x16xi8> into tensor<1x21x16xi8>
// CHECK: }
// CHECK: qnn.dot_u8i8
// CHECK: tensor.expand_shape
func.func @fc(%x: tensor<21x8x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<21x16x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<16x8xi8>
  %w = quant.scast %c : tensor<16x8xi8> to tensor<16x8x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 4 : i64, nr = 1 : i64}}
      : (tensor<21x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<16x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<21x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<21x16x!quant.uniform<i8:f32, 0.05>>
}

// -----

// One tile of work (3 rows, one output row) cannot be split: sequential.
// CHECK-LABEL: func.func @small
// CHECK-NOT: scf.forall
// CHECK: qnn.dot_u8i8
func.func @small(%x: tensor<3x8x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<3x16x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<16x8xi8>
  %w = quant.scast %c : tensor<16x8xi8> to tensor<16x8x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 8 : i64, nr = 1 : i64}}
      : (tensor<3x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<16x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<3x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<3x16x!quant.uniform<i8:f32, 0.05>>
}

// -----

// Depthwise: bands of the 2 x 3 = 6 output rows (batch and height).
// CHECK-LABEL: func.func @dw
// CHECK: scf.forall (%{{.*}}) in (2) shared_outs(%[[S:.*]] = %{{.*}}) -> (tensor<6x3x16xi8>) {
// CHECK: arith.muli %{{.*}}, %{{.*}} : vector<32xi32>
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[S]]
func.func @dw(%x: tensor<2x5x5x16x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x3x16x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x3x16x1xi8>
  %w = quant.scast %c : tensor<3x3x16x1xi8> to tensor<3x3x16x1x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.depthwise_conv2d %x, %w {qnn.kernel = {kind = "dwvec", mr = 3 : i64}}
      : (tensor<2x5x5x16x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x3x16x1x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x3x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x3x16x!quant.uniform<i8:f32, 0.05>>
}
