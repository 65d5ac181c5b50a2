//===- QNNVectorToLLVM.cpp - qnn vector ops to LLVM intrinsics ------------===//

#include "qnn/Conversion/QNNVectorToLLVM/QNNVectorToLLVM.h"
#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_CONVERTQNNVECTORTOLLVM
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {
struct ConvertQNNVectorToLLVMPass
    : public qnn::impl::ConvertQNNVectorToLLVMBase<ConvertQNNVectorToLLVMPass> {
  void runOnOperation() override {
    SmallVector<qnn::DotU8I8Op> dots;
    getOperation()->walk([&](qnn::DotU8I8Op op) { dots.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (qnn::DotU8I8Op op : dots) {
      rewriter.setInsertionPoint(op);
      auto call = LLVM::CallIntrinsicOp::create(
          rewriter, op.getLoc(), op.getType(),
          rewriter.getStringAttr("llvm.x86.avx512.vpdpbusd.512"),
          ValueRange{op.getAcc(), op.getLhs(), op.getRhs()});
      rewriter.replaceOp(op, call->getResults());
    }
  }
};
} // namespace
