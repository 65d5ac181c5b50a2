// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Upstream !quant.uniform parse errors that fire before any qnn verifier.
// They make parts of rule N1.2 unreachable from text in qnn's own checks:
//  - zero, negative and infinite scales, and scales above the f32 maximum,
//    are rejected here ("out of expressed type range"), so qnn's "scale must
//    be positive and finite" is reached only by NaN and its "not a normal
//    f32 value" only by f32 subnormals (see invalid-quantize.mlir);
//  - storage wider than 32 bits is rejected here, so no qnn op sees it.
// Zero points outside the storage range are NOT rejected upstream; qnn's
// verifiers report them (invalid-quantize.mlir and the others).

func.func @scale_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale 0.000000e+00 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.0>>
  return
}

// -----

func.func @scale_negative(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale -5.000000e-01 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, -0.5:1>>
  return
}

// -----

func.func @scale_inf(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale INF out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0x7FF0000000000000>>
  return
}

// -----

func.func @scale_below_f32_subnormal(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale 1.000000e-50 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 1.0e-50>>
  return
}

// -----

// qnn's upper bound of rule N1.2 (s <= 3.40282347e+38) is enforced here.
func.func @scale_above_f32_max(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale 1.000000e+39 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 1.0e39>>
  return
}

// -----

func.func @scale_per_axis_zero(%x: tensor<4xf32>) {
  // expected-error @+1 {{scale 0.000000e+00 out of expressed type range [1.401298e-45, 3.402823e+38]}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32:0, {0.1, 0.0, 0.1, 0.1}>>
  return
}

// -----

func.func @storage_i64(%x: tensor<4xf32>) {
  // expected-error @+1 {{illegal storage type size: 64}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i64:f32, 0.1>>
  return
}

// -----

func.func @axis_negative(%x: tensor<4xf32>) {
  // expected-error @+1 {{illegal quantized dimension: -1}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32:-1, {0.1}>>
  return
}

// -----

func.func @storage_range_inverted(%x: tensor<4xf32>) {
  // expected-error @+1 {{illegal storage min and storage max: (10:-10)}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<10:-10>:f32, 0.1>>
  return
}

// -----

func.func @storage_range_min(%x: tensor<4xf32>) {
  // expected-error @+1 {{illegal storage type minimum: -200}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8<-200:127>:f32, 0.1>>
  return
}

// -----

func.func @storage_range_max(%x: tensor<4xf32>) {
  // expected-error @+1 {{illegal storage type maximum: 300}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<u8<0:300>:f32, 0.1>>
  return
}

// -----

func.func @expressed_integer(%x: tensor<4xf32>) {
  // expected-error @+1 {{invalid kind of type specified}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:i32, 0.1>>
  return
}

// -----

func.func @no_scales(%x: tensor<4xf32>) {
  // expected-error @+1 {{expected floating point literal}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32:0, {}>>
  return
}

// -----

func.func @zero_point_too_large(%x: tensor<4xf32>) {
  // expected-error @+1 {{integer value too large}}
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.1:99999999999999999999>>
  return
}
