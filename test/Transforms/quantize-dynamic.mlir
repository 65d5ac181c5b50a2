// RUN: qnn-opt %s --qnn-quantize=mode=dynamic | FileCheck %s
// RUN: not qnn-opt %s --qnn-quantize=mode=eager 2>&1 | FileCheck %s --check-prefix=BAD

// Dynamic mode: a fully connected layer (reshape, matmul with constant
// weights, reshape, bias add) gets its activation range at run time: min
// and max over x and 0, DynamicQuantizeLinear's scale and zero point, x to
// u8, the integer product (all scales 1: an i32 result, rule N6.0), then
// y = f32(acc - zp * colsum) * (scale * s_w) + b. No statistics needed.

// CHECK-LABEL: func.func @fc
// CHECK-NOT: qnn.observe
// CHECK-NOT: tosa.matmul
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// CHECK: arith.minimumf
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// CHECK: arith.maximumf
// CHECK: math.roundeven
// CHECK: %[[Y:.*]] = qnn.fully_connected {{.*}} : (tensor<2x3x!quant.uniform<u8:f32, 1.000000e+00>>, tensor<2x3x!quant.uniform<i8<-127:127>:f32:0, {1.000000e+00,1.000000e+00}>>) -> tensor<2x2x!quant.uniform<i32:f32, 1.000000e+00>>
// CHECK-DAG: arith.constant dense<[0.00787401571, 0.00393700786]> : tensor<2xf32>
// CHECK-DAG: arith.constant dense<[381, -381]> : tensor<2xi32>
// CHECK: arith.sitofp
// CHECK: return
// BAD: error: mode must be static, dynamic or weight-only, got 'eager'
func.func @fc(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  %o = qnn.observe %x {id = 0 : i64, name = "x"} : tensor<2x3xf32>
  %s3 = tosa.const_shape {values = dense<[1, 2, 3]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %x3 = tosa.reshape %o, %s3 : (tensor<2x3xf32>, !tosa.shape<3>) -> tensor<1x2x3xf32>
  %w = "tosa.const"() <{values = dense<[[[1.0, -0.5], [1.0, -0.5], [1.0, -0.5]]]> : tensor<1x3x2xf32>}> : () -> tensor<1x3x2xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %m = tosa.matmul %x3, %w, %zp, %zp : (tensor<1x2x3xf32>, tensor<1x3x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x2xf32>
  %s2 = tosa.const_shape {values = dense<[2, 2]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %r = tosa.reshape %m, %s2 : (tensor<1x2x2xf32>, !tosa.shape<2>) -> tensor<2x2xf32>
  %b = "tosa.const"() <{values = dense<[[0.5, 1.0]]> : tensor<1x2xf32>}> : () -> tensor<1x2xf32>
  %a = tosa.add %r, %b : (tensor<2x2xf32>, tensor<1x2xf32>) -> tensor<2x2xf32>
  return %a : tensor<2x2xf32>
}
