// RUN: qnn-opt %s | qnn-opt | FileCheck %s
// RUN: qnn-opt %s --mlir-print-op-generic | qnn-opt | FileCheck %s
// RUN: qnn-opt %s -emit-bytecode | qnn-opt | FileCheck %s

// Types: qnn's own !qnn.binary (rule N1.5) per tensor and per axis, and the
// upstream !quant.uniform types (rules N1.1-N1.3) that qnn ops consume
// unchanged.

//===----------------------------------------------------------------------===//
// !qnn.binary
//===----------------------------------------------------------------------===//

// The type on its own and in static, dynamic and rank-0 tensors.
// CHECK-LABEL: func.func private @binary_per_tensor(
// CHECK-SAME:    !qnn.binary<f32, 5.000000e-01>,
// CHECK-SAME:    tensor<4x!qnn.binary<f32, 5.000000e-01>>,
// CHECK-SAME:    tensor<?x70x!qnn.binary<f32, 1.000000e+00>>,
// CHECK-SAME:    tensor<!qnn.binary<f32, 2.500000e-01>>)
// CHECK-SAME:    -> !qnn.binary<f32, 3.000000e+00>
func.func private @binary_per_tensor(!qnn.binary<f32, 0.5>,
                                     tensor<4x!qnn.binary<f32, 0.5>>,
                                     tensor<?x70x!qnn.binary<f32, 1.0>>,
                                     tensor<!qnn.binary<f32, 0.25>>)
    -> !qnn.binary<f32, 3.0>

// CHECK-LABEL: func.func private @binary_per_axis(
// CHECK-SAME:    !qnn.binary<f32:0, {5.000000e-01, 2.500000e-01}>,
// CHECK-SAME:    tensor<2x3x!qnn.binary<f32:1, {1.000000e+00, 2.000000e+00, 4.000000e+00}>>,
// CHECK-SAME:    tensor<1x!qnn.binary<f32:0, {1.250000e-01}>>)
func.func private @binary_per_axis(!qnn.binary<f32:0, {0.5, 0.25}>,
                                   tensor<2x3x!qnn.binary<f32:1, {1.0, 2.0, 4.0}>>,
                                   tensor<1x!qnn.binary<f32:0, {0.125}>>)

// Alphas round trip exactly: the printer falls back to more digits when the
// short form would not read back to the same double.
// CHECK-LABEL: func.func private @binary_exact_alphas(
// CHECK-SAME:    !qnn.binary<f32, 0.0123456789>,
// CHECK-SAME:    !qnn.binary<f32:0, {1.000000e-01, 0.30000000000000004}>,
// CHECK-SAME:    !qnn.binary<f32, 1.000000e-30>)
func.func private @binary_exact_alphas(!qnn.binary<f32, 0.0123456789>,
                                       !qnn.binary<f32:0, {0.1, 0.30000000000000004}>,
                                       !qnn.binary<f32, 1.0e-30>)

// Binary tensors flow through the binary ops unchanged.
// CHECK-LABEL: func.func @binary_flow(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<1x4x4x70xf32>,
// CHECK-SAME:    %[[W:[^:]+]]: tensor<2x1x1x70x!qnn.binary<f32:0, {5.000000e-01, 2.500000e-01}>>)
// CHECK-SAME:    -> tensor<1x4x4x2x!qnn.binary<f32:3, {1.000000e+00, 2.000000e+00}>>
func.func @binary_flow(%x: tensor<1x4x4x70xf32>,
                       %w: tensor<2x1x1x70x!qnn.binary<f32:0, {0.5, 0.25}>>)
    -> tensor<1x4x4x2x!qnn.binary<f32:3, {1.0, 2.0}>> {
  // CHECK: %[[B:.*]] = qnn.binarize %[[X]] : tensor<1x4x4x70xf32> -> tensor<1x4x4x70x!qnn.binary<f32, 1.000000e+00>>
  %b = qnn.binarize %x : tensor<1x4x4x70xf32> -> tensor<1x4x4x70x!qnn.binary<f32, 1.0>>
  // CHECK: %[[Y:.*]] = qnn.bconv2d %[[B]], %[[W]] : (tensor<1x4x4x70x!qnn.binary<f32, 1.000000e+00>>, tensor<2x1x1x70x!qnn.binary<f32:0, {5.000000e-01, 2.500000e-01}>>) -> tensor<1x4x4x2x!qnn.binary<f32:3, {1.000000e+00, 2.000000e+00}>>
  %y = qnn.bconv2d %b, %w : (tensor<1x4x4x70x!qnn.binary<f32, 1.0>>,
                             tensor<2x1x1x70x!qnn.binary<f32:0, {0.5, 0.25}>>)
      -> tensor<1x4x4x2x!qnn.binary<f32:3, {1.0, 2.0}>>
  // CHECK: return %[[Y]]
  return %y : tensor<1x4x4x2x!qnn.binary<f32:3, {1.0, 2.0}>>
}

