// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Only uniform quantized types get a container; other quant types (here
// !quant.calibrated, which has no integer storage) pass through unchanged
// instead of being converted (qnn-compile refuses them at its boundary).
// CHECK-LABEL: func.func @calibrated
// CHECK-SAME: (%[[X:.*]]: tensor<4x!quant.calibrated<f32<-1.000000e+00:1.000000e+00>>>) -> tensor<4x!quant.calibrated<f32<-1.000000e+00:1.000000e+00>>>
// CHECK: return %[[X]]
func.func @calibrated(%x: tensor<4x!quant.calibrated<f32<-1.0:1.0>>>) -> tensor<4x!quant.calibrated<f32<-1.0:1.0>>> {
  return %x : tensor<4x!quant.calibrated<f32<-1.0:1.0>>>
}
