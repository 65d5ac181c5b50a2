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
/// pairs in pairs: any target compiles it (x86 targets without AVX2 among
/// them; those with AVX2 take emitMaddDot).
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

/// AVX2 code on 64-byte operands: `fn` on the low 32 bytes of `x` and `y`,
/// then on the high 32, and the two results (vectors of one type)
/// concatenated.
Value onYmmHalves(OpBuilder &b, Location loc, Value x, Value y,
                  function_ref<Value(Value, Value)> fn) {
  SmallVector<int64_t> lo(32), hi(32);
  for (int64_t i = 0; i < 32; ++i)
    lo[i] = i, hi[i] = 32 + i;
  auto half = [&](ArrayRef<int64_t> sel) {
    Value xs = vector::ShuffleOp::create(b, loc, x, x, sel);
    Value ys = vector::ShuffleOp::create(b, loc, y, y, sel);
    return fn(xs, ys);
  };
  Value l = half(lo), h = half(hi);
  int64_t n = cast<VectorType>(l.getType()).getNumElements();
  SmallVector<int64_t> all(2 * n);
  for (int64_t i = 0; i < 2 * n; ++i)
    all[i] = i;
  return vector::ShuffleOp::create(b, loc, l, h, all);
}

/// qnn.dot_u8i8 with `vpmaddubsw` and `vpmaddwd`: on one zmm register
/// (AVX512BW) or two ymm halves (AVX2). vpmaddubsw sums the u8 x s8 products
/// of each byte pair into i16 with saturation, and vpmaddwd against ones
/// sums adjacent i16 into the i32 lanes: lane i gets bytes 4i .. 4i+3, the
/// order of vpdpbusd. Exact: with `narrow_rhs` no pair sum leaves i16 (the
/// op's promise); otherwise lhs is split into lhs & 0x7f and lhs & 0x80,
/// whose pair sums are within [-32768, 32512] for any s8 rhs, and the two
/// i32 results are added.
Value emitMaddDot(OpBuilder &b, Location loc, qnn::DotU8I8Op op,
                  bool avx512bw) {
  Type i8 = b.getI8Type(), i16 = b.getI16Type(), i32 = b.getI32Type();
  int64_t bytes = avx512bw ? 64 : 32;
  StringRef ubsw = avx512bw ? "llvm.x86.avx512.pmaddubs.w.512"
                            : "llvm.x86.avx2.pmadd.ub.sw";
  StringRef wd = avx512bw ? "llvm.x86.avx512.pmaddw.d.512"
                          : "llvm.x86.avx2.pmadd.wd";
  auto bType = VectorType::get({bytes}, i8);
  auto wType = VectorType::get({bytes / 2}, i16);
  auto dType = VectorType::get({bytes / 4}, i32);
  Value ones = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(wType, APInt(16, 1)));
  auto call = [&](Type type, StringRef name, Value x, Value y) {
    return LLVM::CallIntrinsicOp::create(b, loc, type, b.getStringAttr(name),
                                         ValueRange{x, y})
        .getResult(0);
  };
  // One register's worth: the i32 sums of u (unsigned) x s (signed).
  auto quads = [&](Value u, Value s) {
    return call(dType, wd, call(wType, ubsw, u, s), ones);
  };
  auto part = [&](Value u, Value s) {
    if (op.getNarrowRhs())
      return quads(u, s);
    auto mask = [&](uint8_t m) {
      return arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(bType, APInt(8, m)));
    };
    Value lo = arith::AndIOp::create(b, loc, u, mask(0x7f));
    Value hi = arith::AndIOp::create(b, loc, u, mask(0x80));
    return arith::AddIOp::create(b, loc, quads(lo, s), quads(hi, s))
        .getResult();
  };
  Value sum = avx512bw ? part(op.getLhs(), op.getRhs())
                       : onYmmHalves(b, loc, op.getLhs(), op.getRhs(), part);
  return arith::AddIOp::create(b, loc, op.getAcc(), sum);
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

