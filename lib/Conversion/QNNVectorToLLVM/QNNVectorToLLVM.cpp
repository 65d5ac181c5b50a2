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
/// Operands are widened through i16 and products summed in pairs, then the
/// pairs in pairs: the shape from which LLVM's x86 backend forms `vpmaddwd`
/// (i16 x i16 pair sums into i32; both factors fit i16, so no saturation,
/// unlike `vpmaddubsw`) on AVX2 and AVX-512 targets without VNNI.
Value emitGenericDot(OpBuilder &b, Location loc, qnn::DotU8I8Op op) {
  auto i16x64 = VectorType::get({64}, b.getI16Type());
  auto i32x64 = VectorType::get({64}, b.getI32Type());
  Value l = arith::ExtSIOp::create(
      b, loc, i32x64, arith::ExtUIOp::create(b, loc, i16x64, op.getLhs()));
  Value r = arith::ExtSIOp::create(
      b, loc, i32x64, arith::ExtSIOp::create(b, loc, i16x64, op.getRhs()));
  Value prod = arith::MulIOp::create(b, loc, l, r);
  // Sums of adjacent elements: v[2i] + v[2i+1].
  auto pairSums = [&](Value v, int64_t n) {
    SmallVector<int64_t> even, odd;
    for (int64_t i = 0; i < n / 2; ++i) {
      even.push_back(2 * i);
      odd.push_back(2 * i + 1);
    }
    Value e = vector::ShuffleOp::create(b, loc, v, v, even);
    Value o = vector::ShuffleOp::create(b, loc, v, v, odd);
    return arith::AddIOp::create(b, loc, e, o).getResult();
  };
  Value quads = pairSums(pairSums(prod, 64), 32);
  return arith::AddIOp::create(b, loc, op.getAcc(), quads);
}

/// A byte lookup without VBMI: result[j] = table[idx[j] & (size - 1)], one
/// dynamic extract per byte.
Value emitGenericLookup(OpBuilder &b, Location loc, Value table, int64_t size,
                        Value idx) {
  auto type = cast<VectorType>(idx.getType());
  Value out = arith::ConstantOp::create(b, loc, b.getZeroAttr(type));
  Value mask = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(
                                                     static_cast<int8_t>(size - 1)));
  for (int64_t j = 0; j < type.getNumElements(); ++j) {
    Value i = vector::ExtractOp::create(b, loc, idx, ArrayRef<int64_t>{j});
    i = arith::AndIOp::create(b, loc, i, mask);
    i = arith::IndexCastUIOp::create(b, loc, b.getIndexType(), i);
    Value v = vector::ExtractOp::create(b, loc, table, ArrayRef<OpFoldResult>{i});
    out = vector::InsertOp::create(b, loc, v, out, ArrayRef<int64_t>{j});
  }
  return out;
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
    bool vbmi = qnn::hasTargetFeature(targetFeatures, "+avx512vbmi");
    SmallVector<Operation *> lookups;
    getOperation()->walk([&](Operation *op) {
      if (isa<qnn::PermuteBytesOp, qnn::PermuteBytes2Op>(op))
        lookups.push_back(op);
    });
    for (Operation *op : lookups) {
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      Type type = op->getResult(0).getType();
      Value r;
      if (auto p = dyn_cast<qnn::PermuteBytesOp>(op)) {
        r = vbmi ? LLVM::CallIntrinsicOp::create(
                       rewriter, loc, type,
                       rewriter.getStringAttr("llvm.x86.avx512.permvar.qi.512"),
                       ValueRange{p.getTable(), p.getIndices()})
                       .getResult(0)
                 : emitGenericLookup(rewriter, loc, p.getTable(), 64,
                                     p.getIndices());
      } else {
        auto p2 = cast<qnn::PermuteBytes2Op>(op);
        if (vbmi) {
          r = LLVM::CallIntrinsicOp::create(
                  rewriter, loc, type,
                  rewriter.getStringAttr("llvm.x86.avx512.vpermi2var.qi.512"),
                  ValueRange{p2.getLo(), p2.getIndices(), p2.getHi()})
                  .getResult(0);
        } else {
          SmallVector<int64_t> all(128);
          for (int64_t i = 0; i < 128; ++i)
            all[i] = i;
          Value both = vector::ShuffleOp::create(rewriter, loc, p2.getLo(),
                                                 p2.getHi(), all);
          r = emitGenericLookup(rewriter, loc, both, 128, p2.getIndices());
        }
      }
      rewriter.replaceOp(op, r);
    }
  }
};
} // namespace
