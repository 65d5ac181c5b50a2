// RUN: qnn-opt %s -split-input-file --convert-qnn-to-vnni -verify-diagnostics

// A kernel choice the pass does not know is an error, not a silent fallback.
func.func @unknown_kind(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x4xi8>
  %w = quant.scast %c : tensor<3x4xi8> to tensor<3x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{'qnn.fully_connected' op unknown kernel in 'qnn.kernel'}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "avx9000"}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}

// -----

// A hand-written choice the operands do not support (weights given at run
// time) is reported on the op.
func.func @runtime_weights(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, %w: tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  // expected-error @+1 {{'qnn.fully_connected' op cannot apply the vnni512 kernel chosen in 'qnn.kernel'}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}

// -----

// The same for conv2d: runtime weights cannot be packed.
func.func @conv_runtime_weights(%x: tensor<1x4x4x8x!quant.uniform<u8:f32, 0.02:128>>, %w: tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x16x!quant.uniform<i8:f32, 0.05>> {
  // expected-error @+1 {{'qnn.conv2d' op cannot apply the vnni512 kernel chosen in 'qnn.kernel'}}
  %y = qnn.conv2d %x, %w {qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 1 : i64}} : (tensor<1x4x4x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x2x2x16x!quant.uniform<i8:f32, 0.05>>
}

// -----

// A tile of zero rows is rejected, not divided by.
func.func @zero_rows(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x4xi8>
  %w = quant.scast %c : tensor<3x4xi8> to tensor<3x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{needs 'mr' and 'nr' >= 1}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 0 : i64, nr = 1 : i64}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}

// -----

// The depthwise kernel takes channel multiplier 1 only.
func.func @dw_multiplier(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x3x2x2xi8>
  %w = quant.scast %c : tensor<3x3x2x2xi8> to tensor<3x3x2x2x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{cannot apply the dwvec kernel chosen in 'qnn.kernel': it needs 'mr' >= 1, channel multiplier 1}}
  %y = qnn.depthwise_conv2d %x, %w {qnn.kernel = {kind = "dwvec", mr = 2 : i64}} : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x3x2x2x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x4x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x2x2x4x!quant.uniform<i8:f32, 0.05>>
}

// -----

// A depthwise op marked with the conv kernel's kind is an error.
func.func @dw_wrong_kind(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x3x2x1xi8>
  %w = quant.scast %c : tensor<3x3x2x1xi8> to tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{unknown kernel in 'qnn.kernel'}}
  %y = qnn.depthwise_conv2d %x, %w {qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 1 : i64}} : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>>
}

// -----

// The `pad` entry takes "whole" or "band".
func.func @bad_pad(%x: tensor<1x4x4x8x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x2x2x16x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<16x3x3x8xi8>
  %w = quant.scast %c : tensor<16x3x3x8xi8> to tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{invalid 'pad' in 'qnn.kernel': "rows" (expected "whole" or "band")}}
  %y = qnn.conv2d %x, %w {qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 1 : i64, pad = "rows"}} : (tensor<1x4x4x8x!quant.uniform<u8:f32, 0.02:128>>, tensor<16x3x3x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x16x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x2x2x16x!quant.uniform<i8:f32, 0.05>>
}

// -----

// The bpop kernel takes 2, 4 or 8 lanes.
func.func @bpop_lanes(%x: tensor<2x70x!qnn.binary<f32, 1.0>>) -> tensor<2x10xf32> {
  %c = arith.constant dense<5> : tensor<10x2xi64>
  %w = qnn.bitunpack %c : tensor<10x2xi64> -> tensor<10x70x!qnn.binary<f32, 1.0>>
  // expected-error @+1 {{cannot apply the bpop kernel chosen in 'qnn.kernel': it needs 'mr' and 'nr' >= 1, 'lanes' of 2, 4 or 8}}
  %y = qnn.bfully_connected %x, %w {qnn.kernel = {kind = "bpop", mr = 2 : i64, nr = 1 : i64, lanes = 16 : i64}} : (tensor<2x70x!qnn.binary<f32, 1.0>>, tensor<10x70x!qnn.binary<f32, 1.0>>) -> tensor<2x10xf32>
  return %y : tensor<2x10xf32>
}

