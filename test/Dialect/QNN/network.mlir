// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// A small quantized CNN that uses every integer op together: the values and
// types flow from op to op unchanged through the round trip.

!qin  = !quant.uniform<u8:f32, 0.02:128>
!qw1  = !quant.uniform<i8<-127:127>:f32:0, {0.01, 0.02, 0.03, 0.04}>
!qa   = !quant.uniform<u8:f32, 0.05>
!qdw  = !quant.uniform<i8:f32:2, {0.1, 0.2, 0.3, 0.4}>
!qfc  = !quant.uniform<i8:f32, 0.05>
!qout = !quant.uniform<i8:f32, 0.1:-3>

// CHECK-LABEL: func.func @cnn(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x8x8x3xf32>,
// CHECK-SAME:    %[[G:[^:]+]]: tensor<3xf32>,
// CHECK-SAME:    %[[W1:[^:]+]]: tensor<4x3x3x3x!quant.uniform<i8<-127:127>:f32:0, {1.000000e-02,2.000000e-02,3.000000e-02,4.000000e-02}>>,
// CHECK-SAME:    %[[B1:[^:]+]]: tensor<4xi32>,
// CHECK-SAME:    %[[DW:[^:]+]]: tensor<3x3x4x1x!quant.uniform<i8:f32:2, {1.000000e-01,2.000000e-01,3.000000e-01,4.000000e-01}>>,
// CHECK-SAME:    %[[FW:[^:]+]]: tensor<10x16x!quant.uniform<i8:f32, 5.000000e-02>>,
// CHECK-SAME:    %[[FB:[^:]+]]: tensor<10xi32>)
// CHECK-SAME:    -> tensor<1x10xf32>
func.func @cnn(%x: tensor<1x8x8x3xf32>, %g: tensor<3xf32>,
               %w1: tensor<4x3x3x3x!qw1>, %b1: tensor<4xi32>,
               %dw: tensor<3x3x4x1x!qdw>,
               %fw: tensor<10x16x!qfc>, %fb: tensor<10xi32>) -> tensor<1x10xf32> {
  // CHECK: %[[BN:.*]] = qnn.batch_norm %[[X]], %[[G]], %[[G]], %[[G]], %[[G]] : (
  %bn = qnn.batch_norm %x, %g, %g, %g, %g
        : (tensor<1x8x8x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x8x8x3xf32>
  // CHECK: %[[OBS:.*]] = qnn.observe %[[BN]] {id = 0 : i64} : tensor<1x8x8x3xf32>
  %obs = qnn.observe %bn {id = 0 : i64} : tensor<1x8x8x3xf32>
  // CHECK: %[[Q:.*]] = qnn.quantize %[[OBS]] : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!quant.uniform<u8:f32, 2.000000e-02:128>>
  %q = qnn.quantize %obs : tensor<1x8x8x3xf32> -> tensor<1x8x8x3x!qin>
  // CHECK: %[[C1:.*]] = qnn.conv2d %[[Q]], %[[W1]], %[[B1]] {activation = #qnn.activation<relu>, pad = array<i64: 1, 1, 1, 1>}
  // CHECK-SAME: -> tensor<1x8x8x4x!quant.uniform<u8:f32, 5.000000e-02>>
  %c1 = qnn.conv2d %q, %w1, %b1 {pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu>}
        : (tensor<1x8x8x3x!qin>, tensor<4x3x3x3x!qw1>, tensor<4xi32>) -> tensor<1x8x8x4x!qa>
  // CHECK: %[[D1:.*]] = qnn.depthwise_conv2d %[[C1]], %[[DW]] {activation = #qnn.activation<relu6>, pad = array<i64: 1, 1, 1, 1>}
  // CHECK-SAME: -> tensor<1x8x8x4x!quant.uniform<u8:f32, 5.000000e-02>>
  %d1 = qnn.depthwise_conv2d %c1, %dw {pad = array<i64: 1, 1, 1, 1>, activation = #qnn.activation<relu6>}
        : (tensor<1x8x8x4x!qa>, tensor<3x3x4x1x!qdw>) -> tensor<1x8x8x4x!qa>
  // CHECK: %[[R:.*]] = qnn.add %[[C1]], %[[D1]] : (
  // CHECK-SAME: -> tensor<1x8x8x4x!quant.uniform<u8:f32, 5.000000e-02>>
  %r = qnn.add %c1, %d1 : (tensor<1x8x8x4x!qa>, tensor<1x8x8x4x!qa>) -> tensor<1x8x8x4x!qa>
  // CHECK: %[[M:.*]] = qnn.max_pool2d %[[R]] {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
  // CHECK-SAME: -> tensor<1x4x4x4x!quant.uniform<u8:f32, 5.000000e-02>>
  %m = qnn.max_pool2d %r {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
       : tensor<1x8x8x4x!qa> -> tensor<1x4x4x4x!qa>
  // CHECK: %[[A:.*]] = qnn.avg_pool2d %[[M]] {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
  // CHECK-SAME: -> tensor<1x2x2x4x!quant.uniform<u8:f32, 5.000000e-02>>
  %a = qnn.avg_pool2d %m {kernel = array<i64: 2, 2>, stride = array<i64: 2, 2>}
       : tensor<1x4x4x4x!qa> -> tensor<1x2x2x4x!qa>
  // CHECK: %[[F:.*]] = qnn.reshape %[[A]] : tensor<1x2x2x4x!quant.uniform<u8:f32, 5.000000e-02>> -> tensor<1x16x!quant.uniform<u8:f32, 5.000000e-02>>
  %f = qnn.reshape %a : tensor<1x2x2x4x!qa> -> tensor<1x16x!qa>
  // CHECK: %[[FC:.*]] = qnn.fully_connected %[[F]], %[[FW]], %[[FB]] : (
  // CHECK-SAME: -> tensor<1x10x!quant.uniform<i8:f32, 1.000000e-01:-3>>
  %fc = qnn.fully_connected %f, %fw, %fb
        : (tensor<1x16x!qa>, tensor<10x16x!qfc>, tensor<10xi32>) -> tensor<1x10x!qout>
  // CHECK: %[[CL:.*]] = qnn.clamp %[[FC]] {max = 100 : i64, min = -100 : i64}
  %cl = qnn.clamp %fc {min = -100 : i64, max = 100 : i64} : tensor<1x10x!qout> -> tensor<1x10x!qout>
  // CHECK: %[[RQ:.*]] = qnn.requantize %[[CL]] : tensor<1x10x!quant.uniform<i8:f32, 1.000000e-01:-3>> -> tensor<1x10x!quant.uniform<i8:f32, 2.000000e-01>>
  %rq = qnn.requantize %cl : tensor<1x10x!qout> -> tensor<1x10x!quant.uniform<i8:f32, 0.2>>
  // CHECK: %[[CAT:.*]] = qnn.concat %[[CL]], %[[RQ]] {axis = 0 : i64}
  // CHECK-SAME: -> tensor<2x10x!quant.uniform<i8:f32, 1.000000e-01:-3>>
  %cat = qnn.concat %cl, %rq {axis = 0 : i64}
         : (tensor<1x10x!qout>, tensor<1x10x!quant.uniform<i8:f32, 0.2>>) -> tensor<2x10x!qout>
  // CHECK: %[[DQ:.*]] = qnn.dequantize %[[RQ]] : tensor<1x10x!quant.uniform<i8:f32, 2.000000e-01>> -> tensor<1x10xf32>
  %dq = qnn.dequantize %rq : tensor<1x10x!quant.uniform<i8:f32, 0.2>> -> tensor<1x10xf32>
  // CHECK: return %[[DQ]]
  return %dq : tensor<1x10xf32>
}
