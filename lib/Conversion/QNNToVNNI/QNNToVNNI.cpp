//===- QNNToVNNI.cpp - AVX-512 VNNI kernels for qnn ops -------------------===//
//
// A register-tiled u8 x s8 -> s32 kernel built on `vpdpbusd`. Output rows
// are taken `mr` at a time and output channels in `nr` blocks of 16; each
// step over the inner dimension multiplies 4 input features: one 32-bit
// broadcast of 4 activation bytes per row against one 64-byte vector of
// packed weights per block (16 channels x 4 features).
//
// Numerics (docs/numerics.md, rule N10): the reference accumulates
// bias + sum (x - zx) * w in wrapping i32. Here the sum of x * w is formed by
// vpdpbusd (also wrapping) on top of bias - zx * sum_k w, computed at
// compile time; in the ring of integers mod 2^32 both are the same value, so
// the requantized results agree bit for bit. s8 activations become u8 by
// flipping their top bit, i.e. x + 128 with zx + 128.
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/QNNToVNNI/QNNToVNNI.h"
#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"
#include "qnn/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_CONVERTQNNTOVNNI
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

constexpr int64_t kLanes = 16; // i32 lanes of a zmm register
constexpr int64_t kGroup = 4;  // input features per vpdpbusd lane

/// Integer values behind a constant operand, seen through `quant.scast`.
DenseIntElementsAttr getConstantInts(Value v) {
  if (auto cast = v.getDefiningOp<quant::StorageCastOp>())
    v = cast.getInput();
  auto cst = v.getDefiningOp<arith::ConstantOp>();
  if (!cst)
    return {};
  return dyn_cast<DenseIntElementsAttr>(cst.getValue());
}

/// Everything the loop nest of one fully connected op needs.
struct FcKernel {
  int64_t m = 0, n = 0, k = 0;
  int64_t blocks = 0;     // ceil(N / 16)
  int64_t fullGroups = 0; // K / 4
  bool kTail = false;     // K % 4 != 0
  bool xSigned = false;
  RequantMode mode = RequantMode::FixedPoint;
  RequantPlan plan;
  Type container;
  // Compile-time constant tensors.
  Value packed;               // [blocks, ceil(K/4), 64] i8
  Value bias;                 // [blocks * 16] i32, zero point folded in
  SmallVector<Value> requant; // [blocks * 16] per-channel plan vectors
};

struct KernelBuilder {
  OpBuilder &b;
  Location loc;

  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value mulAdd(Value base, int64_t scale, int64_t offset) {
    Value v = arith::MulIOp::create(b, loc, base, index(scale));
    return arith::AddIOp::create(b, loc, v, index(offset));
  }
  template <typename T>
  Value tensorConstant(ArrayRef<T> values, Type elt, ArrayRef<int64_t> shape) {
    auto type = RankedTensorType::get(shape, elt);
    return arith::ConstantOp::create(b, loc,
                                     DenseElementsAttr::get(type, values));
  }
  Value read(VectorType type, Value source, ValueRange indices, bool inBounds,
             Value padding) {
    return vector::TransferReadOp::create(b, loc, type, source, indices,
                                          padding, ArrayRef<bool>{inBounds});
  }
};

/// The 4 activation bytes x[row, 4g .. 4g+3] broadcast to all 16 lanes, as
/// vpdpbusd's unsigned operand.
Value loadActivations(KernelBuilder &e, const FcKernel &k, Value x, Value row,
                      Value group, bool inBounds) {
  OpBuilder &b = e.b;
  Type i8 = b.getI8Type(), i32 = b.getI32Type();
  Value col = arith::MulIOp::create(b, e.loc, group, e.index(kGroup));
  Value zero = arith::ConstantOp::create(b, e.loc, b.getIntegerAttr(i8, 0));
  Value bytes =
      e.read(VectorType::get({kGroup}, i8), x, {row, col}, inBounds, zero);
  Value word =
      vector::BitCastOp::create(b, e.loc, VectorType::get({1}, i32), bytes);
  Value scalar =
      vector::ExtractOp::create(b, e.loc, word, ArrayRef<int64_t>{0});
  Value splat = vector::BroadcastOp::create(
      b, e.loc, VectorType::get({kLanes}, i32), scalar);
  Value v = vector::BitCastOp::create(
      b, e.loc, VectorType::get({kLanes * kGroup}, i8), splat);
  if (!k.xSigned)
    return v;
  // s8 -> u8: x + 128 is a flip of the top bit.
  auto vt = VectorType::get({kLanes * kGroup}, i8);
  Value flip = arith::ConstantOp::create(
      b, e.loc, DenseElementsAttr::get(vt, APInt(8, 0x80)));
  return arith::XOrIOp::create(b, e.loc, v, flip);
}

