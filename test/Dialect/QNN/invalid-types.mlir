// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// Parse and verify errors of the !qnn.binary type (rule N1.5):
// `!qnn.binary<f32, ALPHA>` or `!qnn.binary<f32:AXIS, {a0, a1, ...}>`,
// every alpha > 0 and finite.

// expected-error @+1 {{binary type expects expressed type f32, got 'f16'}}
func.func private @expressed_f16(tensor<4x!qnn.binary<f16, 0.5>>)

// -----

// expected-error @+1 {{binary type expects expressed type f32, got 'i8'}}
func.func private @expressed_integer(tensor<4x!qnn.binary<i8, 0.5>>)

// -----

// expected-error @+1 {{binary type expects expressed type f32, got 'f64'}}
func.func private @expressed_per_axis(tensor<4x!qnn.binary<f64:0, {0.5, 0.5, 0.5, 0.5}>>)

// -----

// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got 0.000000e+00}}
func.func private @scale_zero(tensor<4x!qnn.binary<f32, 0.0>>)

// -----

// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got -0.000000e+00}}
func.func private @scale_negative_zero(tensor<4x!qnn.binary<f32, -0.0>>)

// -----

// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got -5.000000e-01}}
func.func private @scale_negative(tensor<4x!qnn.binary<f32, -0.5>>)

// -----

// Alphas are f64; hexadecimal literals give the f64 bit pattern.
// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got INF}}
func.func private @scale_inf(tensor<4x!qnn.binary<f32, 0x7FF0000000000000>>)

// -----

// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got -INF}}
func.func private @scale_negative_inf(tensor<4x!qnn.binary<f32, 0xFFF0000000000000>>)

// -----

// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got nan}}
func.func private @scale_nan(tensor<4x!qnn.binary<f32, 0x7FF8000000000000>>)

// -----

// Every alpha of a per-axis type is checked.
// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got 0.000000e+00}}
func.func private @scale_per_axis_zero(tensor<4x!qnn.binary<f32:0, {1.0, 0.0, 1.0, 1.0}>>)

// -----

// expected-error @+1 {{binary type scale must be positive and finite (rule N1.5), got -2.000000e+00}}
func.func private @scale_per_axis_negative(tensor<4x!qnn.binary<f32:0, {1.0, 1.0, 1.0, -2.0}>>)

// -----

// The axis form needs a real axis: -1 is not a spelling of per tensor.
// expected-error @+1 {{binary type axis must be >= 0, got -1}}
func.func private @axis_minus_one(tensor<4x!qnn.binary<f32:-1, {1.0, 2.0}>>)

// -----

// expected-error @+1 {{binary type needs at least one scale}}
func.func private @no_scales(tensor<4x!qnn.binary<f32:0, {}>>)

// -----

// expected-error @+1 {{binary type axis must be >= 0, got -2}}
func.func private @axis_negative(tensor<4x!qnn.binary<f32:-2, {1.0}>>)

// -----

// expected-error @+1 {{integer value too large}}
func.func private @axis_too_large(tensor<4x!qnn.binary<f32:4294967296, {1.0}>>)

// -----

// expected-error @+1 {{expected ','}}
func.func private @missing_scale(tensor<4x!qnn.binary<f32>>)

// -----

// expected-error @+1 {{expected '<'}}
func.func private @missing_params(tensor<4x!qnn.binary>)

// -----

// expected-error @+2 {{unexpected decimal integer literal for a floating point value}}
// expected-note @+1 {{add a trailing dot to make the literal a float}}
func.func private @integer_scale(tensor<4x!qnn.binary<f32, 1>>)

// -----

// expected-error @+1 {{expected floating point literal}}
func.func private @keyword_scale(tensor<4x!qnn.binary<f32, inf>>)

// -----

// Several alphas need the per-axis form.
// expected-error @+1 {{expected '>'}}
func.func private @two_per_tensor_scales(tensor<4x!qnn.binary<f32, 0.5, 0.25>>)

// -----

// expected-error @+1 {{expected '{'}}
func.func private @per_axis_without_braces(tensor<4x!qnn.binary<f32:0, 0.5>>)

// -----

// expected-error @+1 {{expected ','}}
func.func private @per_axis_missing_comma(tensor<4x!qnn.binary<f32:0 {0.5}>>)

// -----

// expected-error @+1 {{expected non-function type}}
func.func private @missing_expressed_type(tensor<4x!qnn.binary<0.5>>)

// -----

// expected-error @+1 {{unknown  type `bits` in dialect `qnn`}}
func.func private @unknown_type(tensor<4x!qnn.bits<f32, 0.5>>)
