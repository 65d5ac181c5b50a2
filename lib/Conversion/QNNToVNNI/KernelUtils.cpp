//===- KernelUtils.cpp - Loop-nest helpers shared by qnn's kernels --------===//

#include "KernelUtils.h"

#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;

namespace mlir::qnn::kernel {

/// Integer values behind a constant operand, seen through `quant.scast` or,
/// for weights narrower than 8 bits held one per byte, `qnn.container_cast`
/// of a byte constant (rule N1.4).
DenseIntElementsAttr getConstantInts(Value v) {
  if (auto cast = v.getDefiningOp<quant::StorageCastOp>())
    v = cast.getInput();
  else if (auto cast = v.getDefiningOp<ContainerCastOp>())
    if (cast.getInput().getType().getElementType().isInteger(8))
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

/// Plans rule N6 for `n` output channels (M[c] = s_x * s_w[c] / s_y) and
/// materializes the per-channel plan values as constants of `width`
/// (a multiple of the kernel's lanes), padded with zeros: multiplier, left and right
/// shift in fixed-point mode or the f32 multiplier in float mode, then the
/// zero point. Errors are reported on `op`.
Value emitTileNest(KernelBuilder &e, const ConvShape &s, Value out, Span rows,
                   Span cols, int64_t mr, int64_t nr, int64_t fullBlocks,
                   int64_t blocks, TileBody tile, BlockPrepare prepare) {
  auto phase = [&](Value o, int64_t bBegin, int64_t bEnd, int64_t step,
                   bool ragged) {
    return emitLoop(e, bBegin, bEnd, step, ValueRange{o},
                    [&](KernelBuilder &e1, Value nb0, ValueRange o1) {
      Value scratch = prepare ? prepare(e1, nb0, step) : Value();
      return emitLoop(e1, rows.begin, rows.end, 1, o1,
                      [&](KernelBuilder &e2, Value row, ValueRange o2) {
        std::pair<Value, Value> nh = splitRow(e2, s, row);
        Value outRow = arith::SubIOp::create(e2.b, e2.loc, row, rows.base);
        return emitLoop(e2, cols.begin, cols.end, mr, o2,
                        [&](KernelBuilder &e3, Value ow0, ValueRange o3) {
          Value outCol = arith::SubIOp::create(e3.b, e3.loc, ow0, cols.base);
          TilePos pos{nh.first, nh.second, ow0, outRow, outCol, nb0, scratch};
          return SmallVector<Value>{tile(e3, o3[0], pos, mr, step, ragged)};
        });
      });
    })[0];
  };
  int64_t main = fullBlocks / nr * nr;
  out = phase(out, 0, main, nr, false);
  out = phase(out, main, fullBlocks, 1, false);
  return phase(out, fullBlocks, blocks, 1, true);
}

Value emitOutputTiles(KernelBuilder &e, Value out, int64_t threads,
                      int64_t rowCount, int64_t columns, int64_t mr,
                      ChannelsBody emitChannels) {
  int64_t main = columns / mr * mr, rest = columns - main;
  Value zero = e.index(0);
  Span allRows{zero, e.index(rowCount), zero};
  Span mainCols{zero, e.index(main), zero};
  Span restCols{e.index(main), e.index(columns), zero};
  if (threads > 1 && rowCount >= threads) {
    // Threads take contiguous bands of output rows.
    return emitParallel(e, out, threads, rowCount, 1, 0,
                        [&](KernelBuilder &pe, Value slice, Value lo, Value hi) {
      Span rows{lo, hi, lo};
      slice = emitChannels(pe, slice, rows, mainCols, mr);
      return rest ? emitChannels(pe, slice, rows, restCols, rest) : slice;
    });
  }
  if (threads > 1 && main / mr >= threads) {
    // One output row: threads take bands of column tiles; the remainder
    // tile follows on one thread.
    out = emitParallel(e, out, threads, main / mr, mr, 1,
                       [&](KernelBuilder &pe, Value slice, Value lo, Value hi) {
      return emitChannels(pe, slice, allRows, Span{lo, hi, lo}, mr);
    });
  } else {
    out = emitChannels(e, out, allRows, mainCols, mr);
  }
  return rest ? emitChannels(e, out, allRows, restCols, rest) : out;
}

LogicalResult planEpilogue(KernelBuilder &e, Operation *op, RequantMode mode,
                           const QuantParams &x, const QuantParams &w,
                           const QuantParams &y, Activation activation,
                           int64_t n, int64_t width, RequantPlan &plan,
                           SmallVector<Value> &requant) {
  SmallVector<double> m;
  SmallVector<float> mf;
  for (int64_t c = 0; c < (w.isPerTensor() ? 1 : n); ++c) {
    m.push_back(x.scale(0) * w.scale(c) / y.scale(0));
    mf.push_back(productFloatMultiplier(x.scale(0), w.scale(c), y.scale(0)));
  }
  FailureOr<RequantPlan> planned = planRequant(op, m, y, activation, mf);
  if (failed(planned))
    return failure();
  plan = *planned;
  auto perChannel = [&](auto values, auto zero, Type elt) {
    SmallVector<decltype(zero)> padded(width, zero);
    for (int64_t c = 0; c < n; ++c)
      padded[c] = static_cast<decltype(zero)>(
          values[values.size() == 1 ? 0 : c]);
    return e.tensorConstant(ArrayRef<decltype(zero)>(padded), elt, {width});
  };
  Type i32 = e.b.getI32Type();
  if (mode == RequantMode::FixedPoint)
    requant = {perChannel(ArrayRef<int64_t>(plan.multiplier), int32_t(0), i32),
               perChannel(ArrayRef<int64_t>(plan.leftShift), int32_t(0), i32),
               perChannel(ArrayRef<int64_t>(plan.rightShift), int32_t(0), i32)};
  else
    requant = {perChannel(ArrayRef<float>(plan.floatMultiplier), 0.0f,
                          e.b.getF32Type())};
  requant.push_back(
      perChannel(ArrayRef<int64_t>(plan.zeroPoint), int32_t(0), i32));
  return success();
}

/// Requantizes the accumulators `acc` (a vector of L i32 lanes) of
/// channels col .. col + L - 1 (rule N6, plan values read from the
/// per-channel `requant` vectors) and stores them at out[pixel..., col];
/// `ragged` > 0 stores only that many channels. Returns the new `out`.
Value emitEpilogue(KernelBuilder &e, RequantMode mode, const RequantPlan &plan,
                   ArrayRef<Value> requant, Value acc, Value out,
                   ArrayRef<Value> pixel, Value col, int64_t ragged) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  int64_t lanes = cast<VectorType>(acc.getType()).getNumElements();
  SmallVector<Value> args;
  for (Value t : requant) {
    Type elt = cast<RankedTensorType>(t.getType()).getElementType();
    Value pad = elt.isF32()
                    ? arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0))
                          .getResult()
                    : arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0))
                          .getResult();
    args.push_back(e.read(VectorType::get({lanes}, elt), t, {col}, pad));
  }
  Value y = emitRequantize(b, loc, mode, acc, args, plan);
  SmallVector<Value> indices(pixel);
  indices.push_back(col);
  if (ragged == 0)
    return vector::TransferWriteOp::create(b, loc, y, out, indices,
                                           ArrayRef<bool>{true})
        .getResult();
  // The ragged last block goes through a lanes-element temporary. (A masked
  // store would do, but LLVM 22's x86 backend widens a one-lane masked byte
  // store to a 4-byte vmovd, writing past the row.)
  Type container = cast<VectorType>(y.getType()).getElementType();
  Value tmp = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{lanes},
                                      container);
  tmp = vector::TransferWriteOp::create(b, loc, y, tmp, {e.index(0)},
                                        ArrayRef<bool>{true})
            .getResult();
  Value part = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({ragged}, container), tmp, ValueRange{},
      ValueRange{}, ValueRange{}, ArrayRef<int64_t>{0},
      ArrayRef<int64_t>{ragged}, ArrayRef<int64_t>{1});
  int64_t rank = indices.size(), dyn = ShapedType::kDynamic;
  SmallVector<int64_t> sizes(rank, 1), strides(rank, 1);
  sizes.back() = ragged;
  return tensor::InsertSliceOp::create(
      b, loc, part, out, indices, ValueRange{}, ValueRange{},
      SmallVector<int64_t>(rank, dyn), sizes, strides);
}


} // namespace mlir::qnn::kernel
