//===- ForwardLoopAnnotations.cpp - loop metadata onto LLVM branches ------===//

#include "qnn/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_FORWARDLOOPANNOTATIONS
#include "qnn/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kDiscardable = "llvm.loop_annotation";

template <typename BranchOp> void forward(BranchOp op) {
  auto ann = op->template getAttrOfType<LLVM::LoopAnnotationAttr>(kDiscardable);
  if (!ann)
    return;
  if (!op.getLoopAnnotationAttr())
    op.setLoopAnnotationAttr(ann);
  op->removeAttr(kDiscardable);
}

struct ForwardLoopAnnotationsPass
    : public qnn::impl::ForwardLoopAnnotationsBase<ForwardLoopAnnotationsPass> {
  void runOnOperation() override {
    getOperation()->walk([](Operation *op) {
      if (auto br = dyn_cast<LLVM::BrOp>(op))
        forward(br);
      else if (auto condBr = dyn_cast<LLVM::CondBrOp>(op))
        forward(condBr);
    });
  }
};

} // namespace
