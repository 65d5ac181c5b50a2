// --kernel-report writes the kernel qnn-select-kernels chose for each op
// that may take one, with the op's name (its NameLoc), after the output.
// RUN: rm -rf %t && mkdir %t
// RUN: qnn-compile %s --kernels=auto --mtriple=x86_64-unknown-linux-gnu --mcpu=haswell -o %t/hsw.o --kernel-report=%t/hsw.json
// RUN: FileCheck %s --check-prefix=HSW < %t/hsw.json
// RUN: qnn-compile %s --kernels=auto --mtriple=x86_64-unknown-linux-gnu --mcpu=icelake-server -o %t/icx.o --kernel-report=- | FileCheck %s --check-prefix=ICX
// RUN: qnn-compile %s --mtriple=x86_64-unknown-linux-gnu --mcpu=haswell -o %t/ref.o --kernel-report=- | FileCheck %s --check-prefix=REF
//
// A report that cannot be written fails the compilation and removes its
// output; a failed compilation writes no report.
// RUN: not qnn-compile %s --kernels=auto -o %t/bad.o --kernel-report=%t/missing/r.json 2>&1 | FileCheck %s --check-prefix=NODIR
// RUN: not test -e %t/bad.o
// RUN: not qnn-compile %s --num-threads=2 -o %t/fail.o --kernel-report=%t/fail.json 2>&1 | FileCheck %s --check-prefix=FAIL
// RUN: not test -e %t/fail.json
// RUN: not qnn-compile %s --kernels=auto -o %t/same.o --kernel-report=%t/same.o 2>&1 | FileCheck %s --check-prefix=SAME

// The narrow weights' pair sums fit in i16 (vpmaddubsw, 4 rows a tile);
// the wide ones do not (2 rows).
// HSW: "format": "qnn-kernel-report"
// HSW: "target_features": [
// HSW-NEXT: "+avx2"
// HSW-NEXT: ]
// HSW: "function": "fc"
// HSW-NEXT: "op": "qnn.fully_connected"
// HSW-NEXT: "name": "narrow"
// HSW: "kind": "dot4"
// HSW-NEXT: "mr": 4
// HSW: "name": "wide"
// HSW: "kind": "dot4"
// HSW-NEXT: "mr": 2
// HSW: "op": "qnn.depthwise_conv2d"
// HSW-NEXT: "name": "dw"
// HSW: "kind": "dwvec"

// ICX: "+avx512vnni"
// ICX: "name": "narrow"
// ICX: "kind": "vnni512"
// ICX: "name": "wide"
// ICX: "kind": "vnni512"
// ICX: "name": "dw"
// ICX: "kind": "dwvec"

// REF: "name": "narrow"
// REF-NEXT: "loc":
// REF-NEXT: "kernel": "reference"
// REF: "name": "wide"
// REF-NEXT: "loc":
// REF-NEXT: "kernel": "reference"
// REF: "name": "dw"
// REF-NEXT: "loc":
// REF-NEXT: "kernel": "reference"

// NODIR: error: cannot open output file '{{.*}}missing/r.json'
// FAIL: error: --num-threads=2 needs --kernels=auto
// SAME: error: the kernel report '{{.*}}same.o' is the output file

func.func @fc(%x: tensor<8x64x!quant.uniform<u8:f32, 0.02:128>>) -> (tensor<8x32x!quant.uniform<i8:f32, 0.05>>, tensor<8x32x!quant.uniform<i8:f32, 0.05>>) {
  %c = arith.constant dense<3> : tensor<32x64xi8>
  %w = quant.scast %c : tensor<32x64xi8> to tensor<32x64x!quant.uniform<i8:f32, 0.1>>
  %y = qnn.fully_connected %x, %w : (tensor<8x64x!quant.uniform<u8:f32, 0.02:128>>, tensor<32x64x!quant.uniform<i8:f32, 0.1>>) -> tensor<8x32x!quant.uniform<i8:f32, 0.05>> loc("narrow")
  %c2 = arith.constant dense<100> : tensor<32x64xi8>
  %w2 = quant.scast %c2 : tensor<32x64xi8> to tensor<32x64x!quant.uniform<i8:f32, 0.1>>
  %y2 = qnn.fully_connected %x, %w2 : (tensor<8x64x!quant.uniform<u8:f32, 0.02:128>>, tensor<32x64x!quant.uniform<i8:f32, 0.1>>) -> tensor<8x32x!quant.uniform<i8:f32, 0.05>> loc("wide")
  return %y, %y2 : tensor<8x32x!quant.uniform<i8:f32, 0.05>>, tensor<8x32x!quant.uniform<i8:f32, 0.05>>
}

func.func @dw(%x: tensor<1x8x8x16x!quant.uniform<u8:f32, 0.5:130>>) -> tensor<1x8x8x16x!quant.uniform<i8:f32, 0.5:4>> {
  %c = arith.constant dense<5> : tensor<3x3x16x1xi8>
  %w = quant.scast %c : tensor<3x3x16x1xi8> to tensor<3x3x16x1x!quant.uniform<i8:f32, 0.25>>
  %y = qnn.depthwise_conv2d %x, %w {pad = array<i64: 1, 1, 1, 1>}
      : (tensor<1x8x8x16x!quant.uniform<u8:f32, 0.5:130>>, tensor<3x3x16x1x!quant.uniform<i8:f32, 0.25>>)
      -> tensor<1x8x8x16x!quant.uniform<i8:f32, 0.5:4>> loc("dw")
  return %y : tensor<1x8x8x16x!quant.uniform<i8:f32, 0.5:4>>
}
