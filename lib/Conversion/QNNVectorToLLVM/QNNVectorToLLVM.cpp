//===- QNNVectorToLLVM.cpp - qnn vector ops to LLVM intrinsics ------------===//

#include "qnn/Conversion/QNNVectorToLLVM/QNNVectorToLLVM.h"
#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_CONVERTQNNVECTORTOLLVM
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;

namespace {
/// vpdpbusd in portable vector arithmetic: lane i adds the four products
/// zext(lhs[4i+t]) * sext(rhs[4i+t]), with wrap-around i32 arithmetic.
Value emitGenericDot(OpBuilder &b, Location loc, qnn::DotU8I8Op op) {
  auto wide = VectorType::get({64}, b.getI32Type());
  Value l = arith::ExtUIOp::create(b, loc, wide, op.getLhs());
  Value r = arith::ExtSIOp::create(b, loc, wide, op.getRhs());
  Value prod = arith::MulIOp::create(b, loc, l, r);
  Value sum = op.getAcc();
  for (int64_t t = 0; t < 4; ++t) {
    SmallVector<int64_t> lanes;
    for (int64_t i = 0; i < 16; ++i)
      lanes.push_back(4 * i + t);
    Value part = vector::ShuffleOp::create(b, loc, prod, prod, lanes);
    sum = arith::AddIOp::create(b, loc, sum, part);
  }
  return sum;
}

struct ConvertQNNVectorToLLVMPass
    : public qnn::impl::ConvertQNNVectorToLLVMBase<ConvertQNNVectorToLLVMPass> {
  using ConvertQNNVectorToLLVMBase::ConvertQNNVectorToLLVMBase;

  void runOnOperation() override {
    bool vnni = qnn::hasTargetFeature(targetFeatures, "+avx512vnni");
    SmallVector<qnn::DotU8I8Op> dots;
    getOperation()->walk([&](qnn::DotU8I8Op op) { dots.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (qnn::DotU8I8Op op : dots) {
      rewriter.setInsertionPoint(op);
      if (!vnni) {
        rewriter.replaceOp(op, emitGenericDot(rewriter, op.getLoc(), op));
        continue;
      }
      auto call = LLVM::CallIntrinsicOp::create(
          rewriter, op.getLoc(), op.getType(),
          rewriter.getStringAttr("llvm.x86.avx512.vpdpbusd.512"),
          ValueRange{op.getAcc(), op.getLhs(), op.getRhs()});
      rewriter.replaceOp(op, call->getResults());
    }
  }
};
} // namespace