/// vpshufb on 64 bytes: result[j] = tables[16 (j / 16) + (idx[j] & 15)],
/// each 16-byte lane with its own table (indices masked to 4 bits, so that
/// bit 7 never zeroes a byte), on one zmm (AVX512BW) or two ymm (AVX2);
/// else the generic lookup.
Value emitLaneLookup16(OpBuilder &b, Location loc, Value tables, Value idx,
                       bool avx512bw, bool avx2) {
  auto v64 = cast<VectorType>(idx.getType());
  Value mask = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(v64, APInt(8, 15)));
  idx = arith::AndIOp::create(b, loc, idx, mask);
  if (!avx512bw && !avx2) {
    SmallVector<APInt> lane;
    for (int64_t j = 0; j < 64; ++j)
      lane.push_back(APInt(8, 16 * (j / 16)));
    Value off =
        arith::ConstantOp::create(b, loc, DenseElementsAttr::get(v64, lane));
    return emitGenericLookup(b, loc, tables,
                             64, arith::OrIOp::create(b, loc, idx, off));
  }
  if (avx512bw)
    return LLVM::CallIntrinsicOp::create(
               b, loc, v64, b.getStringAttr("llvm.x86.avx512.pshuf.b.512"),
               ValueRange{tables, idx})
        .getResult(0);
  auto v32 = VectorType::get({32}, b.getI8Type());
  return onYmmHalves(b, loc, tables, idx, [&](Value t, Value part) {
    return LLVM::CallIntrinsicOp::create(
               b, loc, v32, b.getStringAttr("llvm.x86.avx2.pshuf.b"),
               ValueRange{t, part})
        .getResult(0);
  });
}

/// qnn.lookup16: the table in every 128-bit lane, then the lane lookup.
Value emitLookup16(OpBuilder &b, Location loc, Value table, Value idx,
                   bool avx512bw, bool avx2) {
  if (!avx512bw && !avx2)
    return emitGenericLookup(b, loc, table, 16, idx);
  SmallVector<int64_t> rep(64);
  for (int64_t i = 0; i < 64; ++i)
    rep[i] = i % 16;
  Value wide = vector::ShuffleOp::create(b, loc, table, table, rep);
  return emitLaneLookup16(b, loc, wide, idx, avx512bw, avx2);
}

struct ConvertQNNVectorToLLVMPass
    : public qnn::impl::ConvertQNNVectorToLLVMBase<ConvertQNNVectorToLLVMPass> {
  using ConvertQNNVectorToLLVMBase::ConvertQNNVectorToLLVMBase;

  void runOnOperation() override {
    bool vnni = qnn::hasTargetFeature(targetFeatures, "+avx512vnni");
    bool avx512bw = qnn::hasTargetFeature(targetFeatures, "+avx512bw");
    bool avx2 = qnn::hasTargetFeature(targetFeatures, "+avx2");
    SmallVector<qnn::DotU8I8Op> dots;
    getOperation()->walk([&](qnn::DotU8I8Op op) { dots.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (qnn::DotU8I8Op op : dots) {
      rewriter.setInsertionPoint(op);
      if (!vnni) {
        rewriter.replaceOp(op, avx512bw || avx2
                                   ? emitMaddDot(rewriter, op.getLoc(), op,
                                                 avx512bw)
                                   : emitGenericDot(rewriter, op.getLoc(), op));
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
      if (isa<qnn::PermuteBytesOp, qnn::PermuteBytes2Op, qnn::Lookup16Op,
              qnn::LaneLookup16Op>(op))
        lookups.push_back(op);
    });
    for (Operation *op : lookups) {
      rewriter.setInsertionPoint(op);
      Location loc = op->getLoc();
      Type type = op->getResult(0).getType();
      Value r;
      if (auto l = dyn_cast<qnn::Lookup16Op>(op)) {
        r = emitLookup16(rewriter, loc, l.getTable(), l.getIndices(), avx512bw,
                         avx2);
      } else if (auto l = dyn_cast<qnn::LaneLookup16Op>(op)) {
        r = emitLaneLookup16(rewriter, loc, l.getTables(), l.getIndices(),
                             avx512bw, avx2);
      } else if (auto p = dyn_cast<qnn::PermuteBytesOp>(op)) {
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
