// qnn-assign-precision storage=library on layers large enough for packing
// to pay: the bytes a library compiled with --kernels=auto for AVX2 or
// AVX-512 stores (docs/mixed-precision.md#cost), counted without scales.
//   c1 conv 32x3x3x16 (4608 weights): the int8 kernels' order, 32 x 9 x 16
//      bytes; 4, 3 and 2 bits as indices of that width plus a 64-byte table:
//      2304 + 64, 1728 + 64, 1152 + 64. 5 bits stay a byte each.
//   d1 depthwise 3x3x32 (288 weights): i16 weights, taps in pairs (10) and
//      channels in blocks of 16: 10 x 32 x 2 = 640 bytes at 8 and 5 bits;
//      4 and 3 bits in 4-bit slots, 2 bits in 2-bit slots, plus the table:
//      160 + 64, 80 + 64.
//   c2 conv 16x1x1x32 (512): 512; 256 + 64, 192 + 64, 128 + 64.
//   d2 depthwise 3x3x16 (144): one block of 16 channels, whose decode is
//      folded back into i16 constants: 10 x 16 x 2 = 320 at every width.
// Packed counting for contrast: d1 288 at 8 bits, 144 at 4; d2 144 and 72.
// RUN: qnn-opt %s --qnn-assign-precision="budget-ratio=1 candidates=8,5,4,3,2 storage=library count-scales=false report=%t.lib" > /dev/null
// RUN: FileCheck %s --input-file=%t.lib/precision.md --check-prefix=LIB
// LIB: | `c1` | conv2d | 4608 | {{.*}} | 8: 4608, {{.*}}; 5: 4608, {{.*}}; 4: 2368, {{.*}}; 3: 1792, {{.*}}; 2: 1216, {{.*}} |
// LIB: | `d1` | depthwise_conv2d | 288 | {{.*}} | 8: 640, {{.*}}; 5: 640, {{.*}}; 4: 224, {{.*}}; 3: 224, {{.*}}; 2: 144, {{.*}} |
// LIB: | `c2` | conv2d | 512 | {{.*}} | 8: 512, {{.*}}; 5: 512, {{.*}}; 4: 320, {{.*}}; 3: 256, {{.*}}; 2: 192, {{.*}} |
// LIB: | `d2` | depthwise_conv2d | 144 | {{.*}} | 8: 320, {{.*}}; 5: 320, {{.*}}; 4: 320, {{.*}}; 3: 320, {{.*}}; 2: 320, {{.*}} |
// RUN: qnn-opt %s --qnn-assign-precision="budget-ratio=1 candidates=8,5,4,3,2 count-scales=false report=%t.packed" > /dev/null
// RUN: FileCheck %s --input-file=%t.packed/precision.md --check-prefix=PACKED
// PACKED: | `d1` | depthwise_conv2d | 288 | {{.*}} | 8: 288, {{.*}}; 5: 180, {{.*}}; 4: 144, {{.*}}; 3: 108, {{.*}}; 2: 72, {{.*}} |
// PACKED: | `d2` | depthwise_conv2d | 144 | {{.*}} | 8: 144, {{.*}}; 5: 90, {{.*}}; 4: 72, {{.*}}; 3: 54, {{.*}}; 2: 36, {{.*}} |
// Asymmetric weights: 8 bits have zero points, which only the reference
// lowering takes: a byte per weight, unpadded (d1 288, d2 144). 4 bits are
// re-centred into 5-bit storage and packed as 4-bit indices with a 16-byte
// table per channel on c1 (144 weights per channel: 2304 + 32 x 16), not
// on a depthwise layer (i16 again: 640, 320).
// RUN: qnn-opt %s --qnn-assign-precision="budget-ratio=1 candidates=8,4 storage=library count-scales=false weight-range=asymmetric report=%t.asym" > /dev/null
// RUN: FileCheck %s --input-file=%t.asym/precision.md --check-prefix=ASYM
// ASYM: | `c1` | conv2d | 4608 | {{.*}} | 8: 4608, {{.*}}; 4: 2816, {{.*}} |
// ASYM: | `d1` | depthwise_conv2d | 288 | {{.*}} | 8: 288, {{.*}}; 4: 640, {{.*}} |
// ASYM: | `c2` | conv2d | 512 | {{.*}} | 8: 512, {{.*}}; 4: 512, {{.*}} |
// ASYM: | `d2` | depthwise_conv2d | 144 | {{.*}} | 8: 144, {{.*}}; 4: 320, {{.*}} |
// 3 and 2 bits are re-centred into 4- and 3-bit storage: one table, 4- and
// 3-bit indices (c1 2304 + 64 and 1728 + 64; d1 4-bit slots 160 + 64).
// With one scale per layer (per-tensor), 4 bits take one table too (c2:
// 32 weights per channel, 256 + 64).
// RUN: qnn-opt %s --qnn-assign-precision="budget-ratio=1 candidates=8,4t,3,2 storage=library count-scales=false weight-range=asymmetric report=%t.asym2" > /dev/null
// RUN: FileCheck %s --input-file=%t.asym2/precision.md --check-prefix=ASYM2
// ASYM2: | `c1` | conv2d | 4608 | {{.*}} | 8: 4608, {{.*}}; 4t: 2368, {{.*}}; 3: 2368, {{.*}}; 2: 1792, {{.*}} |
// ASYM2: | `d1` | depthwise_conv2d | 288 | {{.*}} | 8: 288, {{.*}}; 4t: 224, {{.*}}; 3: 224, {{.*}}; 2: 224, {{.*}} |
// ASYM2: | `c2` | conv2d | 512 | {{.*}} | 8: 512, {{.*}}; 4t: 320, {{.*}}; 3: 320, {{.*}}; 2: 256, {{.*}} |
func.func @net(%x: tensor<1x8x8x16xf32>) -> tensor<1x8x8x16xf32> {
  %ox = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<1x8x8x16xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w1 = "tosa.const"() <{values = dense<0.25> : tensor<32x3x3x16xf32>}> : () -> tensor<32x3x3x16xf32>
  %b1 = "tosa.const"() <{values = dense<0.0> : tensor<32xf32>}> : () -> tensor<32xf32>
  %c1 = tosa.conv2d %ox, %w1, %b1, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x16xf32>, tensor<32x3x3x16xf32>, tensor<32xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x32xf32>
  %o1 = qnn.observe %c1 {id = 1 : i64, name = "c1"} : tensor<1x8x8x32xf32>
  %w2 = "tosa.const"() <{values = dense<0.5> : tensor<3x3x32x1xf32>}> : () -> tensor<3x3x32x1xf32>
  %d1 = tosa.depthwise_conv2d %o1, %w2, %b1, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x32xf32>, tensor<3x3x32x1xf32>, tensor<32xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x32xf32>
  %o2 = qnn.observe %d1 {id = 2 : i64, name = "d1"} : tensor<1x8x8x32xf32>
  %w3 = "tosa.const"() <{values = dense<0.125> : tensor<16x1x1x32xf32>}> : () -> tensor<16x1x1x32xf32>
  %b3 = "tosa.const"() <{values = dense<0.0> : tensor<16xf32>}> : () -> tensor<16xf32>
  %c2 = tosa.conv2d %o2, %w3, %b3, %zp, %zp {acc_type = f32, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x32xf32>, tensor<16x1x1x32xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x16xf32>
  %o3 = qnn.observe %c2 {id = 3 : i64, name = "c2"} : tensor<1x8x8x16xf32>
  %w4 = "tosa.const"() <{values = dense<0.75> : tensor<3x3x16x1xf32>}> : () -> tensor<3x3x16x1xf32>
  %d2 = tosa.depthwise_conv2d %o3, %w4, %b3, %zp, %zp {acc_type = f32, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>, dilation = array<i64: 1, 1>}
      : (tensor<1x8x8x16xf32>, tensor<3x3x16x1xf32>, tensor<16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x16xf32>
  %o4 = qnn.observe %d2 {id = 4 : i64, name = "d2"} : tensor<1x8x8x16xf32>
  return %o4 : tensor<1x8x8x16xf32>
}
