//===- DistinctResults.cpp - one tensor per function result ---------------===//

#include "qnn/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_DISTINCTRESULTS
#include "qnn/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {

struct DistinctResultsPass
    : public qnn::impl::DistinctResultsBase<DistinctResultsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([&](func::ReturnOp ret) {
      DenseSet<Value> seen;
      OpBuilder b(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value v = operand.get();
        auto type = dyn_cast<RankedTensorType>(v.getType());
        if (!type || seen.insert(v).second)
          continue;
        auto copy = bufferization::AllocTensorOp::create(
            b, ret.getLoc(), type, ValueRange{}, /*copy=*/v);
        operand.set(copy);
      }
    });
  }
};

} // namespace
