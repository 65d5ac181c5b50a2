//===- BitSerialKernels.cpp - bit-serial low-bit conv / fully connected ---===//
//
// `qnn.conv2d` and `qnn.fully_connected` (rules N8, N10) with activations
// of at most 4 bits and constant weights of at most 4 bits, computed bit
// plane by bit plane with AND + popcount (kind "bitserial").
//
// With x' = x - lo (lo the storage type's smallest value, so that
// 0 <= x' < 2^A) and zx' = zx - lo, the reference accumulator is
//
//   acc[p,o] = bias[o] + sum (x - zx) w = (bias[o] - zx' sum w) + sum x' w
//
// The first term is a compile-time constant (wrapping i32, as the
// reference). x' = sum_i 2^i a_i over its A bit planes a_i (packed 64
// channels per i64 word at run time); the weights are either
//   - two's complement with B bits: w = sum_j c_j w_j, c_j = 2^j and
//     c_{B-1} = -2^(B-1) (the sign plane), so
//     sum x' w = sum_i sum_j 2^i c_j popcount(a_i AND w_j); or
//   - bipolar, every weight +1 or -1: w = 1 - 2 b, so
//     sum x' w = sum_i 2^i (popcount(a_i) - 2 popcount(a_i AND b)),
//     where popcount(a_i) is per pixel, shared by all output channels.
// Padding positions hold x = zx (their planes are those of zx', a
// compile-time constant), so that, with the folded term, they contribute 0
// (rule N8.4); channels past C hold 0 bits in every plane and weight.
// The sums are exact integers, so their value mod 2^32 is the reference's
// wrapping i32 accumulator; the requantize epilogue (rule N6, either mode)
// is the int8 kernels' on 8-lane registers.
//
//===----------------------------------------------------------------------===//

#include "BitSerialKernels.h"
#include "KernelUtils.h"
#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"
#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "llvm/ADT/bit.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::kernel;

