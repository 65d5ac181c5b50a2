// RUN: qnn-opt %s --qnn-to-llvm=bare-ptr-call-conv=false | FileCheck %s
// RUN: qnn-opt %s --qnn-to-llvm=bare-ptr-call-conv=true | FileCheck %s --check-prefix=BARE

// bare-ptr-call-conv=false keeps MLIR's memref calling convention: every
// 1-D buffer argument is expanded to (allocated ptr, aligned ptr, offset,
// size, stride); the output is still an argument and nothing is returned.

// CHECK-LABEL: llvm.func @requantize
// CHECK-S%{{[a-z0-9]+}}ME: (%{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64,
// CHECK-S%{{[a-z0-9]+}}ME: %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64) {
// CHECK: llvm.return{{$}}

// BARE-LABEL: llvm.func @requantize
// B%{{[a-z0-9]+}}RE-S%{{[a-z0-9]+}}ME: (%{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr) {
func.func @requantize(%x: tensor<4x!quant.uniform<i8:f32, 0.05:-3>>)
    -> tensor<4x!quant.uniform<i8:f32, 0.2:1>> {
  %y = qnn.requantize %x : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
                        -> tensor<4x!quant.uniform<i8:f32, 0.2:1>>
  return %y : tensor<4x!quant.uniform<i8:f32, 0.2:1>>
}

// A 2-D buffer: (allocated, aligned, offset, size x2, stride x2).
// CHECK-LABEL: llvm.func @dequantize_2d
// CHECK-S%{{[a-z0-9]+}}ME: (%{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64,
// CHECK-S%{{[a-z0-9]+}}ME: %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64, %{{[a-z0-9]+}}: i64) {

// BARE-LABEL: llvm.func @dequantize_2d
// B%{{[a-z0-9]+}}RE-S%{{[a-z0-9]+}}ME: (%{{[a-z0-9]+}}: !llvm.ptr, %{{[a-z0-9]+}}: !llvm.ptr) {
func.func @dequantize_2d(%q: tensor<2x3x!quant.uniform<u8:f32, 0.1:128>>) -> tensor<2x3xf32> {
  %x = qnn.dequantize %q : tensor<2x3x!quant.uniform<u8:f32, 0.1:128>> -> tensor<2x3xf32>
  return %x : tensor<2x3xf32>
}
