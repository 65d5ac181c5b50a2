// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni | FileCheck %s
// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni=threads=2 | FileCheck %s --check-prefix=THREADS

// The bpop kernel (rule N19): input words padded with zero words (+1),
// weights packed at compile time as [block][tap * word][8 lanes], an mr x nr
// tile of vector<8xi64> popcount accumulators (broadcast, XOR, ctpop, add),
// and the pad_value = 0 border correction as a compile-time base table:
// C = 70, 3x3 taps, weight words [3, 3] (2 bits each after clearing the
// tail: popcount 4, so an out-of-bounds tap would add 70 - 8 = 62):
// corner pixels lose 5 taps (630 - 310 = 320 = 0x140), edge pixels 3
// (630 - 186 = 444 = 0x1BC), the centre none (630 = 0x276). Rows and
// columns of the 3x3 output fall into classes 0, 1, 2.
// The binary result: sign bits of dot * 0.125 (lanes past the 10 channels
// masked off) ORed into zero-initialized output words.

// CHECK-LABEL: func.func @bconv_binary
// CHECK: %[[X:.*]] = qnn.bitpack %arg0 : {{.*}} -> tensor<1x3x3x2xi64>
// CHECK-DAG: %[[W:.*]] = arith.constant dense<"0x0300000000000000{{.*}}> : tensor<2x18x8xi64>
// CHECK-DAG: %[[BASE:.*]] = arith.constant dense<"0x40010000{{.*}}BC010000{{.*}}76020000{{.*}}> : tensor<9x16xi32>
// CHECK-DAG: arith.constant dense<[0, 1, 2]> : tensor<3xindex>
// CHECK-DAG: arith.constant dense<[1.250000e-01, {{.*}}> : tensor<16xf32>
// CHECK: %[[XP:.*]] = tensor.pad %[[X]] low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK: linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<3x3x1xi64>)
// CHECK: scf.for
// CHECK: vector.transfer_read %[[W]]
// CHECK: tensor.extract %[[XP]]
// CHECK-NEXT: vector.broadcast %{{.*}} : i64 to vector<8xi64>
// CHECK-NEXT: arith.xori
// CHECK-NEXT: math.ctpop %{{.*}} : vector<8xi64>
// CHECK-NEXT: arith.addi %{{.*}} : vector<8xi64>
// CHECK: vector.transfer_read %[[BASE]]
// CHECK: arith.trunci %{{.*}} : vector<8xi64> to vector<8xi32>
// CHECK: arith.sitofp
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: arith.cmpf olt
// CHECK: vector.bitcast %{{.*}} : vector<8xi1> to vector<1xi8>
// CHECK: arith.ori
// CHECK: tensor.insert
// CHECK: dense<[true, true, false, false, false, false, false, false]> : vector<8xi1>
// CHECK: tensor.expand_shape
// CHECK: qnn.bitunpack %{{.*}} : tensor<1x3x3x1xi64> -> tensor<1x3x3x10x!qnn.binary<f32, 5.000000e-01>>
// CHECK-NOT: linalg.generic
// THREADS-LABEL: func.func @bconv_binary
// THREADS: scf.forall
// THREADS: tensor.parallel_insert_slice
!bx = !qnn.binary<f32, 0.5>
!bw = !qnn.binary<f32, 0.25>
func.func @bconv_binary(%x: tensor<1x3x3x70x!bx>) -> tensor<1x3x3x10x!bx> {
  %c = arith.constant dense<3> : tensor<10x3x3x2xi64>
  %w = qnn.bitunpack %c : tensor<10x3x3x2xi64> -> tensor<10x3x3x70x!bw>
  %y = qnn.bconv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, qnn.kernel = {kind = "bpop", mr = 3 : i64, nr = 1 : i64, lanes = 8 : i64}}
      : (tensor<1x3x3x70x!bx>, tensor<10x3x3x70x!bw>) -> tensor<1x3x3x10x!bx>
  return %y : tensor<1x3x3x10x!bx>
}

// -----

// pad_value = 1 needs no correction: one class, a base of taps * C = 9 * 64
// = 576 = 0x240 for every channel and no class tables. A quantized result:
// y / 0.5 rounded half to even, clamped to [-128 - 3, 127 - 3] in f32, + 3.
// CHECK-LABEL: func.func @bconv_quantized
// CHECK-DAG: arith.constant dense<576> : tensor<1x16xi32>
// CHECK-NOT: tensor<{{[0-9]+}}xindex>
// CHECK: math.ctpop %{{.*}} : vector<4xi64>
// CHECK: math.roundeven %{{.*}} : vector<4xf32>
// CHECK: arith.maximumf
// CHECK: arith.minimumf
// CHECK: arith.fptosi %{{.*}} : vector<4xf32> to vector<4xi32>
// CHECK: arith.trunci %{{.*}} : vector<4xi32> to vector<4xi8>
// CHECK: vector.transfer_write %{{.*}} : vector<4xi8>, tensor<4x4x16xi8>
// CHECK: qnn.container_cast %{{.*}} : tensor<1x4x4x16xi8> to tensor<1x4x4x16x!quant.uniform<i8:f32, 5.000000e-01:3>>
!b = !qnn.binary<f32, 1.0>
!q = !quant.uniform<i8:f32, 0.5:3>
func.func @bconv_quantized(%x: tensor<1x4x4x64x!b>) -> tensor<1x4x4x16x!q> {
  %c = arith.constant dense<-1> : tensor<16x3x3x1xi64>
  %w = qnn.bitunpack %c : tensor<16x3x3x1xi64> -> tensor<16x3x3x64x!b>
  %y = qnn.bconv2d %x, %w {pad = array<i64: 1, 1, 1, 1>, pad_value = 1 : i64, qnn.kernel = {kind = "bpop", mr = 2 : i64, nr = 2 : i64, lanes = 4 : i64}}
      : (tensor<1x4x4x64x!b>, tensor<16x3x3x64x!b>) -> tensor<1x4x4x16x!q>
  return %y : tensor<1x4x4x16x!q>
}

// -----

// A fully connected layer is the 1x1 convolution of a 1 x 1 x N image; an
// f32 result with 5 channels stores its ragged block through a slice.
// CHECK-LABEL: func.func @bfc_f32
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0, 1, 2], [3]] output_shape [1, 1, 3, 2] : tensor<3x2xi64> into tensor<1x1x3x2xi64>
// CHECK-NOT: tensor.pad
// CHECK: math.ctpop %{{.*}} : vector<8xi64>
// CHECK: tensor.extract_slice %{{.*}}[0] [5] [1] : tensor<8xf32> to tensor<5xf32>
// CHECK: tensor.insert_slice
// CHECK: tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<1x3x5xf32> into tensor<3x5xf32>
!b = !qnn.binary<f32, 1.0>
func.func @bfc_f32(%x: tensor<3x100x!b>) -> tensor<3x5xf32> {
  %c = arith.constant dense<12345> : tensor<5x2xi64>
  %w = qnn.bitunpack %c : tensor<5x2xi64> -> tensor<5x100x!b>
  %bias = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0]> : tensor<5xf32>
  %y = qnn.bfully_connected %x, %w, %bias {qnn.kernel = {kind = "bpop", mr = 3 : i64, nr = 1 : i64, lanes = 8 : i64}}
      : (tensor<3x100x!b>, tensor<5x100x!b>, tensor<5xf32>) -> tensor<3x5xf32>
  return %y : tensor<3x5xf32>
}