/// One step of the inner dimension for an mr x nr block: returns the new
/// accumulators (row-major, mr * nr of them).
SmallVector<Value> emitStep(KernelBuilder &e, const FcKernel &k, Value x,
                            Value m0, Value nb0, Value group, bool inBounds,
                            int64_t mr, int64_t nr, ValueRange accs) {
  OpBuilder &b = e.b;
  Type i8 = b.getI8Type();
  Value zero = arith::ConstantOp::create(b, e.loc, b.getIntegerAttr(i8, 0));
  SmallVector<Value> weights;
  for (int64_t j = 0; j < nr; ++j) {
    Value blk = arith::AddIOp::create(b, e.loc, nb0, e.index(j));
    weights.push_back(e.read(VectorType::get({kLanes * kGroup}, i8), k.packed,
                             {blk, group, e.index(0)}, true, zero));
  }
  SmallVector<Value> next;
  for (int64_t r = 0; r < mr; ++r) {
    Value row = arith::AddIOp::create(b, e.loc, m0, e.index(r));
    Value a = loadActivations(e, k, x, row, group, inBounds);
    for (int64_t j = 0; j < nr; ++j)
      next.push_back(
          DotU8I8Op::create(b, e.loc, accs[r * nr + j], a, weights[j]));
  }
  return next;
}

/// An mr x nr register block at rows m0.. and column blocks nb0..: bias,
/// the loop over the inner dimension, requantization, and the store into
/// `out`, whose new value is returned.
Value emitBlock(KernelBuilder &e, const FcKernel &k, Value x, Value out,
                Value m0, Value nb0, int64_t mr, int64_t nr,
                bool colsInBounds) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  auto accType = VectorType::get({kLanes}, b.getI32Type());
  Value zero32 = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
  SmallVector<Value> cols, accs;
  for (int64_t j = 0; j < nr; ++j)
    cols.push_back(e.mulAdd(nb0, kLanes, j * kLanes));
  for (int64_t r = 0; r < mr; ++r)
    for (int64_t j = 0; j < nr; ++j)
      accs.push_back(e.read(accType, k.bias, {cols[j]}, true, zero32));

  if (k.fullGroups > 0) {
    auto loop = scf::ForOp::create(
        b, loc, e.index(0), e.index(k.fullGroups), e.index(1), accs,
        [&](OpBuilder &nb, Location nl, Value g, ValueRange iter) {
          KernelBuilder inner{nb, nl};
          scf::YieldOp::create(
              nb, nl, emitStep(inner, k, x, m0, nb0, g, true, mr, nr, iter));
        });
    accs.assign(loop.getResults().begin(), loop.getResults().end());
  }
  if (k.kTail)
    accs = emitStep(e, k, x, m0, nb0, e.index(k.fullGroups),
                    /*inBounds=*/false, mr, nr, accs);

  // Epilogue on registers: rule N6 per output channel, then the store.
  for (int64_t r = 0; r < mr; ++r) {
    Value row = arith::AddIOp::create(b, loc, m0, e.index(r));
    for (int64_t j = 0; j < nr; ++j) {
      SmallVector<Value> args;
      for (Value t : k.requant) {
        Type elt = cast<RankedTensorType>(t.getType()).getElementType();
        Value pad =
            elt.isF32()
                ? arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0))
                      .getResult()
                : zero32;
        args.push_back(
            e.read(VectorType::get({kLanes}, elt), t, {cols[j]}, true, pad));
      }
      Value y = emitRequantize(b, loc, k.mode, accs[r * nr + j], args, k.plan);
      if (colsInBounds) {
        out = vector::TransferWriteOp::create(b, loc, y, out, {row, cols[j]},
                                              ArrayRef<bool>{true})
                  .getResult();
        continue;
      }
      // The ragged last block: N % 16 channels go through a 16-element
      // temporary. (A masked store would do, but LLVM 22's x86 backend
      // widens a one-lane masked byte store to a 4-byte vmovd, writing past
      // the row.)
      int64_t rem = k.n % kLanes;
      Value tmp = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{kLanes},
                                          k.container);
      tmp = vector::TransferWriteOp::create(b, loc, y, tmp, {e.index(0)},
                                            ArrayRef<bool>{true})
                .getResult();
      Value part = tensor::ExtractSliceOp::create(
          b, loc, RankedTensorType::get({rem}, k.container), tmp, ValueRange{},
          ValueRange{}, ValueRange{}, ArrayRef<int64_t>{0},
          ArrayRef<int64_t>{rem}, ArrayRef<int64_t>{1});
      out = tensor::InsertSliceOp::create(
          b, loc, part, out, ValueRange{row, cols[j]}, ValueRange{},
          ValueRange{},
          ArrayRef<int64_t>{ShapedType::kDynamic, ShapedType::kDynamic},
          ArrayRef<int64_t>{1, rem}, ArrayRef<int64_t>{1, 1});
    }
  }
  return out;
}

