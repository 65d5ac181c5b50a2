//===- LowerObservers.cpp - qnn.observe to calls of the runtime -----------===//
//
// qnn-lower-observers: every qnn.observe becomes a call of the calibration
// runtime (include/qnn-c/calibration.h) with a contiguous copy of the
// observed tensor, and then the identity (rule N22):
//
//   %buf = memref.alloc() : memref<...xf32>
//   bufferization.materialize_in_destination %x in restrict writable %buf
//   %p = memref.extract_aligned_pointer_as_index %buf
//   func.call @qnn_observe(%id, %p as i64, %numel) : (i64, i64, i64) -> ()
//
// The buffer is left to the buffer deallocation pipeline (qnn-to-llvm runs
// it), which frees it after the call.
//
// The data pointer travels as an i64, which the x86-64 System V and
// AArch64 C conventions pass exactly as a `const float *`.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNLOWEROBSERVERS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

constexpr llvm::StringLiteral kObserveFn = "qnn_observe";

struct LowerObserversPass
    : public qnn::impl::QNNLowerObserversBase<LowerObserversPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<ObserveOp> observers;
    module.walk([&](ObserveOp op) { observers.push_back(op); });
    if (observers.empty())
      return;
    for (ObserveOp op : observers) {
      auto type = cast<RankedTensorType>(op.getInput().getType());
      if (!type.hasStaticShape()) {
        op.emitOpError() << "observes a tensor of dynamic shape " << type
                         << "; the calibration runtime needs static shapes";
        return signalPassFailure();
      }
    }
    OpBuilder b(&getContext());
    Type i64 = b.getI64Type();
    auto fnType = b.getFunctionType({i64, i64, i64}, {});
    auto fn = module.lookupSymbol<func::FuncOp>(kObserveFn);
    if (fn && fn.getFunctionType() != fnType) {
      fn.emitOpError() << "is named " << kObserveFn
                       << ", the calibration runtime's entry point, but has "
                          "type "
                       << fn.getFunctionType() << " instead of " << fnType;
      return signalPassFailure();
    }
    if (!fn) {
      b.setInsertionPointToStart(module.getBody());
      fn = func::FuncOp::create(b, module.getLoc(), kObserveFn, fnType);
      fn.setPrivate();
    }
    IRRewriter rewriter(&getContext());
    for (ObserveOp op : observers) {
      Location loc = op.getLoc();
      rewriter.setInsertionPoint(op);
      auto type = cast<RankedTensorType>(op.getInput().getType());
      auto memType = MemRefType::get(type.getShape(), type.getElementType());
      Value buf = memref::AllocOp::create(rewriter, loc, memType);
      auto copy = bufferization::MaterializeInDestinationOp::create(
          rewriter, loc, op.getInput(), buf);
      copy.setWritable(true);
      copy.setRestrict(true);
      Value ptr =
          memref::ExtractAlignedPointerAsIndexOp::create(rewriter, loc, buf);
      Value ptr64 = arith::IndexCastOp::create(rewriter, loc, i64, ptr);
      Value id = arith::ConstantIntOp::create(rewriter, loc, i64,
                                              op.getId());
      Value n = arith::ConstantIntOp::create(rewriter, loc, i64,
                                             type.getNumElements());
      func::CallOp::create(rewriter, loc, fn, ValueRange{id, ptr64, n});
      rewriter.replaceOp(op, op.getInput());
    }
  }
};

} // namespace
