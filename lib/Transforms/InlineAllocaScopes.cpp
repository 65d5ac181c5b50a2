//===- InlineAllocaScopes.cpp - drop alloca scopes that allocate nothing --===//

#include "qnn/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_INLINEALLOCASCOPES
#include "qnn/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {

/// True when `scope` allocates on the stack itself (allocas in nested
/// scopes belong to those).
bool allocates(memref::AllocaScopeOp scope) {
  WalkResult result = scope.getBodyRegion().walk(
      [&](Operation *op) -> WalkResult {
        if (isa<memref::AllocaOp>(op) &&
            op->getParentOfType<memref::AllocaScopeOp>() == scope)
          return WalkResult::interrupt();
        return WalkResult::advance();
      });
  return result.wasInterrupted();
}

struct InlineAllocaScopesPass
    : public qnn::impl::InlineAllocaScopesBase<InlineAllocaScopesPass> {
  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    // Post-order: inner scopes first.
    getOperation()->walk(
        [&](memref::AllocaScopeOp op) { scopes.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (memref::AllocaScopeOp scope : scopes) {
      if (allocates(scope) || !scope.getBodyRegion().hasOneBlock())
        continue;
      Block &body = scope.getBodyRegion().front();
      auto ret = cast<memref::AllocaScopeReturnOp>(body.getTerminator());
      SmallVector<Value> results(ret.getResults());
      rewriter.eraseOp(ret);
      rewriter.inlineBlockBefore(&body, scope);
      rewriter.replaceOp(scope, results);
    }
  }
};

} // namespace
