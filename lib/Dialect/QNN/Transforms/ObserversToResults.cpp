//===- ObserversToResults.cpp - observed values as function results -------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNOBSERVERSTORESULTS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

struct ObserversToResultsPass
    : public qnn::impl::QNNObserversToResultsBase<ObserversToResultsPass> {
  using Base::Base;

  void runOnOperation() override {
    getOperation().walk([&](func::FuncOp fn) {
      if (fn.isExternal())
        return;
      SmallVector<ObserveOp> observers;
      for (Operation &op : fn.getBody().front())
        if (auto o = dyn_cast<ObserveOp>(op))
          observers.push_back(o);
      if (observers.empty())
        return;
      llvm::stable_sort(observers, [](ObserveOp a, ObserveOp b) {
        return a.getId() < b.getId();
      });
      auto ret = cast<func::ReturnOp>(fn.getBody().front().getTerminator());
      SmallVector<Value> results(ret.getOperands());
      SmallVector<Type> types(fn.getFunctionType().getResults());
      for (ObserveOp o : observers) {
        results.push_back(o.getResult());
        types.push_back(o.getType());
      }
      ret->setOperands(results);
      fn.setType(FunctionType::get(&getContext(),
                                   fn.getFunctionType().getInputs(), types));
    });
  }
};

} // namespace
