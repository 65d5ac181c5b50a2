// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// A small binary network (rules N17-N20) that uses every binary op together:
// constant packed weights enter through qnn.bitunpack, and the three result
// kinds of rule N19.3 (binary, quantized, f32) feed the next layer.

// CHECK-LABEL: func.func @bnn(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x6x6x70x!quant.uniform<i8:f32, 5.000000e-02>>,
// CHECK-SAME:    %[[B1:[^:]+]]: tensor<16xf32>)
// CHECK-SAME:    -> (tensor<1x10xf32>, tensor<1x3x3x1xi64>)
func.func @bnn(%x: tensor<1x6x6x70x!quant.uniform<i8:f32, 0.05>>, %b1: tensor<16xf32>)
    -> (tensor<1x10xf32>, tensor<1x3x3x1xi64>) {
  // CHECK: %[[XB:.*]] = qnn.binarize %[[X]] : tensor<1x6x6x70x!quant.uniform<i8:f32, 5.000000e-02>> -> tensor<1x6x6x70x!qnn.binary<f32, 1.000000e+00>>
  %xb = qnn.binarize %x : tensor<1x6x6x70x!quant.uniform<i8:f32, 0.05>> -> tensor<1x6x6x70x!qnn.binary<f32, 1.0>>
  // CHECK: %[[W1P:.*]] = arith.constant dense<9> : tensor<16x3x3x2xi64>
  %w1p = arith.constant dense<9> : tensor<16x3x3x2xi64>
  // CHECK: %[[W1:.*]] = qnn.bitunpack %[[W1P]] : tensor<16x3x3x2xi64> -> tensor<16x3x3x70x!qnn.binary<f32, 5.000000e-01>>
  %w1 = qnn.bitunpack %w1p : tensor<16x3x3x2xi64> -> tensor<16x3x3x70x!qnn.binary<f32, 0.5>>
  // Binary result with +1 padding.
  // CHECK: %[[H1:.*]] = qnn.bconv2d %[[XB]], %[[W1]], %[[B1]] {pad = array<i64: 1, 1, 1, 1>, pad_value = 1 : i64}
  // CHECK-SAME: -> tensor<1x6x6x16x!qnn.binary<f32, 2.500000e-01>>
  %h1 = qnn.bconv2d %xb, %w1, %b1 {pad = array<i64: 1, 1, 1, 1>, pad_value = 1 : i64}
        : (tensor<1x6x6x70x!qnn.binary<f32, 1.0>>, tensor<16x3x3x70x!qnn.binary<f32, 0.5>>, tensor<16xf32>)
       -> tensor<1x6x6x16x!qnn.binary<f32, 0.25>>
  %w2p = arith.constant dense<3> : tensor<1x2x2x1xi64>
  // CHECK: %[[W2:.*]] = qnn.bitunpack %{{.*}} : tensor<1x2x2x1xi64> -> tensor<1x2x2x16x!qnn.binary<f32:0, {1.250000e-01}>>
  %w2 = qnn.bitunpack %w2p : tensor<1x2x2x1xi64> -> tensor<1x2x2x16x!qnn.binary<f32:0, {0.125}>>
  // Binary result again, from per-axis weights, for packing.
  // CHECK: %[[H2:.*]] = qnn.bconv2d %[[H1]], %[[W2]] {stride = array<i64: 2, 2>}
  // CHECK-SAME: -> tensor<1x3x3x1x!qnn.binary<f32, 1.000000e+00>>
  %h2 = qnn.bconv2d %h1, %w2 {stride = array<i64: 2, 2>}
        : (tensor<1x6x6x16x!qnn.binary<f32, 0.25>>, tensor<1x2x2x16x!qnn.binary<f32:0, {0.125}>>)
       -> tensor<1x3x3x1x!qnn.binary<f32, 1.0>>
  // CHECK: %[[P:.*]] = qnn.bitpack %[[H2]] : tensor<1x3x3x1x!qnn.binary<f32, 1.000000e+00>> -> tensor<1x3x3x1xi64>
  %p = qnn.bitpack %h2 : tensor<1x3x3x1x!qnn.binary<f32, 1.0>> -> tensor<1x3x3x1xi64>
  // Quantized result.
  %w3p = arith.constant dense<0> : tensor<8x3x3x1xi64>
  // CHECK: %[[W3:.*]] = qnn.bitunpack %{{.*}} : tensor<8x3x3x1xi64> -> tensor<8x3x3x16x!qnn.binary<f32, 1.000000e+00>>
  %w3 = qnn.bitunpack %w3p : tensor<8x3x3x1xi64> -> tensor<8x3x3x16x!qnn.binary<f32, 1.0>>
  // CHECK: %[[H3:.*]] = qnn.bconv2d %[[H1]], %[[W3]] : (
  // CHECK-SAME: -> tensor<1x4x4x8x!quant.uniform<i8:f32, 1.000000e-01>>
  %h3 = qnn.bconv2d %h1, %w3
        : (tensor<1x6x6x16x!qnn.binary<f32, 0.25>>, tensor<8x3x3x16x!qnn.binary<f32, 1.0>>)
       -> tensor<1x4x4x8x!quant.uniform<i8:f32, 0.1>>
  // CHECK: %[[H4:.*]] = qnn.reshape %[[H3]] : tensor<1x4x4x8x!quant.uniform<i8:f32, 1.000000e-01>> -> tensor<1x128x!quant.uniform<i8:f32, 1.000000e-01>>
  %h4 = qnn.reshape %h3 : tensor<1x4x4x8x!quant.uniform<i8:f32, 0.1>> -> tensor<1x128x!quant.uniform<i8:f32, 0.1>>
  // CHECK: %[[H5:.*]] = qnn.binarize %[[H4]] {threshold = 1.000000e-01 : f32}
  %h5 = qnn.binarize %h4 {threshold = 0.1 : f32}
        : tensor<1x128x!quant.uniform<i8:f32, 0.1>> -> tensor<1x128x!qnn.binary<f32, 1.0>>
  // f32 result.
  %w4p = arith.constant dense<-1> : tensor<10x2xi64>
  // CHECK: %[[W4:.*]] = qnn.bitunpack %{{.*}} : tensor<10x2xi64> -> tensor<10x128x!qnn.binary<f32, 1.000000e+00>>
  %w4 = qnn.bitunpack %w4p : tensor<10x2xi64> -> tensor<10x128x!qnn.binary<f32, 1.0>>
  // CHECK: %[[Y:.*]] = qnn.bfully_connected %[[H5]], %[[W4]] : (tensor<1x128x!qnn.binary<f32, 1.000000e+00>>, tensor<10x128x!qnn.binary<f32, 1.000000e+00>>) -> tensor<1x10xf32>
  %y = qnn.bfully_connected %h5, %w4
       : (tensor<1x128x!qnn.binary<f32, 1.0>>, tensor<10x128x!qnn.binary<f32, 1.0>>) -> tensor<1x10xf32>
  // CHECK: return %[[Y]], %[[P]]
  return %y, %p : tensor<1x10xf32>, tensor<1x3x3x1xi64>
}
