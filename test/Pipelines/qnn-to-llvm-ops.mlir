// RUN: qnn-opt %s --qnn-to-llvm | FileCheck %s --implicit-check-not='{{(qnn|linalg|tensor|memref|bufferization|scf|cf|arith|math|func)\.[a-z]}}'

// Several ops through the whole pipeline: each public function becomes an
// llvm.func over bare pointers, inputs first and then the output buffer,
// returning nothing.

// CHECK-LABEL: llvm.func @requantize
// CHECK-SAME: (%[[IN:.*]]: !llvm.ptr, %[[OUT:.*]]: !llvm.ptr) {
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> i8
// CHECK: llvm.ashr %{{.*}}, %{{.*}} : i64
// CHECK: llvm.ashr
// CHECK: llvm.store %{{.*}}, %{{.*}} : i8, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}

// CHECK-LABEL: llvm.func @fully_connected
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.return{{$}}
func.func @fully_connected(%x: tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
                           %w: tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}>>,
                           %b: tensor<8xi32>) -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>> {
  %y = qnn.fully_connected %x, %w, %b {activation = #qnn.activation<relu6>}
      : (tensor<2x16x!quant.uniform<u8:f32, 0.02:128>>,
         tensor<8x16x!quant.uniform<i8:f32:0, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}>>,
         tensor<8xi32>) -> tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
  return %y : tensor<2x8x!quant.uniform<u8:f32, 0.05:0>>
}

// CHECK-LABEL: llvm.func @add
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.return{{$}}
func.func @add(%a: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
               %b: tensor<4x!quant.uniform<u8:f32, 0.1:0>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.1:5>> {
  %y = qnn.add %a, %b : (tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
                         tensor<4x!quant.uniform<u8:f32, 0.1:0>>)
                     -> tensor<4x!quant.uniform<i8:f32, 0.1:5>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.1:5>>
}

// CHECK-LABEL: llvm.func @pools_concat_reshape
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.return{{$}}
func.func @pools_concat_reshape(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.1:5>>)
    -> tensor<1x16x!quant.uniform<u8:f32, 0.1:5>> {
  %a = qnn.avg_pool2d %x {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
      : tensor<1x4x4x2x!quant.uniform<u8:f32, 0.1:5>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>
  %m = qnn.max_pool2d %x {kernel = array<i64: 3, 3>, stride = array<i64: 2, 2>, pad = array<i64: 1, 0, 1, 0>}
      : tensor<1x4x4x2x!quant.uniform<u8:f32, 0.1:5>> -> tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>
  %c = qnn.concat %a, %m {axis = 3 : i64}
      : (tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>, tensor<1x2x2x2x!quant.uniform<u8:f32, 0.1:5>>)
     -> tensor<1x2x2x4x!quant.uniform<u8:f32, 0.1:5>>
  %k = qnn.clamp %c {min = 5 : i64, max = 200 : i64}
      : tensor<1x2x2x4x!quant.uniform<u8:f32, 0.1:5>> -> tensor<1x2x2x4x!quant.uniform<u8:f32, 0.1:5>>
  %r = qnn.reshape %k : tensor<1x2x2x4x!quant.uniform<u8:f32, 0.1:5>> -> tensor<1x16x!quant.uniform<u8:f32, 0.1:5>>
  return %r : tensor<1x16x!quant.uniform<u8:f32, 0.1:5>>
}

// f32-level ops: batch_norm uses llvm.intr.sqrt; observe is a copy into the
// output buffer.
// CHECK-LABEL: llvm.func @batch_norm
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.intr.sqrt(%{{.*}}) : (f32) -> f32
// CHECK: llvm.return{{$}}
func.func @batch_norm(%x: tensor<1x2x2x3xf32>, %g: tensor<3xf32>, %b: tensor<3xf32>,
                      %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<1x2x2x3xf32> {
  %y = qnn.batch_norm %x, %g, %b, %m, %v
      : (tensor<1x2x2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>)
      -> tensor<1x2x2x3xf32>
  %o = qnn.observe %y {id = 0 : i64} : tensor<1x2x2x3xf32>
  return %o : tensor<1x2x2x3xf32>
}

// CHECK-LABEL: llvm.func @observe_only
// CHECK-SAME: (%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK: llvm.load %{{.*}} : !llvm.ptr -> f32
// CHECK: llvm.store %{{.*}}, %{{.*}} : f32, !llvm.ptr
// CHECK: llvm.return{{$}}
func.func @observe_only(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %y = qnn.observe %x {id = 3 : i64} : tensor<1x8xf32>
  return %y : tensor<1x8xf32>
}