namespace {

struct BitSerialKernel {
  ConvShape s;
  int64_t words = 0;  // activation words per tap and plane: ceil(C / 64)
  int64_t abits = 0;  // activation planes
  WeightPlanes wp;
  int64_t lanes = 8;
  int64_t blocks = 0; // ceil(n / lanes)
  RequantMode mode = RequantMode::FixedPoint;
  RequantPlan plan;
  SmallVector<Value> requant;
  Value planes; // [batch, Hp, Wp, abits, words] i64
  Value packed; // [blocks, taps * words, wplanes, lanes] i64
  Value bias;   // [blocks * lanes] i32, zero point folded in
};

/// Bit `bit` of 64 bytes as one i64 word (byte k -> bit k).
Value planeWord(KernelBuilder &e, Value bytes, int64_t bit) {
  OpBuilder &b = e.b;
  auto vt = cast<VectorType>(bytes.getType());
  Value mask = arith::ConstantOp::create(
      b, e.loc, DenseElementsAttr::get(vt, APInt(8, uint64_t{1} << bit)));
  Value zero = arith::ConstantOp::create(
      b, e.loc, DenseElementsAttr::get(vt, APInt(8, 0)));
  Value set = arith::CmpIOp::create(b, e.loc, arith::CmpIPredicate::ne,
                                    arith::AndIOp::create(b, e.loc, bytes, mask),
                                    zero);
  Value word = vector::BitCastOp::create(
      b, e.loc, VectorType::get({1}, b.getI64Type()), set);
  return vector::ExtractOp::create(b, e.loc, word, ArrayRef<int64_t>{0});
}

/// The padded bit planes of the input: [batch, Hp, Wp, abits, words] i64.
/// In-bounds pixels: 64 channels at a time, x' = x - lo, one word per
/// plane (channels past C read lo, i.e. x' = 0); padding pixels: the planes
/// of zx', with the bits of channels past C cleared.
Value emitPlanes(KernelBuilder &e, const BitSerialKernel &k, Value x4,
                 int64_t lo, int64_t zxShifted) {
  OpBuilder &b = e.b;
  const ConvShape &s = k.s;
  Type i8 = b.getI8Type(), i64 = b.getI64Type();
  int64_t hp = s.h + s.pt + s.pb, wpad = s.w + s.pl + s.pr;
  Value out = tensor::EmptyOp::create(
      b, e.loc, ArrayRef<int64_t>{s.batch, hp, wpad, k.abits, k.words}, i64);
  auto bytesType = VectorType::get({64}, i8);
  auto padWord = [&](int64_t plane, int64_t word) {
    if (!((zxShifted >> plane) & 1))
      return int64_t{0};
    int64_t valid = std::min<int64_t>(64, s.c - 64 * word);
    return valid == 64 ? int64_t{-1}
                       : static_cast<int64_t>((uint64_t{1} << valid) - 1);
  };
  return emitLoop(e, 0, s.batch, 1, ValueRange{out},
                  [&](KernelBuilder &e1, Value n, ValueRange o1) {
    return emitLoop(e1, 0, hp, 1, o1,
                    [&](KernelBuilder &e2, Value r, ValueRange o2) {
      return emitLoop(e2, 0, wpad, 1, o2,
                      [&](KernelBuilder &e3, Value col, ValueRange o3) {
        OpBuilder &ib = e3.b;
        Location loc = e3.loc;
        Value ih = arith::SubIOp::create(ib, loc, r, e3.index(s.pt));
        Value iw = arith::SubIOp::create(ib, loc, col, e3.index(s.pl));
        auto inRange = [&](Value v, int64_t size) {
          return arith::AndIOp::create(
              ib, loc,
              arith::CmpIOp::create(ib, loc, arith::CmpIPredicate::sge, v,
                                    e3.index(0)),
              arith::CmpIOp::create(ib, loc, arith::CmpIPredicate::slt, v,
                                    e3.index(size)));
        };
        Value inside =
            arith::AndIOp::create(ib, loc, inRange(ih, s.h), inRange(iw, s.w));
        auto ifOp = scf::IfOp::create(
            ib, loc, inside,
            [&](OpBuilder &tb, Location tl) {
              KernelBuilder te{tb, tl};
              Value d = o3[0];
              Value loByte =
                  arith::ConstantOp::create(tb, tl, tb.getIntegerAttr(i8, lo));
              Value loVec = arith::ConstantOp::create(
                  tb, tl, DenseElementsAttr::get(bytesType, APInt(8, lo, true)));
              for (int64_t w = 0; w < k.words; ++w) {
                Value bytes = vector::TransferReadOp::create(
                    tb, tl, bytesType, x4,
                    ValueRange{n, ih, iw, te.index(64 * w)}, loByte,
                    ArrayRef<bool>{64 * (w + 1) <= s.c});
                Value shifted = arith::SubIOp::create(tb, tl, bytes, loVec);
                for (int64_t i = 0; i < k.abits; ++i)
                  d = tensor::InsertOp::create(
                      tb, tl, planeWord(te, shifted, i), d,
                      ValueRange{n, r, col, te.index(i), te.index(w)});
              }
              scf::YieldOp::create(tb, tl, d);
            },
            [&](OpBuilder &eb, Location el) {
              KernelBuilder ee{eb, el};
              Value d = o3[0];
              for (int64_t i = 0; i < k.abits; ++i)
                for (int64_t w = 0; w < k.words; ++w)
                  d = tensor::InsertOp::create(
                      eb, el,
                      arith::ConstantOp::create(
                          eb, el, eb.getI64IntegerAttr(padWord(i, w))),
                      d, ValueRange{n, r, col, ee.index(i), ee.index(w)});
              scf::YieldOp::create(eb, el, d);
            });
        return SmallVector<Value>{ifOp.getResult(0)};
      });
    });
  })[0];
}

/// One mr x nr tile: pixels (n, oh, ow0 ..) x channel blocks nb0 ...
Value emitBitSerialTile(KernelBuilder &e, const BitSerialKernel &k, Value out,
                        Value n, Value oh, Value ow0, Value outRow,
                        Value outCol0, Value nb0, int64_t mr, int64_t nr,
                        bool lastRagged) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  const ConvShape &s = k.s;
  Type i64 = b.getI64Type(), i32 = b.getI32Type();
  auto accType = VectorType::get({k.lanes}, i64);
  int64_t wpl = k.wp.count();
  // Accumulators [r][j][i][jp], then (bipolar) the per-pixel plane
  // popcounts [r][i] as i64 scalars.
  auto accIndex = [&](int64_t r, int64_t j, int64_t i, int64_t jp) {
    return ((r * nr + j) * k.abits + i) * wpl + jp;
  };
  int64_t numAcc = mr * nr * k.abits * wpl;
  Value zeroAcc = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(accType, APInt(64, 0)));
  Value zero64 = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0));
  SmallVector<Value> iters(numAcc, zeroAcc);
  if (k.wp.bipolar)
    iters.append(mr * k.abits, zero64);
  Value ihBase = e.mulAdd(oh, s.sh, 0);
  SmallVector<Value> iwBase;
  for (int64_t r = 0; r < mr; ++r)
    iwBase.push_back(e.mulAdd(e.mulAdd(ow0, 1, r), s.sw, 0));
  iters = emitLoop(e, 0, s.kh, 1, iters,
                   [&](KernelBuilder &e1, Value th, ValueRange a1) {
    Value ih = e1.add(ihBase, e1.mulAdd(th, s.dh, 0));
    return emitLoop(e1, 0, s.kw, 1, a1,
                    [&](KernelBuilder &e2, Value tw, ValueRange a2) {
      Value dx = e2.mulAdd(tw, s.dw, 0);
      Value tapBase = e2.mulAdd(e2.add(e2.mulAdd(th, s.kw, 0), tw), k.words, 0);
      return emitLoop(e2, 0, k.words, 1, a2,
                      [&](KernelBuilder &e3, Value cw, ValueRange a3) {
        OpBuilder &ib = e3.b;
        Location il = e3.loc;
        Value wIdx = e3.add(tapBase, cw);
        SmallVector<Value> weights; // [j][jp]
        for (int64_t j = 0; j < nr; ++j)
          for (int64_t jp = 0; jp < wpl; ++jp)
            weights.push_back(e3.read(
                accType, k.packed,
                {e3.mulAdd(nb0, 1, j), wIdx, e3.index(jp), e3.index(0)},
                zero64));
        SmallVector<Value> next(a3);
        for (int64_t r = 0; r < mr; ++r) {
          Value iw = e3.add(iwBase[r], dx);
          for (int64_t i = 0; i < k.abits; ++i) {
            Value word = tensor::ExtractOp::create(
                ib, il, k.planes, ValueRange{n, ih, iw, e3.index(i), cw});
            if (k.wp.bipolar) {
              int64_t idx = numAcc + r * k.abits + i;
              next[idx] = arith::AddIOp::create(
                  ib, il, next[idx], math::CtPopOp::create(ib, il, word));
            }
            Value splat = vector::BroadcastOp::create(ib, il, accType, word);
            for (int64_t j = 0; j < nr; ++j)
              for (int64_t jp = 0; jp < wpl; ++jp) {
                int64_t idx = accIndex(r, j, i, jp);
                Value pc = math::CtPopOp::create(
                    ib, il,
                    arith::AndIOp::create(ib, il, splat,
                                          weights[j * wpl + jp]));
                next[idx] = arith::AddIOp::create(ib, il, next[idx], pc);
              }
          }
        }
        return next;
      });
    });
  });

  // Epilogue: combine the planes, add the folded bias, requantize.
  auto i64Splat = [&](int64_t v) {
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(accType, APInt(64, v, true)));
  };
  auto i32Type = VectorType::get({k.lanes}, i32);
  for (int64_t r = 0; r < mr; ++r) {
    Value colPx = e.mulAdd(outCol0, 1, r);
    for (int64_t j = 0; j < nr; ++j) {
      Value col = e.mulAdd(e.mulAdd(nb0, 1, j), k.lanes, 0);
      Value total = zeroAcc;
      for (int64_t i = 0; i < k.abits; ++i) {
        if (k.wp.bipolar) {
          // 2^i (popcount(a_i) - 2 popcount(a_i AND b))
          Value pa = vector::BroadcastOp::create(
              b, loc, accType, iters[numAcc + r * k.abits + i]);
          Value term = arith::SubIOp::create(
              b, loc, pa,
              arith::MulIOp::create(b, loc, iters[accIndex(r, j, i, 0)],
                                    i64Splat(2)));
          total = arith::AddIOp::create(
              b, loc, total,
              arith::MulIOp::create(b, loc, term, i64Splat(int64_t{1} << i)));
          continue;
        }
        for (int64_t jp = 0; jp < wpl; ++jp) {
          int64_t coef = (jp == wpl - 1 ? -1 : 1) * (int64_t{1} << (i + jp));
          total = arith::AddIOp::create(
              b, loc, total,
              arith::MulIOp::create(b, loc, iters[accIndex(r, j, i, jp)],
                                    i64Splat(coef)));
        }
      }
      Value zero32 = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
      Value acc = arith::AddIOp::create(
          b, loc, arith::TruncIOp::create(b, loc, i32Type, total),
          e.read(i32Type, k.bias, {col}, zero32));
      int64_t ragged = lastRagged && j == nr - 1 ? s.n % k.lanes : 0;
      out = emitEpilogue(e, k.mode, k.plan, k.requant, acc, out,
                         {outRow, colPx}, col, ragged);
    }
  }
  return out;
}

