// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Verifier errors of qnn.weight_only_fc (rule N25).

func.func @shapes(%x: tensor<2x8xf32>, %w: tensor<3x7x!quant.uniform<i8:f32, 0.1>>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{shapes must be input [M, K], weight [N, K], bias [N] and result [M, N]}}
  %y = qnn.weight_only_fc %x, %w, %b : (tensor<2x8xf32>, tensor<3x7x!quant.uniform<i8:f32, 0.1>>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

func.func @axis(%x: tensor<1x2xf32>, %w: tensor<2x2x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 1:{{-3, 0, 3}, {-1, 0, 2}}>>, %b: tensor<2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{codebook tables must be per output channel (axis 0) or one for all, got axis 1 (rule N25)}}
  %y = qnn.weight_only_fc %x, %w, %b : (tensor<1x2xf32>, tensor<2x2x!qnn.codebook<2, !quant.uniform<i8:f32, 0.5>, 1:{{-3, 0, 3}, {-1, 0, 2}}>>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @scale_axis(%x: tensor<1x3xf32>, %w: tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>, %b: tensor<2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{'weight' may only be quantized per axis 0, got axis 1}}
  %y = qnn.weight_only_fc %x, %w, %b : (tensor<1x3xf32>, tensor<2x3x!quant.uniform<i8:f32:1, {0.1, 0.2, 0.3}>>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----

func.func @wide(%x: tensor<1x3xf32>, %w: tensor<2x3x!quant.uniform<i16:f32, 0.1>>, %b: tensor<2xf32>) -> tensor<1x2xf32> {
  // expected-error @+1 {{'weight' storage width 16 exceeds the 8 bits this op accepts}}
  %y = qnn.weight_only_fc %x, %w, %b : (tensor<1x3xf32>, tensor<2x3x!quant.uniform<i16:f32, 0.1>>, tensor<2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
