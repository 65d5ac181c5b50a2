// qnn-assign-precision: widths per weighted layer under a budget, as
// qnn.bits attributes (docs/mixed-precision.md).
//
// Sizes (symmetric, per channel, a 4-byte scale per channel):
//   c1 (3 channels x 2 weights):  f32 24, 8 bits 18, 4 bits 15, 2 bits 14
//   c2 (4 x 3):                   f32 48, 8 bits 28, 4 bits 22, 2 bits 19, 1 bit 18
//   c3 (2 x 4):                   f32 32, 8 bits 16, 4 bits 12, 2 bits 10
// all 8 bits: 62 bytes. Binary is refused on c1 and c3 (first and last).

// With room for everything, float everywhere (no noise).
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=100000" | FileCheck %s --check-prefix=ROOMY
// ROOMY-COUNT-3: {{tosa.conv2d.*qnn.bits = 32 : i64}}

// The all-8-bit size leaves no room for float.
// RUN: qnn-opt %s --qnn-assign-precision="budget-ratio=1.0 candidates=32,8" | FileCheck %s --check-prefix=INT8
// INT8-COUNT-3: {{tosa.conv2d.*qnn.bits = 8 : i64}}

// The smallest assignment: 14 + 18 + 10 = 42 bytes, c2 binary.
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=42" | FileCheck %s --check-prefix=SMALL
// SMALL: tosa.conv2d {{.*}}qnn.bits = 2 : i64
// SMALL: tosa.conv2d {{.*}}qnn.bits = 1 : i64
// SMALL: tosa.conv2d {{.*}}qnn.bits = 2 : i64

// binary-first-last lets c1 and c3 be binary too (c1 1 bit: 13 bytes).
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=40 binary-first-last=true" | FileCheck %s --check-prefix=BFL
// BFL-COUNT-3: {{tosa.conv2d.*qnn.bits = 1 : i64}}

// A measured profile decides: c2 at 4 bits hurts less than c1 or c3 at 4
// bits (base nsr 0.01), so under 58 bytes (4 bits to spare over 62) c2
// goes to 4 bits; latencies make float slower.
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=56 metric=sqnr candidates=32,8,4 profile=%S/Inputs/precision-profile.json report=%t" | FileCheck %s --check-prefix=PROF
// RUN: FileCheck %s --input-file=%t/precision.md --check-prefix=MD
// RUN: FileCheck %s --input-file=%t/precision.json --check-prefix=JSON
// PROF: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// PROF: tosa.conv2d {{.*}}qnn.bits = 4 : i64
// PROF: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// MD: Weight bytes 56 of 62 at 8 bits (90.3%), budget 56; latency 1000.0 us, 8 bits 1000.0 us. predicted output SQNR (dB): 16.99.
// MD: | `c2` | conv2d | 12 | 192 | 4 | 22 |
// JSON: "chosen": {
// JSON-NEXT: "bytes": 56,
// JSON-NEXT: "cost": 0.01,
// JSON: "format": "qnn-precision-report"

// A latency budget: float c1, c2, c3 are 50, 20, 30 us slower than 8 bits
// (base 1000 us); c2 and c3 float lower the KL more than c1 alone.
// RUN: qnn-opt %s --qnn-assign-precision="latency-budget-us=1050 metric=loss candidates=32,8 profile=%S/Inputs/precision-profile.json" | FileCheck %s --check-prefix=LAT
// LAT: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// LAT: tosa.conv2d {{.*}}qnn.bits = 32 : i64
// LAT: tosa.conv2d {{.*}}qnn.bits = 32 : i64

// A width set by hand stays.
// RUN: sed '/%%o1, %%w2/s/{acc_type/{qnn.bits = 5 : i64, acc_type/' %s | qnn-opt --qnn-assign-precision="budget-bytes=100000" | FileCheck %s --check-prefix=PIN
// PIN: tosa.conv2d {{.*}}qnn.bits = 32 : i64
// PIN: tosa.conv2d {{.*}}qnn.bits = 5 : i64
// PIN: tosa.conv2d {{.*}}qnn.bits = 32 : i64

