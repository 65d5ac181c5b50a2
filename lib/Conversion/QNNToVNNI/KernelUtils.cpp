//===- KernelUtils.cpp - Loop-nest helpers shared by qnn's kernels --------===//

#include "KernelUtils.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace mlir::qnn::kernel {

/// Integer values behind a constant operand, seen through `quant.scast`.
DenseIntElementsAttr getConstantInts(Value v) {
  if (auto cast = v.getDefiningOp<quant::StorageCastOp>())
    v = cast.getInput();
  auto cst = v.getDefiningOp<arith::ConstantOp>();
  if (!cst)
    return {};
  return dyn_cast<DenseIntElementsAttr>(cst.getValue());
}

SmallVector<Value> emitLoop(KernelBuilder &e, Value begin, Value end,
                            int64_t step, ValueRange iters, LoopBody body) {
  std::optional<int64_t> lo = getConstantIntValue(begin);
  std::optional<int64_t> hi = getConstantIntValue(end);
  if (lo && hi && *lo >= *hi)
    return SmallVector<Value>(iters);
  if (lo && hi && *lo + step >= *hi)
    return body(e, begin, iters);
  auto loop = scf::ForOp::create(
      e.b, e.loc, begin, end, e.index(step), iters,
      [&](OpBuilder &nb, Location nl, Value iv, ValueRange it) {
        KernelBuilder inner{nb, nl};
        scf::YieldOp::create(nb, nl, body(inner, iv, it));
      });
  return SmallVector<Value>(loop.getResults());
}

SmallVector<Value> emitLoop(KernelBuilder &e, int64_t begin, int64_t end,
                            int64_t step, ValueRange iters, LoopBody body) {
  return emitLoop(e, e.index(begin), e.index(end), step, iters, body);
}

std::pair<Value, Value> splitRow(KernelBuilder &e, const ConvShape &s,
                                 Value row) {
  if (s.outH == 1)
    return {row, e.index(0)};
  if (s.batch == 1)
    return {e.index(0), row};
  Value h = e.index(s.outH);
  return {arith::DivUIOp::create(e.b, e.loc, row, h),
          arith::RemUIOp::create(e.b, e.loc, row, h)};
}

Value emitParallel(
    KernelBuilder &e, Value out, int64_t parts, int64_t units,
    int64_t unitSize, unsigned dim,
    function_ref<Value(KernelBuilder &, Value, Value, Value)> body) {
  OpBuilder &b = e.b;
  auto type = cast<RankedTensorType>(out.getType());
  auto forall = scf::ForallOp::create(
      b, e.loc, ArrayRef<OpFoldResult>{b.getIndexAttr(parts)},
      ValueRange{out}, std::nullopt);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPoint(forall.getTerminator());
  Value t = forall.getInductionVar(0);
  Value shared = forall.getRegionIterArgs()[0];
  auto bound = [&](Value part) {
    Value u = arith::DivUIOp::create(
        b, e.loc, arith::MulIOp::create(b, e.loc, part, e.index(units)),
        e.index(parts));
    return arith::MulIOp::create(b, e.loc, u, e.index(unitSize)).getResult();
  };
  Value lo = bound(t);
  Value hi = bound(arith::AddIOp::create(b, e.loc, t, e.index(1)));
  Value count = arith::SubIOp::create(b, e.loc, hi, lo);
  SmallVector<OpFoldResult> offsets(3, b.getIndexAttr(0)), strides(3, b.getIndexAttr(1));
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(type.getDimSize(0)),
                                     b.getIndexAttr(type.getDimSize(1)),
                                     b.getIndexAttr(type.getDimSize(2))};
  offsets[dim] = lo;
  sizes[dim] = count;
  Value slice =
      tensor::ExtractSliceOp::create(b, e.loc, shared, offsets, sizes, strides);
  Value result = body(e, slice, lo, hi);
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, e.loc, result, shared, offsets,
                                        sizes, strides);
  return forall.getResult(0);
}

} // namespace mlir::qnn::kernel
