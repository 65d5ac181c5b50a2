// Kernel selection follows the CPU the code is generated for, including
// features a CPU name implies: haswell (AVX2, no AVX-512) gets the dot4
// kernel through vpmaddwd on ymm registers; icelake-server gets vpdpbusd.
// RUN: qnn-compile %s --kernels=auto --mtriple=x86_64-unknown-linux-gnu --mcpu=haswell --emit=asm -o - | FileCheck %s --check-prefix=HSW
// RUN: qnn-compile %s --kernels=auto --mtriple=x86_64-unknown-linux-gnu --mcpu=icelake-server --emit=asm -o - | FileCheck %s --check-prefix=ICX
// RUN: qnn-compile %s --kernels=auto --mtriple=x86_64-unknown-linux-gnu --mcpu=icelake-server --mattr=-avx512vnni --emit=asm -o - | FileCheck %s --check-prefix=NOVNNI
// HSW-NOT: zmm
// HSW: vpmaddwd
// HSW-NOT: zmm
// ICX: vpdpbusd
// NOVNNI-NOT: vpdpbusd
// NOVNNI: vpmaddwd
// NOVNNI-NOT: vpdpbusd
func.func @fc(%x: tensor<8x64x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<8x32x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<3> : tensor<32x64xi8>
  %w = quant.scast %c : tensor<32x64xi8> to tensor<32x64x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.fully_connected %x, %w : (tensor<8x64x!quant.uniform<u8:f32, 0.02:128>>, tensor<32x64x!quant.uniform<i8:f32, 0.1>>) -> tensor<8x32x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<8x32x!quant.uniform<i8:f32, 0.05>>
}