// "t" widths: one 4-byte scale for the tensor (c1 8t: 6 + 4 = 10 bytes,
// c2 8t: 16, c3 8t: 12). With room, per-channel scales win where channels'
// ranges differ (c1, c2); c3's two channels share max |w| = 1, so 8t is
// as exact and smaller. Under 38 bytes, all three are 8t.
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=100000 candidates=8,8t report=%t.t" | FileCheck %s --check-prefix=TENSOR
// RUN: FileCheck %s --input-file=%t.t/precision.md --check-prefix=TMD
// RUN: FileCheck %s --input-file=%t.t/precision.json --check-prefix=TJSON
// TENSOR: tosa.conv2d
// TENSOR-NOT: qnn.weight_granularity
// TENSOR-SAME: qnn.bits = 8 : i64
// TENSOR: tosa.conv2d
// TENSOR-NOT: qnn.weight_granularity
// TENSOR-SAME: qnn.bits = 8 : i64
// TENSOR: tosa.conv2d {{.*}}qnn.bits = 8 : i64, qnn.weight_granularity = "per-tensor"
// TMD: | `c1` | conv2d | 6 | 96 | 8 | 18 | {{.*}} | 8: 18, {{.*}}; 8t: 10,
// TMD: | `c3` | conv2d | 8 | 128 | 8t | 12 |
// TJSON: "chosen": "8t"
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=38 candidates=8,8t" | FileCheck %s --check-prefix=TSMALL
// TSMALL-COUNT-3: {{tosa.conv2d.*qnn.bits = 8 : i64, qnn.weight_granularity = "per-tensor"}}
// With weight-granularity=per-tensor, 8t is 8 (no attribute needed).
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=38 candidates=8,8t weight-granularity=per-tensor" | FileCheck %s --check-prefix=TDEF
// TDEF-COUNT-3: {{tosa.conv2d.*qnn.bits = 8 : i64, stride}}
// A profile measures "t" widths under their own keys. Under 50 bytes
// something must go below 8 bits; c2 at 4t (10 bytes, measured nsr +0.01)
// is the cheapest way (c2 at 4 is 22 bytes and does not fit with c1 and c3
// at 8; c1 4t with c2 4 fits but costs +0.05).
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=50 metric=sqnr candidates=8,4,4t profile=%S/Inputs/precision-profile-t.json" | FileCheck %s --check-prefix=TPROF
// TPROF: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// TPROF: tosa.conv2d {{.*}}qnn.bits = 4 : i64, qnn.weight_granularity = "per-tensor"
// TPROF: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// A pinned per-tensor width stays, and is reported as such.
// RUN: sed '/%%o1, %%w2/s/{acc_type/{qnn.bits = 5 : i64, qnn.weight_granularity = "per-tensor", acc_type/' %s | qnn-opt --qnn-assign-precision="budget-bytes=100000 report=%t.pin" | FileCheck %s --check-prefix=TPIN
// RUN: FileCheck %s --input-file=%t.pin/precision.md --check-prefix=TPINMD
// TPIN: tosa.conv2d {{.*}}qnn.bits = 5 : i64, qnn.weight_granularity = "per-tensor"
// TPINMD: | `c2` | conv2d | 12 | 192 | 5t | 12 | {{.*}} | qnn.bits set: kept at 5t |

