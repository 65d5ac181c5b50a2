// A small valid module used by the command-line tests.
func.func @quantize(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.05:-3>> {
  %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
  return %q : tensor<4x!quant.uniform<i8:f32, 0.05:-3>>
}