struct BitSerialOperands {
  SmallVector<int64_t> weights; // [n, taps, c] row-major
  SmallVector<int64_t> bias;    // [n], zeros when absent
  QuantParams x, w, y;
  int64_t mr = 0, nr = 0, lanes = 0;
};

FailureOr<BitSerialOperands> checkBitSerial(Operation *op, Value input,
                                            Value weight, Value bias) {
  auto config = op->getAttrOfType<DictionaryAttr>(kKernelAttrName);
  auto mr = config.getAs<IntegerAttr>("mr");
  auto nr = config.getAs<IntegerAttr>("nr");
  auto lanes = config.getAs<IntegerAttr>("lanes");
  DenseIntElementsAttr w = getConstantInts(weight);
  DenseIntElementsAttr bv = bias ? getConstantInts(bias) : DenseIntElementsAttr();
  std::optional<QuantParams> xq = getQuantParams(input.getType());
  std::optional<QuantParams> wq = getQuantParams(weight.getType());
  std::optional<QuantParams> yq = getQuantParams(op->getResult(0).getType());
  BitSerialOperands ops;
  if (w)
    for (const APInt &v : w.getValues<APInt>())
      ops.weights.push_back(v.getSExtValue());
  if (!mr || !nr || !lanes || mr.getInt() < 1 || nr.getInt() < 1 ||
      !llvm::is_contained({2, 4, 8}, lanes.getInt()) || !w ||
      (bias && !bv) || !xq || !wq || !yq || xq->width > 4 || wq->width > 8 ||
      yq->width > 16 ||
      llvm::any_of(wq->zeroPoints, [](int64_t z) { return z != 0; }) ||
      getWeightPlanes(ops.weights).count() > 4)
    return op->emitOpError()
           << "cannot apply the bitserial kernel chosen in 'qnn.kernel': it "
              "needs 'mr' and 'nr' >= 1, 'lanes' of 2, 4 or 8, activations of "
              "at most 4 bits, constant weights with zero points 0 whose "
              "values fit in 4 bits, a constant bias or none, and a result "
              "of at most 16 bits";
  ops.x = *xq;
  ops.w = *wq;
  ops.y = *yq;
  int64_t n = cast<RankedTensorType>(weight.getType()).getShape()[0];
  ops.bias.assign(n, 0);
  if (bv)
    for (auto [i, v] : llvm::enumerate(bv.getValues<APInt>()))
      ops.bias[i] = v.getSExtValue();
  ops.mr = mr.getInt();
  ops.nr = nr.getInt();
  ops.lanes = lanes.getInt();
  return ops;
}

