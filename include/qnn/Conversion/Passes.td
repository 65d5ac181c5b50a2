//===- Passes.td - qnn conversion passes -------------------*- tablegen -*-===//

#ifndef QNN_CONVERSION_PASSES_TD
#define QNN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertQNNToLinalg : Pass<"convert-qnn-to-linalg", "mlir::ModuleOp"> {
  let summary = "Reference lowering of qnn ops to linalg, tensor and arith";
  let description = [{
    Rewrites every qnn op into `linalg.generic` loops nests and `arith`/`math`
    scalar code over the ops' storage types, following docs/numerics.md rule
    by rule. A TypeConverter maps `!quant.uniform` element types to their
    integer containers (i8, i16, i32; rule N1.4) and `!qnn.binary` tensors to
    their packed i64 words (rule N1.5); function signatures are converted too.

    This lowering is deliberately simple: it is the numerical oracle that
    optimized kernels are checked against.

    Before:
    ```mlir
    func.func @f(%x: tensor<4xf32>) -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>> {
      %q = qnn.quantize %x : tensor<4xf32> -> tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
      return %q : tensor<4x!quant.uniform<i8:f32, 0.5:-3>>
    }
    ```
    After (abridged):
    ```mlir
    func.func @f(%x: tensor<4xf32>) -> tensor<4xi8> {
      %0 = linalg.generic ... ins(%x : tensor<4xf32>) outs(%e : tensor<4xi8>) {
        %d = arith.divf %in, %cst_scale : f32
        %r = math.roundeven %d : f32
        ...
      }
      return %0 : tensor<4xi8>
    }
    ```
  }];
  let options = [
    Option<"requantMode", "requant-mode", "std::string", "\"fixed-point\"",
           "Requantization arithmetic: 'fixed-point' (31-bit multiplier and "
           "shift, rule N6.1) or 'float' (f32, round half to even, rule N6.2)">
  ];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::func::FuncDialect",
    "mlir::linalg::LinalgDialect", "mlir::math::MathDialect",
    "mlir::tensor::TensorDialect"
  ];
}

#endif // QNN_CONVERSION_PASSES_TD
