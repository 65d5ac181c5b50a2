// RUN: qnn-opt %s -split-input-file -verify-diagnostics

// A negative pad_value is printed as the signed value it is (rule N19.1).

func.func @pad_value_negative(%x: tensor<1x8x8x70x!qnn.binary<f32, 1.0>>,
                              %w: tensor<2x3x3x70x!qnn.binary<f32, 0.5>>) {
  // expected-error @+1 {{'qnn.bconv2d' op 'pad_value' must be 0 (zero padding) or 1 (padding with +1), got -1 (rule N19.1)}}
  %y = qnn.bconv2d %x, %w {pad_value = -1 : i64}
       : (tensor<1x8x8x70x!qnn.binary<f32, 1.0>>, tensor<2x3x3x70x!qnn.binary<f32, 0.5>>)
      -> tensor<1x6x6x2xf32>
  return
}