// -----

// Weights known only at run time cannot be packed at compile time.
func.func @bpop_runtime_weights(%x: tensor<1x3x3x70x!qnn.binary<f32, 1.0>>, %w: tensor<4x3x3x70x!qnn.binary<f32, 1.0>>) -> tensor<1x1x1x4xf32> {
  // expected-error @+1 {{weights that are 'qnn.bitunpack' of a constant}}
  %y = qnn.bconv2d %x, %w {qnn.kernel = {kind = "bpop", mr = 1 : i64, nr = 1 : i64, lanes = 8 : i64}} : (tensor<1x3x3x70x!qnn.binary<f32, 1.0>>, tensor<4x3x3x70x!qnn.binary<f32, 1.0>>) -> tensor<1x1x1x4xf32>
  return %y : tensor<1x1x1x4xf32>
}

// -----

// A binary op marked with an int8 kernel's kind is an error.
func.func @bpop_wrong_kind(%x: tensor<2x70x!qnn.binary<f32, 1.0>>) -> tensor<2x10xf32> {
  %c = arith.constant dense<5> : tensor<10x2xi64>
  %w = qnn.bitunpack %c : tensor<10x2xi64> -> tensor<10x70x!qnn.binary<f32, 1.0>>
  // expected-error @+1 {{unknown kernel in 'qnn.kernel': {kind = "vnni512", mr = 2 : i64, nr = 1 : i64} (expected kind = "bpop")}}
  %y = qnn.bfully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 2 : i64, nr = 1 : i64}} : (tensor<2x70x!qnn.binary<f32, 1.0>>, tensor<10x70x!qnn.binary<f32, 1.0>>) -> tensor<2x10xf32>
  return %y : tensor<2x10xf32>
}

// -----