// storage=library: bytes as the library stores them (AVX2 / AVX-512,
// --kernels=auto): output channels padded to 16 and input channels to 4, a
// byte each, so 8 and 5 bits take 64 bytes on every layer here. 4 and 2
// bits pack only where the input channels are a multiple of 4 (c3, not c1
// or c2), and then as 64 indices of that width plus a 64-byte table: more
// than 8 bits on so small a layer (c3: 32 + 64 and 16 + 64). Binary stays
// packed. Scales as before (c1 12, c2 16, c3 8 bytes).
// assign-precision-library.mlir has larger layers, where packing pays.
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=100000 candidates=8,5,4,2,1 storage=library report=%t.lib" > /dev/null
// RUN: FileCheck %s --input-file=%t.lib/precision.md --check-prefix=LIB
// LIB: | `c1` | conv2d | 6 | 96 | 8 | 76 | {{.*}} | 8: 76, {{.*}}; 5: 76, {{.*}}; 4: 76, {{.*}}; 2: 76, {{.*}} |
// LIB: | `c2` | conv2d | 12 | 192 | 8 | 80 | {{.*}} | 8: 80, {{.*}}; 5: 80, {{.*}}; 4: 80, {{.*}}; 2: 80, {{.*}}; 1: 18, {{.*}} |
// LIB: | `c3` | conv2d | 8 | 128 | 8 | 72 | {{.*}} | 8: 72, {{.*}}; 5: 72, {{.*}}; 4: 104, {{.*}}; 2: 88, {{.*}} |
// Under 56 bytes, packed counting puts c2 at 4 bits (18 + 22 + 16). With
// the library's bytes (228 at 8 bits) only binary c2 saves anything: under
// 166 bytes c1 and c3 stay at 8 bits (76 + 18 + 72), although packed
// counting would have c3 at 2 bits smaller.
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=56 candidates=8,4,2,1" | FileCheck %s --check-prefix=PACKED56
// PACKED56: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// PACKED56: tosa.conv2d {{.*}}qnn.bits = 4 : i64
// PACKED56: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// RUN: qnn-opt %s --qnn-assign-precision="budget-bytes=166 candidates=8,4,2,1 storage=library" | FileCheck %s --check-prefix=LIB166
// LIB166: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// LIB166: tosa.conv2d {{.*}}qnn.bits = 1 : i64
// LIB166: tosa.conv2d {{.*}}qnn.bits = 8 : i64
// RUN: not qnn-opt %s --qnn-assign-precision="budget-bytes=165 candidates=8,4,2,1 storage=library" 2>&1 | FileCheck %s --check-prefix=LIB165
// LIB165: no assignment fits
func.func @net(%x: tensor<1x4x4x2xf32>) -> tensor<1x4x4x2xf32> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x4x4x2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w1 = "tosa.const"() <{values = dense<[[[[1.0, 0.3]]], [[[2.0, -0.7]]], [[[0.5, 0.11]]]]> : tensor<3x1x1x2xf32>}> : () -> tensor<3x1x1x2xf32>
  %b1 = "tosa.const"() <{values = dense<[0.5, 0.0, -1.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
  %c1 = tosa.conv2d %ox, %w1, %b1, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x2xf32>, tensor<3x1x1x2xf32>, tensor<3xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x3xf32>
  %o1 = qnn.observe %c1 {id = 1 : i64, name = "c1"} : tensor<1x4x4x3xf32>
  %w2 = "tosa.const"() <{values = dense<[[[[1.0, 0.2, -0.4]]], [[[0.9, -0.3, 0.05]]], [[[-1.5, 0.7, 0.1]]], [[[0.3, 0.3, -0.6]]]]> : tensor<4x1x1x3xf32>}> : () -> tensor<4x1x1x3xf32>
  %b2 = "tosa.const"() <{values = dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>}> : () -> tensor<4xf32>
  %c2 = tosa.conv2d %o1, %w2, %b2, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x3xf32>, tensor<4x1x1x3xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x4xf32>
  %o2 = qnn.observe %c2 {id = 2 : i64, name = "c2"} : tensor<1x4x4x4xf32>
  %w3 = "tosa.const"() <{values = dense<[[[[0.25, -0.5, 1.0, 0.125]]], [[[-1.0, 0.6, 0.2, 0.9]]]]> : tensor<2x1x1x4xf32>}> : () -> tensor<2x1x1x4xf32>
  %b3 = "tosa.const"() <{values = dense<[0.0, 1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c3 = tosa.conv2d %o2, %w3, %b3, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x4x4x4xf32>, tensor<2x1x1x4xf32>, tensor<2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x2xf32>
  %o3 = qnn.observe %c3 {id = 3 : i64, name = "c3"} : tensor<1x4x4x2xf32>
  return %o3 : tensor<1x4x4x2xf32>
}
