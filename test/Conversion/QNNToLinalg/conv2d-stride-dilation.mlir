// RUN: qnn-opt %s --convert-qnn-to-linalg | FileCheck %s

// Rule N8.4: input index = oh * sh + kh * dh - pt. The padding is applied
// by tensor.pad, so the map reads oh * sh + kh * dh in the padded tensor.
// Rule N8.2 example: H = 7, KH = 3, dh = 2, pt = pb = 1, sh = 2 -> OH = 3;
// W = 7, KW = 3, dw = 1, pl = pr = 0, sw = 3 -> OW = 2.

// CHECK-DAG: #[[$X:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 * 2 + d4 * 2, d2 * 3 + d5, d6)>
// CHECK-DAG: #[[$W:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>

// CHECK-LABEL: func.func @conv_stride_dilation
// CHECK-SAME: (%[[X:.*]]: tensor<1x7x7x1xi8>, %[[W:.*]]: tensor<2x3x3x1xi8>)
// CHECK: %[[P:.*]] = tensor.pad %[[X]] low[0, 1, 0, 0] high[0, 1, 0, 0]
// CHECK: } : tensor<1x7x7x1xi8> to tensor<1x9x7x1xi8>
// CHECK: linalg.generic {indexing_maps = [#[[$X]], #[[$W]], #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK-SAME: ins(%[[P]], %[[W]], %{{.*}} : tensor<1x9x7x1xi8>, tensor<2x3x3x1xi8>, tensor<1xi32>) outs(%{{.*}} : tensor<1x3x2x2xi32>)
// CHECK: return %{{.*}} : tensor<1x3x2x2xi8>
func.func @conv_stride_dilation(%x: tensor<1x7x7x1x!quant.uniform<i8:f32, 0.02:0>>,
                                %w: tensor<2x3x3x1x!quant.uniform<i8:f32, 0.1>>)
    -> tensor<1x3x2x2x!quant.uniform<i8:f32, 0.05>> {
  %y = qnn.conv2d %x, %w {stride = array<i64: 2, 3>, dilation = array<i64: 2, 1>,
                          pad = array<i64: 1, 1, 0, 0>}
      : (tensor<1x7x7x1x!quant.uniform<i8:f32, 0.02:0>>,
         tensor<2x3x3x1x!quant.uniform<i8:f32, 0.1>>)
      -> tensor<1x3x2x2x!quant.uniform<i8:f32, 0.05>>
  return %y : tensor<1x3x2x2x!quant.uniform<i8:f32, 0.05>>
}
