//===- SelectKernels.cpp - choose optimized kernels for qnn ops -----------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/StringExtras.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNSELECTKERNELS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// True when `v` is a compile-time constant: an `arith.constant`, possibly
/// seen through the `quant.scast` that gives it a quantized type.
bool isConstant(Value v) {
  if (auto cast = v.getDefiningOp<quant::StorageCastOp>())
    v = cast.getInput();
  return v.getDefiningOp<arith::ConstantOp>() != nullptr;
}

/// Rule-level conditions of the vnni512 kernel for a fully connected op.
bool supportsVnni(FullyConnectedOp op) {
  std::optional<QuantParams> x = getQuantParams(op.getInput().getType());
  std::optional<QuantParams> w = getQuantParams(op.getWeight().getType());
  std::optional<QuantParams> y = getQuantParams(op.getOutput().getType());
  if (!x || !w || !y || x->width != 8 || w->width != 8 || !w->isSigned ||
      y->width > 16)
    return false;
  if (llvm::any_of(w->zeroPoints, [](int64_t zp) { return zp != 0; }))
    return false;
  return isConstant(op.getWeight()) &&
         (!op.getBias() || isConstant(op.getBias()));
}

struct SelectKernelsPass
    : public qnn::impl::QNNSelectKernelsBase<SelectKernelsPass> {
  using QNNSelectKernelsBase::QNNSelectKernelsBase;

  void runOnOperation() override {
    bool vnni = qnn::hasTargetFeature(targetFeatures, "+avx512vnni");
    MLIRContext *ctx = &getContext();
    getOperation()->walk([&](FullyConnectedOp op) {
      if (!vnni || !supportsVnni(op))
        return;
      ArrayRef<int64_t> ys = op.getOutput().getType().getShape();
      // 8 rows x 3 blocks of 16 columns: 24 accumulators, 3 weight vectors
      // and one broadcast activation stay within the 32 zmm registers, with
      // 11 loads per 24 vpdpbusd. (Measured with bench/run.py on a 1024^3
      // GEMM: 4x4 gives 633 GOPS, 6x4 654, 8x3 655-702 across runs, and 8x3
      // is best on the 64x2048x1000 shape; see docs/benchmarks.md.)
      int64_t mr = std::min<int64_t>(8, ys[0]);
      int64_t nr = std::min<int64_t>(3, (ys[1] + 15) / 16);
      Builder b(ctx);
      op->setAttr(kKernelAttrName,
                  b.getDictionaryAttr(
                      {b.getNamedAttr("kind", b.getStringAttr("vnni512")),
                       b.getNamedAttr("mr", b.getI64IntegerAttr(mr)),
                       b.getNamedAttr("nr", b.getI64IntegerAttr(nr))}));
    });
  }
};

} // namespace