/// The kernel for `x4` ([batch, h, w, c] container) with shape `s`;
/// returns [batch * outH, outW, n] in the result's container.
FailureOr<Value> emitBitSerialKernel(Operation *op, RewriterBase &rewriter,
                                     RequantMode mode, int64_t threads,
                                     const ConvShape &s, Value x4,
                                     const BitSerialOperands &ops,
                                     Activation activation) {
  KernelBuilder e{rewriter, op->getLoc()};
  BitSerialKernel k;
  k.s = s;
  k.mode = mode;
  k.lanes = ops.lanes;
  k.words = getNumBinaryWords(s.c);
  k.blocks = (s.n + k.lanes - 1) / k.lanes;
  k.abits = ops.x.width;
  k.wp = getWeightPlanes(ops.weights);
  int64_t taps = s.kh * s.kw, wpl = k.wp.count(), width = k.blocks * k.lanes;
  // x' = x - lo with lo the storage type's smallest value.
  int64_t lo = ops.x.isSigned ? -(int64_t{1} << (k.abits - 1)) : 0;
  int64_t zxShifted = ops.x.zeroPoint(0) - lo;

  // Weight planes [block][tap * word][plane][lane] and the folded bias.
  SmallVector<int64_t> packed(k.blocks * taps * k.words * wpl * k.lanes, 0);
  SmallVector<int32_t> bias(width, 0);
  for (int64_t o = 0; o < s.n; ++o) {
    int64_t blk = o / k.lanes, lane = o % k.lanes;
    uint32_t sum = 0;
    for (int64_t t = 0; t < taps; ++t)
      for (int64_t c = 0; c < s.c; ++c) {
        int64_t v = ops.weights[(o * taps + t) * s.c + c];
        sum += static_cast<uint32_t>(v);
        int64_t tw = t * k.words + c / 64;
        for (int64_t jp = 0; jp < wpl; ++jp) {
          bool bit = k.wp.bipolar ? v == -1 : ((v >> jp) & 1) != 0;
          if (bit)
            packed[(((blk * taps * k.words + tw) * wpl) + jp) * k.lanes +
                   lane] |= static_cast<int64_t>(uint64_t{1} << (c % 64));
        }
      }
    bias[o] = static_cast<int32_t>(static_cast<uint32_t>(ops.bias[o]) -
                                   static_cast<uint32_t>(zxShifted) * sum);
  }
  Type i64 = rewriter.getI64Type(), i32 = rewriter.getI32Type();
  k.packed = e.tensorConstant(ArrayRef<int64_t>(packed), i64,
                              {k.blocks, taps * k.words, wpl, k.lanes});
  k.bias = e.tensorConstant(ArrayRef<int32_t>(bias), i32, {width});
  if (failed(planEpilogue(e, op, mode, ops.x, ops.w, ops.y, activation, s.n,
                          width, k.plan, k.requant)))
    return failure();
  k.planes = emitPlanes(e, k, x4, lo, zxShifted);

  Type container = getContainerType(rewriter.getContext(), ops.y.width);
  int64_t rowCount = s.batch * s.outH;
  Value out = tensor::EmptyOp::create(
      rewriter, e.loc, ArrayRef<int64_t>{rowCount, s.outW, s.n}, container);
  int64_t mr = std::min(ops.mr, s.outW);
  int64_t fullBlocks = s.n / k.lanes;
  auto emitChannels = [&](KernelBuilder &e2, Value o, Span rows, Span cols,
                          int64_t tile) {
    return emitTileNest(e2, s, o, rows, cols, tile, ops.nr, fullBlocks,
                        k.blocks,
                        [&](KernelBuilder &te, Value to, const TilePos &p,
                            int64_t m, int64_t nr, bool ragged) {
      return emitBitSerialTile(te, k, to, p.n, p.oh, p.ow0, p.outRow, p.outCol, p.nb0,
                      m, nr, ragged);
    });
  };
  out = emitOutputTiles(e, out, threads, rowCount, s.outW, mr, emitChannels);
  return out;
}

