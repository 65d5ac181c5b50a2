// RUN: rm -f %t.so
// RUN: qnn-compile %s --kernels=auto --mcpu=sapphirerapids --emit=mlir -o - | FileCheck %s --check-prefix=KERNEL
// RUN: qnn-compile %s --kernels=auto -o %t.so
// RUN: %call %t.so bconv_pad0_f32 i64:0,0,-1,63,15,63 out:f32:4 | FileCheck %s --match-full-lines --check-prefix=PAD0
// RUN: %call %t.so bconv_pad1_f32 i64:0,0,-1,63,15,63 out:f32:4 | FileCheck %s --match-full-lines --check-prefix=PAD1
// RUN: %call %t.so bconv_pad0_q i64:0,0,-1,63,15,63 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=PAD0-Q
// RUN: %call %t.so bconv_pad1_binary i64:0,0,-1,63,15,63 out:i64:2 | FileCheck %s --match-full-lines --check-prefix=PAD1-BIN

// The worked example of test/Execution/bconv2d.mlir (rule N19, C = 70, two
// words per tap, stride [1, 2], padding on the left) with constant weights
// and bias (o0's kw1 second word has tail bits set past channel 69:
// qnn.bitunpack clears them), so that --kernels=auto compiles it with the bpop XOR + popcount
// kernel; the results are the hand-computed ones of that file.
// KERNEL: llvm.intr.ctpop(%{{.*}}) : (vector<8xi64>) -> vector<8xi64>
// PAD0: out0: 7.25 2.625 -2 7.25
// PAD1: out0: 16 -1.75 -2 7.25
// PAD0-Q: out0: 14 5 -4 14
// PAD1-BIN: out0: 2(0x2) 1(0x1)

!x = tensor<1x1x3x70x!qnn.binary<f32, 0.5>>
!w = tensor<2x1x2x70x!qnn.binary<f32:0, {0.25, 0.125}>>

func.func @bconv_pad0_f32(%x: !x) -> tensor<1x1x2x2xf32> {
  %c = arith.constant dense<[[[[0, 0], [255, -64]]], [[[-1, 63], [0, 63]]]]> : tensor<2x1x2x2xi64>
  %w = qnn.bitunpack %c : tensor<2x1x2x2xi64> -> !w
  %b = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

func.func @bconv_pad1_f32(%x: !x) -> tensor<1x1x2x2xf32> {
  %c = arith.constant dense<[[[[0, 0], [255, -64]]], [[[-1, 63], [0, 63]]]]> : tensor<2x1x2x2xi64>
  %w = qnn.bitunpack %c : tensor<2x1x2x2xi64> -> !w
  %b = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>, pad_value = 1 : i64}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}

func.func @bconv_pad0_q(%x: !x) -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>> {
  %c = arith.constant dense<[[[[0, 0], [255, -64]]], [[[-1, 63], [0, 63]]]]> : tensor<2x1x2x2xi64>
  %w = qnn.bitunpack %c : tensor<2x1x2x2xi64> -> !w
  %b = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<1x1x2x2x!quant.uniform<i8:f32, 0.5>>
}

func.func @bconv_pad1_binary(%x: !x) -> tensor<1x1x2x2x!qnn.binary<f32, 1.0>> {
  %c = arith.constant dense<[[[[0, 0], [255, -64]]], [[[-1, 63], [0, 63]]]]> : tensor<2x1x2x2xi64>
  %w = qnn.bitunpack %c : tensor<2x1x2x2xi64> -> !w
  %b = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %y = qnn.bconv2d %x, %w, %b {pad = array<i64: 0, 0, 1, 0>, stride = array<i64: 1, 2>, pad_value = 1 : i64}
      : (!x, !w, tensor<2xf32>) -> tensor<1x1x2x2x!qnn.binary<f32, 1.0>>
  return %y : tensor<1x1x2x2x!qnn.binary<f32, 1.0>>
}