/// Loops over column blocks [bBegin, bEnd) step nr (outer) and rows
/// [mBegin, mEnd) step mr (inner) around emitBlock. Columns outside: the
/// nr blocks of packed weights (K * 64 * nr bytes) stay in cache while every
/// row streams past them.
Value emitTiles(KernelBuilder &e, const FcKernel &k, Value x, Value out,
                int64_t mBegin, int64_t mEnd, int64_t mr, int64_t bBegin,
                int64_t bEnd, int64_t nr, bool colsInBounds) {
  if (mBegin >= mEnd || bBegin >= bEnd)
    return out;
  auto cols = scf::ForOp::create(
      e.b, e.loc, e.index(bBegin), e.index(bEnd), e.index(nr), ValueRange{out},
      [&](OpBuilder &b1, Location l1, Value nb0, ValueRange o1) {
        KernelBuilder e1{b1, l1};
        auto rowsLoop = scf::ForOp::create(
            b1, l1, e1.index(mBegin), e1.index(mEnd), e1.index(mr), o1,
            [&](OpBuilder &b2, Location l2, Value m0, ValueRange o2) {
              KernelBuilder e2{b2, l2};
              scf::YieldOp::create(
                  b2, l2,
                  emitBlock(e2, k, x, o2[0], m0, nb0, mr, nr, colsInBounds));
            });
        scf::YieldOp::create(b1, l1, rowsLoop.getResults());
      });
  return cols.getResult(0);
}