/// The activations of `input` (a quantized tensor of at most 8 bits) in
/// their i8 containers (rule N1.4), whatever the storage width.
Value toContainer(RewriterBase &rewriter, Location loc, Value input) {
  auto type = cast<RankedTensorType>(input.getType());
  return ContainerCastOp::create(
      rewriter, loc, RankedTensorType::get(type.getShape(), rewriter.getI8Type()),
      input);
}

} // namespace

bool mlir::qnn::isBitSerialChoice(Operation *op) {
  auto config = op->getAttrOfType<DictionaryAttr>(kKernelAttrName);
  auto kind = config ? config.getAs<StringAttr>("kind") : StringAttr();
  return kind && kind.getValue() == "bitserial";
}

LogicalResult mlir::qnn::lowerBitSerialConv2D(Conv2DOp op,
                                              RewriterBase &rewriter,
                                              RequantMode mode,
                                              int64_t threads) {
  FailureOr<BitSerialOperands> ops =
      checkBitSerial(op, op.getInput(), op.getWeight(), op.getBias());
  if (failed(ops))
    return failure();
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  ConvShape s = getWindowShape(op, {1, 2});
  Value x = toContainer(rewriter, loc, op.getInput());
  FailureOr<Value> out = emitBitSerialKernel(op, rewriter, mode, threads, s, x,
                                             *ops, op.getActivation());
  if (failed(out))
    return failure();
  Type container = cast<RankedTensorType>(out->getType()).getElementType();
  Value image = tensor::ExpandShapeOp::create(
      rewriter, loc,
      RankedTensorType::get({s.batch, s.outH, s.outW, s.n}, container), *out,
      ArrayRef<ReassociationIndices>{{0, 1}, {2}, {3}});
  rewriter.replaceOp(op, ContainerCastOp::create(
                             rewriter, loc, op.getOutput().getType(), image));
  return success();
}

LogicalResult mlir::qnn::lowerBitSerialFullyConnected(FullyConnectedOp op,
                                                      RewriterBase &rewriter,
                                                      RequantMode mode,
                                                      int64_t threads) {
  FailureOr<BitSerialOperands> ops =
      checkBitSerial(op, op.getInput(), op.getWeight(), op.getBias());
  if (failed(ops))
    return failure();
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ConvShape s;
  s.w = s.outW = xs[0];
  s.c = xs[1];
  s.n = op.getWeight().getType().getShape()[0];
  Value x = toContainer(rewriter, loc, op.getInput());
  Value x4 = tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get({1, 1, s.w, s.c}, rewriter.getI8Type()), x,
      ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
  FailureOr<Value> out = emitBitSerialKernel(op, rewriter, mode, threads, s, x4,
                                             *ops, op.getActivation());
  if (failed(out))
    return failure();
  Type container = cast<RankedTensorType>(out->getType()).getElementType();
  Value flat = tensor::CollapseShapeOp::create(
      rewriter, loc, RankedTensorType::get({s.w, s.n}, container), *out,
      ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  rewriter.replaceOp(op, ContainerCastOp::create(
                             rewriter, loc, op.getOutput().getType(), flat));
  return success();
}
