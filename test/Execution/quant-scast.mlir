// RUN: rm -f %t.so %t.float.so
// RUN: qnn-compile %s -o %t.so
// RUN: qnn-compile %s --requant-mode=float -o %t.float.so
// RUN: %call %t.so scast_constant out:i8:3 | FileCheck %s --match-full-lines --check-prefix=CONST
// RUN: %call %t.so scast_u8_bits u8:0,127,128,255 out:i8:4 | FileCheck %s --match-full-lines --check-prefix=BITS
// RUN: %call %t.so scast_then_dequantize i8:-1,0,127 out:f32:3 | FileCheck %s --match-full-lines --check-prefix=DEQ
// RUN: %call %t.so scast_weights_fc i8:3,2 out:i8:2 | FileCheck %s --match-full-lines --check-prefix=FC
// RUN: %call %t.float.so scast_weights_fc i8:3,2 out:i8:2 | FileCheck %s --match-full-lines --check-prefix=FC-FLOAT

// Upstream quant.scast on tensors reinterprets storage values: no arithmetic.

// A constant returned as per-axis quantized weights: its storage values.
// CONST: out0: 7 -8 127
func.func @scast_constant() -> tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25:1, 1.0:-3}>> {
  %c = arith.constant dense<[7, -8, 127]> : tensor<3xi8>
  %w = quant.scast %c : tensor<3xi8> to tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25:1, 1.0:-3}>>
  return %w : tensor<3x!quant.uniform<i8:f32:0, {0.5, 0.25:1, 1.0:-3}>>
}

// u8 storage to its signless i8 storage type: same bytes, so 128 and 255
// read back through int8_t as -128 and -1.
// BITS: out0: 0 127 -128 -1
func.func @scast_u8_bits(%q: tensor<4x!quant.uniform<u8:f32, 0.5:128>>) -> tensor<4xi8> {
  %c = quant.scast %q : tensor<4x!quant.uniform<u8:f32, 0.5:128>> to tensor<4xi8>
  return %c : tensor<4xi8>
}

// Plain i8 values cast to 0.5:-1 and dequantized (N3): (q + 1) * 0.5.
// DEQ: out0: 0 0.5 64
func.func @scast_then_dequantize(%c: tensor<3xi8>) -> tensor<3xf32> {
  %q = quant.scast %c : tensor<3xi8> to tensor<3x!quant.uniform<i8:f32, 0.5:-1>>
  %x = qnn.dequantize %q : tensor<3x!quant.uniform<i8:f32, 0.5:-1>> -> tensor<3xf32>
  return %x : tensor<3xf32>
}

// Constant per-axis weights (README example form) in a fully connected layer
// (N10): x i8 0.5 = [3, 2], w = [[2, -2], [127, -128]] with scales {0.5, 0.25},
// y i8 0.25: acc = [6 - 4, 381 - 256] = [2, 125], M = 0.5 * {0.5, 0.25} / 0.25
// = {1, 0.5}: 2 -> 2;  125 -> 62.5 -> fixed 63 (SRDHM ties toward +inf) /
// float 62 (ties to even).
// FC: out0: 2 63
// FC-FLOAT: out0: 2 62
func.func @scast_weights_fc(%x: tensor<1x2x!quant.uniform<i8:f32, 0.5>>)
    -> tensor<1x2x!quant.uniform<i8:f32, 0.25>> {
  %c = arith.constant dense<[[2, -2], [127, -128]]> : tensor<2x2xi8>
  %w = quant.scast %c : tensor<2x2xi8> to tensor<2x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>
  %y = qnn.fully_connected %x, %w
      : (tensor<1x2x!quant.uniform<i8:f32, 0.5>>, tensor<2x2x!quant.uniform<i8:f32:0, {0.5, 0.25}>>)
      -> tensor<1x2x!quant.uniform<i8:f32, 0.25>>
  return %y : tensor<1x2x!quant.uniform<i8:f32, 0.25>>
}
