// RUN: qnn-opt %s --convert-qnn-to-vnni | FileCheck %s
// RUN: qnn-opt %s --convert-qnn-to-vnni=requant-mode=float | FileCheck %s --check-prefix=FLOAT
// RUN: not qnn-opt %s --convert-qnn-to-vnni=requant-mode=bogus 2>&1 | FileCheck %s --check-prefix=MODE

// s8 activations (zp -5) against 17 channels of constant weights 2 over
// K = 6: two 16-channel blocks, two groups of 4 features (the second padded).
// Bias' = bias - (zx + 128) * colsum = 100 - 123 * 12 = -1376 (rule N10 with
// the +128 shift); padded channels get 0.

// CHECK-LABEL: func.func @signed
// CHECK-SAME: (%[[X:.*]]: tensor<3x6x!quant.uniform<i8:f32, 2.000000e-02:-5>>)
// CHECK: %[[XS:.*]] = qnn.container_cast %[[X]] : tensor<3x6x!quant.uniform<i8:f32, 2.000000e-02:-5>> to tensor<3x6xi8>
// The rows of x are the pixels of a 1x1x3x6 image (a 1x1 convolution).
// CHECK: %[[IMG:.*]] = tensor.expand_shape %[[XS]] {{\[}}[0, 1, 2], [3]] output_shape [1, 1, 3, 6] : tensor<3x6xi8> into tensor<1x1x3x6xi8>
// CHECK: %[[PACKED:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<2x2x64xi8>
// CHECK: %[[BIAS:.*]] = arith.constant dense<[-1376, {{.*}}, -1376, 0, {{.*}}, 0]> : tensor<32xi32>
// s8 -> u8 once for the whole input (x + 128 is a flip of the top bit),
// padded from 6 to 8 features: one masked 8-byte read per row (lanes past
// the 6 features read 0 and meet zero weights), flipped, stored whole.
// CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1x1x3x8xi8>
// CHECK: %[[PADDED:.*]] = scf.if %{{.*}} -> (tensor<1x1x3x8xi8>) {
// CHECK: scf.for %[[ROW:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %[[EMPTY]]) -> (tensor<1x1x3x8xi8>)
// CHECK: %[[V:.*]] = vector.transfer_read %[[IMG]][%{{.*}}, %{{.*}}, %[[ROW]], %{{.*}}], %{{.*}} : tensor<1x1x3x6xi8>, vector<8xi8>
// CHECK: %[[U:.*]] = arith.xori %[[V]], %{{.*}} : vector<8xi8>
// CHECK: vector.transfer_write %[[U]], %[[ACC]]{{.*}} {in_bounds = [true]} : vector<8xi8>, tensor<1x1x3x8xi8>
// CHECK: vector.transfer_read %[[BIAS]]
// The loop over groups of 4 features: a 4-byte broadcast of each row against
// one 64-byte block of packed weights.
// CHECK: scf.for {{.*}} -> (vector<16xi32>, vector<16xi32>)
// CHECK: %[[W:.*]] = vector.transfer_read %[[PACKED]]{{.*}} {in_bounds = [true]} : tensor<2x2x64xi8>, vector<64xi8>
// CHECK: %[[A4:.*]] = vector.transfer_read %[[PADDED]]{{.*}} {in_bounds = [true]} : tensor<1x1x3x8xi8>, vector<4xi8>
// CHECK: vector.broadcast %{{.*}} : i32 to vector<16xi32>
// CHECK: %[[A:.*]] = vector.bitcast %{{.*}} : vector<16xi32> to vector<64xi8>
// Weights of 2 are narrow (every pair sum of u8 x s8 products fits i16).
// CHECK: qnn.dot_u8i8 %{{.*}}, %[[A]], %[[W]] {narrow_rhs} : vector<16xi32>, vector<64xi8>, vector<64xi8>
// Fixed-point epilogue on registers, stored in bounds for full blocks...
// CHECK: arith.shrsi %{{.*}} : vector<16xi64>
// CHECK: vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<16xi8>, tensor<1x3x17xi8>
// ...and through a slice for the ragged 17th channel.
// CHECK: tensor.extract_slice %{{.*}}[0] [1] [1] : tensor<16xi8> to tensor<1xi8>
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}] [1, 1, 1] [1, 1, 1] : tensor<1xi8> into tensor<1x3x17xi8>
// The kernel writes [rows, columns, channels]; the result is reshaped back.
// CHECK: %[[IMG4:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1], [2], [3]] output_shape [1, 1, 3, 17] : tensor<1x3x17xi8> into tensor<1x1x3x17xi8>
// CHECK: %[[FLAT:.*]] = tensor.collapse_shape %[[IMG4]] {{\[}}[0, 1, 2], [3]] : tensor<1x1x3x17xi8> into tensor<3x17xi8>
// CHECK: qnn.container_cast %[[FLAT]] : tensor<3x17xi8> to tensor<3x17x!quant.uniform<u8:f32, 5.000000e-02:10>>
// CHECK-NOT: qnn.fully_connected

// FLOAT-LABEL: func.func @signed
// FLOAT: math.roundeven %{{.*}} : vector<16xf32>
// FLOAT-NOT: arith.shrsi %{{.*}} : vector<16xi64>

// MODE: invalid requant-mode 'bogus': expected 'fixed-point' or 'float'
func.func @signed(%x: tensor<3x6x!quant.uniform<i8:f32, 0.02:-5>>) -> tensor<3x17x!quant.uniform<u8:f32, 0.05:10>> {
  %c = arith.constant dense<2> : tensor<17x6xi8>
  %w = quant.scast %c : tensor<17x6xi8> to tensor<17x6x!quant.uniform<i8:f32, 0.1>>
  %b = arith.constant dense<100> : tensor<17xi32>
  %y = qnn.fully_connected %x, %w, %b {qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 1 : i64}}
      : (tensor<3x6x!quant.uniform<i8:f32, 0.02:-5>>, tensor<17x6x!quant.uniform<i8:f32, 0.1>>, tensor<17xi32>)
      -> tensor<3x17x!quant.uniform<u8:f32, 0.05:10>>
  return %y : tensor<3x17x!quant.uniform<u8:f32, 0.05:10>>
}

// Ops without the attribute are left to the reference lowering.
// CHECK-LABEL: func.func @unmarked
// CHECK: qnn.fully_connected
func.func @unmarked(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %y = qnn.fully_connected %x, %w : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}