//===----------------------------------------------------------------------===//
// Upstream !quant.uniform types
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func private @quant_types(
// CHECK-SAME:    tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>>,
// CHECK-SAME:    tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>>,
// CHECK-SAME:    tensor<4x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>,
// CHECK-SAME:    tensor<4x!quant.uniform<u8:f32, 2.000000e-02:128>>,
// CHECK-SAME:    tensor<4x!quant.uniform<i4:f32, 5.000000e-01:-8>>,
// CHECK-SAME:    tensor<4x!quant.uniform<i16:f32, 1.000000e-03:7>>,
// CHECK-SAME:    tensor<4x!quant.uniform<i32:f32, 1.000000e-04>>)
func.func private @quant_types(tensor<4x!quant.uniform<i8:f32, 0.05:-3>>,
                               tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>>,
                               tensor<4x!quant.uniform<i8<-127:127>:f32, 0.1>>,
                               tensor<4x!quant.uniform<u8:f32, 0.02:128>>,
                               tensor<4x!quant.uniform<i4:f32, 0.5:-8>>,
                               tensor<4x!quant.uniform<i16:f32, 0.001:7>>,
                               tensor<4x!quant.uniform<i32:f32, 0.0001>>)

// Each upstream type flows through quantize, requantize and dequantize
// unchanged.
// CHECK-LABEL: func.func @quant_flow(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<2x3xf32>)
func.func @quant_flow(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[A:.*]] = qnn.quantize %[[X]] : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %a = qnn.quantize %x : tensor<2x3xf32> -> tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>>
  // CHECK: %[[B:.*]] = qnn.requantize %[[A]] : tensor<2x3x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>>
  %b = qnn.requantize %a : tensor<2x3x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>>
  // CHECK: %[[C:.*]] = qnn.requantize %[[B]] : tensor<2x3x!quant.uniform<i8:f32:0, {1.000000e-01:1,2.000000e-01:-2}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>>
  %c = qnn.requantize %b : tensor<2x3x!quant.uniform<i8:f32:0, {0.1:1, 0.2:-2}>> -> tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.1>>
  // CHECK: %[[D:.*]] = qnn.requantize %[[C]] : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 1.000000e-01>> -> tensor<2x3x!quant.uniform<u8:f32, 2.000000e-02:128>>
  %d = qnn.requantize %c : tensor<2x3x!quant.uniform<i8<-127:127>:f32, 0.1>> -> tensor<2x3x!quant.uniform<u8:f32, 0.02:128>>
  // CHECK: %[[E:.*]] = qnn.requantize %[[D]] : tensor<2x3x!quant.uniform<u8:f32, 2.000000e-02:128>> -> tensor<2x3x!quant.uniform<i4:f32, 5.000000e-01:-8>>
  %e = qnn.requantize %d : tensor<2x3x!quant.uniform<u8:f32, 0.02:128>> -> tensor<2x3x!quant.uniform<i4:f32, 0.5:-8>>
  // CHECK: %[[F:.*]] = qnn.requantize %[[E]] : tensor<2x3x!quant.uniform<i4:f32, 5.000000e-01:-8>> -> tensor<2x3x!quant.uniform<i16:f32, 1.000000e-03:7>>
  %f = qnn.requantize %e : tensor<2x3x!quant.uniform<i4:f32, 0.5:-8>> -> tensor<2x3x!quant.uniform<i16:f32, 0.001:7>>
  // CHECK: %[[G:.*]] = qnn.dequantize %[[F]] : tensor<2x3x!quant.uniform<i16:f32, 1.000000e-03:7>> -> tensor<2x3xf32>
  %g = qnn.dequantize %f : tensor<2x3x!quant.uniform<i16:f32, 0.001:7>> -> tensor<2x3xf32>
  // CHECK: return %[[G]]
  return %g : tensor<2x3xf32>
}

// Upstream quant ops interoperate with qnn ops on the same types.
// CHECK-LABEL: func.func @quant_dialect_interop(
// CHECK-SAME:    %[[X:[^:]+]]: tensor<4xf32>)
func.func @quant_dialect_interop(%x: tensor<4xf32>) -> tensor<4xi8> {
  // CHECK: %[[Q:.*]] = quant.qcast %[[X]] : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>>
  %q = quant.qcast %x : tensor<4xf32> to tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
  // CHECK: %[[R:.*]] = qnn.requantize %[[Q]] : tensor<4x!quant.uniform<i8:f32, 5.000000e-02:-3>> -> tensor<4x!quant.uniform<i8:f32, 1.000000e-01>>
  %r = qnn.requantize %q : tensor<4x!quant.uniform<i8:f32, 0.05:-3>> -> tensor<4x!quant.uniform<i8:f32, 0.1>>
  // CHECK: %[[S:.*]] = quant.scast %[[R]] : tensor<4x!quant.uniform<i8:f32, 1.000000e-01>> to tensor<4xi8>
  %s = quant.scast %r : tensor<4x!quant.uniform<i8:f32, 0.1>> to tensor<4xi8>
  // CHECK: return %[[S]]
  return %s : tensor<4xi8>
}
