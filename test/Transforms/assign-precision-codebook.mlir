// qnn-assign-precision with codebook candidates (kmeansB, ternary): sizes
// from the codebook qnn-quantize would make, written as qnn.bits = 8 and
// qnn.codebook (docs/mixed-precision.md, docs/codebooks.md).
//
// Sizes (per channel, a 4-byte scale per channel; a codebook is its
// indices at B bits, 2 for ternary, plus one byte per table entry):
//   a (4 channels x 32 weights): 8 bits 128 + 16 = 144;
//     kmeans3 48 + 4 * 8 = 80, + 16 = 96; ternary 32 + 4 * 3 = 44, + 16 = 60;
//     kmeans4 64 + 4 * 16 = 128: not smaller than 128, left out.
//   b (2 x 4, the last layer): 8 bits 8 + 8 = 16; kmeans3 3 + 2 * 4 (4
//     distinct weights) = 11 and ternary 2 + 2 * 3 = 8 are not smaller than 8.
// All 8 bits: 160 bytes.

// 112 bytes: a fits as kmeans3 (96 + 16), more accurate than ternary.
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=112 candidates=8,kmeans4,kmeans3,ternary report=%t" | FileCheck %s --check-prefix=K3
// RUN: FileCheck %s --input-file=%t/precision.md --check-prefix=K3MD
// RUN: FileCheck %s --input-file=%t/precision.json --check-prefix=K3JSON
// K3: tosa.conv2d {{.*}}qnn.bits = 8 : i64, qnn.codebook = "kmeans3"
// K3: tosa.conv2d
// K3-NOT: qnn.codebook
// K3-SAME: qnn.bits = 8 : i64
// K3MD: Weight bytes 112 of 160 at 8 bits (70.0%), budget 112.
// K3MD: | `a` | conv2d | 128 | 512 | kmeans3 | 96 | {{[0-9.]+}} | 8: 144, {{.*}}; kmeans3: 96, {{.*}}; ternary: 60, {{.*}} | kmeans4 not smaller than 8 bits (128 against 128 bytes): left out |
// K3MD: | `b` | conv2d | 8 | 32 | 8 | 16 | {{.*}} | kmeans4 not smaller than 8 bits (12 against 8 bytes): left out; kmeans3 not smaller than 8 bits (11 against 8 bytes): left out; ternary not smaller than 8 bits (8 against 8 bytes): left out |
// K3JSON: "chosen": "kmeans3"

// 80 bytes: only ternary fits for a (60 + 16).
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=80 candidates=8,kmeans4,kmeans3,ternary" | FileCheck %s --check-prefix=TERN
// TERN: tosa.conv2d {{.*}}qnn.bits = 8 : i64, qnn.codebook = "ternary"

// A qnn.codebook set by hand stays, and is reported as such.
// RUN: sed '/%%ox, %%wa/s/{acc_type/{qnn.codebook = "ternary", acc_type/' %s | qnn-opt --qnn-assign-precision="budget-ratio=1.0 candidates=8 report=%t.pin" | FileCheck %s --check-prefix=PIN
// RUN: FileCheck %s --input-file=%t.pin/precision.md --check-prefix=PINMD
// PIN: tosa.conv2d {{.*}}qnn.codebook = "ternary"
// PINMD: | `a` | conv2d | 128 | 512 | ternary | 60 | {{.*}} | qnn.codebook set: kept at ternary |