// The bitserial kernel takes activations of at most 4 bits.
func.func @bitserial_u8(%x: tensor<2x8x!quant.uniform<u8:f32, 0.5>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5>> {
  %c = arith.constant dense<1> : tensor<4x8xi8>
  %w = quant.scast %c : tensor<4x8xi8> to tensor<4x8x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{cannot apply the bitserial kernel chosen in 'qnn.kernel': it needs 'mr' and 'nr' >= 1, 'lanes' of 2, 4 or 8, activations of at most 4 bits, constant weights with zero points 0 whose values fit in 4 bits}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "bitserial", mr = 2 : i64, nr = 1 : i64, lanes = 8 : i64}} : (tensor<2x8x!quant.uniform<u8:f32, 0.5>>, tensor<4x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// Weight values that need more than 4 bit planes (100 needs 8).
func.func @bitserial_wide_weights(%x: tensor<2x8x!quant.uniform<u2:f32, 0.5>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5>> {
  %c = arith.constant dense<100> : tensor<4x8xi8>
  %w = quant.scast %c : tensor<4x8xi8> to tensor<4x8x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{cannot apply the bitserial kernel chosen in 'qnn.kernel'}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "bitserial", mr = 2 : i64, nr = 1 : i64, lanes = 8 : i64}} : (tensor<2x8x!quant.uniform<u2:f32, 0.5>>, tensor<4x8x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// A missing 'lanes' entry.
func.func @bitserial_no_lanes(%x: tensor<2x8x!quant.uniform<u2:f32, 0.5>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5>> {
  %c = arith.constant dense<1> : tensor<4x8xi2>
  %w = quant.scast %c : tensor<4x8xi2> to tensor<4x8x!quant.uniform<i2:f32, 0.1>>
  // expected-error @+1 {{cannot apply the bitserial kernel chosen in 'qnn.kernel'}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "bitserial", mr = 2 : i64, nr = 1 : i64}} : (tensor<2x8x!quant.uniform<u2:f32, 0.5>>, tensor<4x8x!quant.uniform<i2:f32, 0.1>>) -> tensor<2x4x!quant.uniform<i8:f32, 0.5>>
  return %y : tensor<2x4x!quant.uniform<i8:f32, 0.5>>
}

// -----

// decode = "registers" on weights that are not a codebook's decode.
func.func @decode_not_codebook(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x4xi8>
  %w = quant.scast %c : tensor<3x4xi8> to tensor<3x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{'qnn.fully_connected' op cannot decode codebook weights in registers as 'qnn.kernel' asks: it needs decode = "registers" or "block", weights that are qnn.decode of constant indices of at most 4 bits with one table or one per output channel (axis 0), and input channels a multiple of 4}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64, decode = "registers"}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}

// -----

// A per-input-channel codebook (axis 1) cannot be decoded by channel block.
func.func @decode_axis1(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %i = arith.constant dense<1> : tensor<3x4xi8>
  %c = qnn.container_cast %i : tensor<3x4xi8> to tensor<3x4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.1>, 1:{{1, 2}, {3, 4}, {5, 6}, {7, 8}}>>
  %w = qnn.decode %c : tensor<3x4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.1>, 1:{{1, 2}, {3, 4}, {5, 6}, {7, 8}}>> -> tensor<3x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{cannot decode codebook weights in registers}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64, decode = "registers"}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}

// -----

// The depthwise kernel decodes a codebook with decode = "block" only, and
// only weights that are a codebook's decode.
func.func @dw_decode_registers(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>> {
  %i = arith.constant dense<1> : tensor<3x3x2x1xi8>
  %c = qnn.container_cast %i : tensor<3x3x2x1xi8> to tensor<3x3x2x1x!qnn.codebook<2, !quant.uniform<i8:f32, 0.1>, {1, 2}>>
  %w = qnn.decode %c : tensor<3x3x2x1x!qnn.codebook<2, !quant.uniform<i8:f32, 0.1>, {1, 2}>> -> tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{'qnn.depthwise_conv2d' op cannot decode codebook weights as 'qnn.kernel' asks: the dwvec kernel needs decode = "block" and weights that are qnn.decode of constant indices}}
  %y = qnn.depthwise_conv2d %x, %w {qnn.kernel = {kind = "dwvec", mr = 2 : i64, decode = "registers"}} : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>>
}

// -----

func.func @dw_decode_not_codebook(%x: tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x3x2x1xi8>
  %w = quant.scast %c : tensor<3x3x2x1xi8> to tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{cannot decode codebook weights as 'qnn.kernel' asks}}
  %y = qnn.depthwise_conv2d %x, %w {qnn.kernel = {kind = "dwvec", mr = 2 : i64, decode = "block"}} : (tensor<1x4x4x2x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x3x2x1x!quant.uniform<i8:f32, 0.1>>) -> tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x2x2x2x!quant.uniform<i8:f32, 0.05>>
}

// -----

// An unknown table lookup.
func.func @bad_lookup(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %i = arith.constant dense<1> : tensor<3x4xi8>
  %c = qnn.container_cast %i : tensor<3x4xi8> to tensor<3x4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.1>, {1, 2, 3, 4}>>
  %w = qnn.decode %c : tensor<3x4x!qnn.codebook<2, !quant.uniform<i8:f32, 0.1>, {1, 2, 3, 4}>> -> tensor<3x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{unknown table lookup in 'qnn.kernel': "vpgather" (expected lookup = "vpshufb" or "vpermb")}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64, decode = "registers", lookup = "vpgather"}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}

// -----

// A table lookup without codebook weights to decode.
func.func @lookup_without_decode(%x: tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>> {
  %c = arith.constant dense<1> : tensor<3x4xi8>
  %w = quant.scast %c : tensor<3x4xi8> to tensor<3x4x!quant.uniform<i8:f32, 0.1>>
  // expected-error @+1 {{'lookup' in 'qnn.kernel' needs codebook weights and decode = "registers" or "block"}}
  %y = qnn.fully_connected %x, %w {qnn.kernel = {kind = "vnni512", mr = 1 : i64, nr = 1 : i64, lookup = "vpshufb"}} : (tensor<2x4x!quant.uniform<u8:f32, 0.02:128>>, tensor<3x4x!quant.uniform<i8:f32, 0.1>>) -> tensor<2x3x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<2x3x!quant.uniform<i8:f32, 0.05>>
}
