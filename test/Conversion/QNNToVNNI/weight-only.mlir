// RUN: qnn-opt %s --convert-qnn-to-vnni | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-vnni=threads=2 | FileCheck %s --check-prefix=THREADS

// The wofc kernel (rule N25) on 3 rows, 70 inputs (two blocks of 64, the
// second read masked) and 5 output channels: rows in groups of `rows` = 2
// (then the last row alone), each against every channel; per channel and
// block one vector<64xf32> fma per row. The result is built as [rows,
// channels, 1] and collapsed to [rows, channels].
// CHECK-LABEL: func.func @wofc
// CHECK-NOT: scf.forall
// CHECK: scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %{{.*}}) -> (tensor<3x5x1xf32>)
// CHECK: scf.for {{.*}} -> (vector<64xf32>, vector<64xf32>)
// CHECK-COUNT-2: math.fma {{.*}} : vector<64xf32>
// CHECK: tensor.insert {{.*}} : tensor<3x5x1xf32>
// CHECK: scf.for {{.*}} -> (vector<64xf32>)
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2]] : tensor<3x5x1xf32> into tensor<3x5xf32>

// With threads=2, the channels split into two bands (5 * t / 2: channels
// 0-1 and 2-4), each a slice [3, band, 1] of the output computed as on
// one thread: the same values bit for bit.
// THREADS-LABEL: func.func @wofc
// THREADS: scf.forall (%[[T:.*]]) in (2) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<3x5x1xf32>)
// THREADS: tensor.extract_slice {{.*}} : tensor<3x5x1xf32> to tensor<3x?x1xf32>
// THREADS: scf.for {{.*}} -> (tensor<3x?x1xf32>)
// THREADS: math.fma {{.*}} : vector<64xf32>
// THREADS: tensor.parallel_insert_slice {{.*}} : tensor<3x?x1xf32> into tensor<3x5x1xf32>
// THREADS: tensor.collapse_shape
func.func @wofc(%x: tensor<3x70xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %c = arith.constant dense<1> : tensor<5x70xi8>
  %w = quant.scast %c : tensor<5x70xi8> to tensor<5x70x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4, 0.5}>>
  %y = qnn.weight_only_fc %x, %w, %b {qnn.kernel = {kind = "wofc", rows = 2 : i64}} : (tensor<3x70xf32>, tensor<5x70x!quant.uniform<i8<-127:127>:f32:0, {0.1, 0.2, 0.3, 0.4, 0.5}>>, tensor<5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}