// Errors name the culprit.
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 candidates=8,kmeans8" 2>&1 | FileCheck %s --check-prefix=CAND
// CAND: error: candidates entry 'kmeans8' must be 32 (float), 1 to 8 bits, 1t to 8t (one scale per tensor), kmeans1 to kmeans7 or ternary (a codebook of the 8-bit weights), each with an optional t
// RUN: not qnn-opt %s --qnn-assign-precision="budget-ratio=0.5 candidates=8,kmeans4 codebook=init=random" 2>&1 | FileCheck %s --check-prefix=OPT
// OPT: error: codebook: init 'random' is not supported; expected linear, kmeans++ or optimal
// RUN: sed '/%%ox, %%wa/s/{acc_type/{qnn.codebook = "huffman", acc_type/' %s | not qnn-opt --qnn-assign-precision="budget-ratio=1.0" 2>&1 | FileCheck %s --check-prefix=BADATTR
// BADATTR: error: 'qnn.codebook' must be "kmeans1" to "kmeans7" or "ternary", got "huffman"
// RUN: sed '/%%ox, %%wa/s/{acc_type/{qnn.bits = 4 : i64, qnn.codebook = "kmeans2", acc_type/' %s | not qnn-opt --qnn-assign-precision="budget-ratio=1.0" 2>&1 | FileCheck %s --check-prefix=NARROW
// NARROW: error: 'qnn.codebook' with 'qnn.bits' 4: qnn-assign-precision sizes codebooks of 8-bit weights only

func.func @net(%x: tensor<1x2x2x32xf32>) -> tensor<1x2x2x2xf32> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x2x2x32xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %wa = "tosa.const"() <{values = dense<[[[[-0.128, 0.256, -0.113, -0.158, -0.465, -0.107, 0.556, 0.212, 0.518, 0.124, 0.197, 0.093, -0.833, 0.428, 0.253, 0.249, -0.846, -0.872, -0.445, -0.234, 0.153, -0.023, 0.260, -0.321, 0.154, 0.197, -0.331, 0.859, 0.278, 0.599, -0.310, -0.370]]], [[[-0.275, -0.085, 0.506, 0.199, -0.358, -0.766, -0.416, 0.977, -0.646, 0.196, 0.341, -1.192, 0.039, 1.045, -1.611, -0.257, -0.085, -0.654, 0.398, -0.050, -1.172, 0.662, 0.535, 0.757, 1.152, 0.290, 0.095, -1.039, 0.492, -0.489, -0.362, -1.012]]], [[[-1.064, -0.584, 1.418, -2.235, -1.603, 0.263, 1.588, 0.636, -2.090, -2.770, 0.393, -0.810, -1.232, 1.075, 1.212, 0.173, 0.270, 0.478, 1.753, 0.681, 0.571, 0.603, -1.725, 1.410, 1.051, 0.583, -2.171, -0.697, 0.927, -1.992, -0.202, 1.121]]], [[[-1.836, 2.254, 0.773, -0.210, 0.455, 0.910, 0.169, 1.604, -0.926, -0.581, 1.458, 0.038, -1.233, 1.325, 2.052, -0.623, -1.932, -0.189, -0.209, -0.417, 1.967, -1.438, 1.765, -1.776, -1.102, 0.884, 1.580, 1.203, 0.483, 0.199, 0.213, 0.805]]]]> : tensor<4x1x1x32xf32>}> : () -> tensor<4x1x1x32xf32>
  %ba = "tosa.const"() <{values = dense<[0.5, 0.0, -1.0, 0.25]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %a = tosa.conv2d %ox, %wa, %ba, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x2x2x32xf32>, tensor<4x1x1x32xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x4xf32>
  %oa = qnn.observe %a {id = 1 : i64, name = "a"} : tensor<1x2x2x4xf32>
  %wb = "tosa.const"() <{values = dense<[[[[-0.176, 0.277, 0.573, 0.001]]], [[[0.764, 0.566, 2.011, 0.325]]]]> : tensor<2x1x1x4xf32>}> : () -> tensor<2x1x1x4xf32>
  %bb = "tosa.const"() <{values = dense<[0.0, 1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %b = tosa.conv2d %oa, %wb, %bb, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x2x2x4xf32>, tensor<2x1x1x4xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2x2xf32>
  %ob = qnn.observe %b {id = 2 : i64, name = "b"} : tensor<1x2x2x2xf32>
  return %ob : tensor<1x2x2x2xf32>
}