LogicalResult lowerFullyConnected(FullyConnectedOp op, RewriterBase &rewriter,
                                  RequantMode mode) {
  auto config = op->getAttrOfType<DictionaryAttr>(kKernelAttrName);
  auto kind = config ? config.getAs<StringAttr>("kind") : StringAttr();
  if (!kind || kind.getValue() != "vnni512")
    return op.emitOpError() << "unknown kernel in 'qnn.kernel': " << config
                            << " (expected kind = \"vnni512\")";
  auto mrAttr = config.getAs<IntegerAttr>("mr");
  auto nrAttr = config.getAs<IntegerAttr>("nr");
  DenseIntElementsAttr weights = getConstantInts(op.getWeight());
  DenseIntElementsAttr biasValues =
      op.getBias() ? getConstantInts(op.getBias()) : DenseIntElementsAttr();
  QuantParams x = *getQuantParams(op.getInput().getType());
  QuantParams w = *getQuantParams(op.getWeight().getType());
  QuantParams y = *getQuantParams(op.getOutput().getType());
  if (!mrAttr || !nrAttr || mrAttr.getInt() < 1 || nrAttr.getInt() < 1 ||
      !weights || (op.getBias() && !biasValues) || x.width != 8 ||
      w.width != 8 || !w.isSigned || y.width > 16 ||
      llvm::any_of(w.zeroPoints, [](int64_t z) { return z != 0; }))
    return op.emitOpError()
           << "cannot apply the vnni512 kernel chosen in 'qnn.kernel': it "
              "needs 8-bit activations, constant 8-bit signed weights with "
              "zero points 0, a constant bias or none, and a result of at "
              "most 16 bits";

  rewriter.setInsertionPoint(op);
  KernelBuilder e{rewriter, op.getLoc()};
  FcKernel k;
  k.m = op.getInput().getType().getShape()[0];
  k.k = op.getInput().getType().getShape()[1];
  k.n = op.getWeight().getType().getShape()[0];
  k.blocks = (k.n + kLanes - 1) / kLanes;
  k.fullGroups = k.k / kGroup;
  k.kTail = k.k % kGroup != 0;
  int64_t groups = (k.k + kGroup - 1) / kGroup;
  k.xSigned = x.isSigned;
  k.mode = mode;

  // Weights packed [block][group][channel-in-block][feature-in-group].
  SmallVector<int64_t> wv;
  for (const APInt &v : weights.getValues<APInt>())
    wv.push_back(v.getSExtValue());
  SmallVector<int8_t> packed(k.blocks * groups * kLanes * kGroup, 0);
  SmallVector<int32_t> bias(k.blocks * kLanes, 0);
  int64_t zx = x.zeroPoint(0) + (x.isSigned ? 128 : 0);
  for (int64_t n = 0; n < k.n; ++n) {
    uint32_t colSum = 0;
    for (int64_t kk = 0; kk < k.k; ++kk) {
      int64_t v = wv[n * k.k + kk];
      colSum += static_cast<uint32_t>(v);
      int64_t blk = n / kLanes, lane = n % kLanes, g = kk / kGroup,
              t = kk % kGroup;
      packed[((blk * groups + g) * kLanes + lane) * kGroup + t] =
          static_cast<int8_t>(v);
    }
    uint32_t b0 = biasValues
                      ? static_cast<uint32_t>(
                            biasValues.getValues<APInt>()[n].getSExtValue())
                      : 0u;
    // Wrapping i32 arithmetic, as the reference accumulator (see above).
    bias[n] = static_cast<int32_t>(b0 - static_cast<uint32_t>(zx) * colSum);
  }
  Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();
  k.packed = e.tensorConstant(ArrayRef<int8_t>(packed), i8,
                              {k.blocks, groups, kLanes * kGroup});
  k.bias = e.tensorConstant(ArrayRef<int32_t>(bias), i32, {k.blocks * kLanes});

  SmallVector<double> m;
  for (int64_t c = 0; c < (w.isPerTensor() ? 1 : k.n); ++c)
    m.push_back(x.scale(0) * w.scale(c) / y.scale(0));
  FailureOr<RequantPlan> plan = planRequant(op, m, y, op.getActivation());
  if (failed(plan))
    return failure();
  k.plan = *plan;
  auto perChannel = [&](ArrayRef<int64_t> values) {
    SmallVector<int32_t> padded(k.blocks * kLanes, 0);
    for (int64_t c = 0; c < k.n; ++c)
      padded[c] = static_cast<int32_t>(values[values.size() == 1 ? 0 : c]);
    return e.tensorConstant(ArrayRef<int32_t>(padded), i32,
                            {k.blocks * kLanes});
  };
  if (mode == RequantMode::FixedPoint) {
    k.requant = {perChannel(k.plan.multiplier), perChannel(k.plan.leftShift),
                 perChannel(k.plan.rightShift)};
  } else {
    SmallVector<float> padded(k.blocks * kLanes, 0.0f);
    for (int64_t c = 0; c < k.n; ++c)
      padded[c] =
          k.plan.floatMultiplier[k.plan.floatMultiplier.size() == 1 ? 0 : c];
    k.requant = {e.tensorConstant(ArrayRef<float>(padded),
                                  rewriter.getF32Type(), {k.blocks * kLanes})};
  }
  k.requant.push_back(perChannel(k.plan.zeroPoint));

  // Storage views of the operands and the result.
  Value xs = quant::StorageCastOp::create(
      rewriter, e.loc, RankedTensorType::get({k.m, k.k}, i8), op.getInput());
  k.container = getContainerType(rewriter.getContext(), y.width);
  Value out = tensor::EmptyOp::create(rewriter, e.loc,
                                      ArrayRef<int64_t>{k.m, k.n}, k.container);

  int64_t mr = std::min(mrAttr.getInt(), k.m), nr = nrAttr.getInt();
  int64_t mMain = k.m / mr * mr;
  int64_t fullBlocks = k.n / kLanes;
  int64_t bMain = fullBlocks / nr * nr;
  struct Range {
    int64_t begin, end, step;
  };
  // Rows: full mr tiles, then single rows. Column blocks: full nr tiles,
  // then single full blocks, then the ragged last block (masked stores).
  for (Range rows : {Range{0, mMain, mr}, Range{mMain, k.m, 1}}) {
    out = emitTiles(e, k, xs, out, rows.begin, rows.end, rows.step, 0, bMain,
                    nr, true);
    out = emitTiles(e, k, xs, out, rows.begin, rows.end, rows.step, bMain,
                    fullBlocks, 1, true);
    out = emitTiles(e, k, xs, out, rows.begin, rows.end, rows.step, fullBlocks,
                    k.blocks, 1, false);
  }
  Value result = quant::StorageCastOp::create(rewriter, e.loc,
                                              op.getOutput().getType(), out);
  rewriter.replaceOp(op, result);
  return success();
}

struct ConvertQNNToVNNIPass
    : public qnn::impl::ConvertQNNToVNNIBase<ConvertQNNToVNNIPass> {
  using ConvertQNNToVNNIBase::ConvertQNNToVNNIBase;

  void runOnOperation() override {
    FailureOr<RequantMode> mode =
        parseRequantModeOption(getOperation(), requantMode);
    if (failed(mode))
      return signalPassFailure();
    SmallVector<FullyConnectedOp> ops;
    getOperation().walk([&](FullyConnectedOp op) {
      if (op->hasAttr(kKernelAttrName))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (FullyConnectedOp op : ops)
      if (failed(lowerFullyConnected(op, rewriter, *mode)))
        return signalPassFailure();
  }
};

} // namespace
