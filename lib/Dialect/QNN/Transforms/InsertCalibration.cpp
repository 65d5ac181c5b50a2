//===- InsertCalibration.cpp - observers on quantizable activations -------===//
//
// qnn-insert-calibration: a qnn.observe after every f32 activation that
// quantization will need a range for: each f32 tensor argument of a
// function with a body, and each f32 tensor result of an op that computes
// new values. Not observed: constants and what is computed from constants
// only, and the results of ops that only move values (tosa.reshape,
// tosa.transpose, tosa.slice, tosa.concat, tensor ops, qnn.observe): their
// range is their inputs'. Ids count up from one above the module's largest
// existing id in walk order, so the same module always gets the same ids;
// values already observed are left alone. Each observer is named after its
// value's producer: the name of a NameLoc (the ONNX tensor the importer
// records; for arguments, their own location), else "arg<N>" of the
// function or "<op name>#<N>".
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNINSERTCALIBRATION
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

bool isF32Tensor(Type t) {
  auto type = dyn_cast<RankedTensorType>(t);
  return type && type.getElementType().isF32();
}

/// Ops whose results hold values of their inputs only.
bool movesValues(Operation *op) {
  return isa<tosa::ReshapeOp, tosa::TransposeOp, tosa::SliceOp,
             tosa::ConcatOp, ObserveOp>(op) ||
         op->getDialect()->getNamespace() == "tensor";
}

/// True when every operand is (transitively) computed from constants.
bool isConstantExpression(Operation *op, DenseMap<Operation *, bool> &memo) {
  if (auto it = memo.find(op); it != memo.end())
    return it->second;
  bool result = true;
  if (!op->hasTrait<OpTrait::ConstantLike>()) {
    if (op->getNumOperands() == 0 || op->getNumRegions() != 0)
      result = false;
    for (Value v : op->getOperands()) {
      Operation *def = v.getDefiningOp();
      if (!def || !isConstantExpression(def, memo)) {
        result = false;
        break;
      }
    }
  }
  memo[op] = result;
  return result;
}

struct InsertCalibrationPass
    : public qnn::impl::QNNInsertCalibrationBase<InsertCalibrationPass> {
  using Base::Base;

  void runOnOperation() override {
    Operation *root = getOperation();
    int64_t next = 0;
    DenseSet<Value> observed;
    root->walk([&](ObserveOp op) {
      next = std::max<int64_t>(next, static_cast<int64_t>(op.getId()) + 1);
      observed.insert(op.getInput());
    });
    DenseMap<Operation *, bool> memo;
    llvm::StringMap<int64_t> opCounts;
    OpBuilder b(&getContext());
    auto observe = [&](Value v, Location loc, StringRef name) {
      if (!isF32Tensor(v.getType()) || observed.contains(v) || v.use_empty())
        return;
      observed.insert(v);
      auto op = ObserveOp::create(b, loc, v.getType(), v, next++,
                                  b.getStringAttr(name));
      v.replaceAllUsesExcept(op.getResult(), op);
    };
    root->walk([&](func::FuncOp fn) {
      if (fn.isExternal())
        return;
      b.setInsertionPointToStart(&fn.getBody().front());
      for (BlockArgument arg : fn.getArguments()) {
        std::string name = getLocName(arg.getLoc());
        observe(arg, arg.getLoc(),
                name.empty() ? "arg" + std::to_string(arg.getArgNumber())
                             : name);
      }
      fn.walk([&](Operation *op) {
        if (op->getNumResults() == 0 || movesValues(op) ||
            isa<func::FuncOp>(op) || isConstantExpression(op, memo))
          return;
        // Only the results of ops directly in a function body: values
        // inside regions (a linalg.generic's body) are scalars.
        if (op->getParentOp() != fn.getOperation())
          return;
        int64_t n = opCounts[op->getName().getStringRef()]++;
        std::string name = getLocName(op->getLoc());
        if (name.empty())
          name = op->getName().getStringRef().str() + "#" + std::to_string(n);
        b.setInsertionPointAfter(op);
        for (auto [i, r] : llvm::enumerate(op->getResults()))
          observe(r, op->getLoc(),
                  op->getNumResults() == 1 ? name
                                           : name + ":" + std::to_string(i));
      });
    });
  }
};

} // namespace

std::string mlir::qnn::getLocName(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location l : fused.getLocations())
      if (std::string n = getLocName(l); !n.empty())
        return n;
  if (auto callsite = dyn_cast<CallSiteLoc>(loc))
    return getLocName(callsite.getCallee());
  return "";
}
