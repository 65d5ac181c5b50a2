// RUN: qnn-compile %s --mtriple=x86_64-unknown-linux-gnu --mcpu=x86-64 --emit=asm -o - | FileCheck %s --check-prefix=BASE
// RUN: qnn-compile %s --mtriple=x86_64-unknown-linux-gnu --mcpu=haswell --emit=asm -o - | FileCheck %s --check-prefix=AVX2
// RUN: qnn-compile %s --mtriple=x86_64-unknown-linux-gnu --mcpu=x86-64 --mattr=+avx2 --emit=asm -o - | FileCheck %s --check-prefix=AVX2
// RUN: qnn-compile %s --mtriple=x86_64-unknown-linux-gnu --mcpu=x86-64 --mattr=+avx512f --emit=asm -o - | FileCheck %s --check-prefix=AVX512

// --mcpu and --mattr reach the code generator: the vectorized dequantize
// loop uses 128-bit registers for the x86-64 baseline, 256-bit ones with
// AVX2 (from the CPU or from the feature) and 512-bit ones with AVX-512F.

// BASE-LABEL: dequantize:
// BASE-NOT: {{[yz]mm}}
// BASE: xmm
// BASE-NOT: {{[yz]mm}}
// BASE: .size dequantize

// AVX2-LABEL: dequantize:
// AVX2: ymm
// AVX2: .size dequantize

// AVX512-LABEL: dequantize:
// AVX512: zmm
// AVX512: .size dequantize
func.func @dequantize(%q: tensor<256x!quant.uniform<i8:f32, 0.1:3>>) -> tensor<256xf32> {
  %x = qnn.dequantize %q : tensor<256x!quant.uniform<i8:f32, 0.1:3>> -> tensor<256xf32>
  return %x : tensor<256xf32>
}
