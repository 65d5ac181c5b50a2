//===- BinaryKernels.cpp - XOR + popcount kernels for binary layers -------===//
//
// `qnn.bconv2d` and `qnn.bfully_connected` (rules N19, N20) as register
// tiles of `mr` output pixels x `nr` blocks of `lanes` output channels
// (8 i64 lanes: a zmm register). Per input word, the activation word of
// each pixel is broadcast, XORed with the packed weight words of the
// block's channels and popcounted into i64 accumulators: `vpxorq`,
// `vpopcntq`, `vpaddq` where the target has AVX512_VPOPCNTDQ (math.ctpop on
// vector<8xi64>); LLVM expands the same ctpop with `vpshufb` nibble tables
// on AVX2 / AVX512BW and with scalar `popcnt` elsewhere.
//
// The input is padded with zero words (+1 values), which computes the
// `pad_value = 1` sum. For `pad_value = 0` each out-of-bounds tap must not
// count: dot = taps * C - 2 * popcount_sum - sum over out-of-bounds taps of
// (C - 2 * popcount(w_words)) (rule N19.1). Which taps are out of bounds
// depends only on the output row's and column's distance to the borders, so
// rows and columns fall into a few classes; `base[class_h][class_w][o] =
// taps * C - correction` is computed at compile time and dot = base -
// 2 * popcount_sum on registers. The epilogue (rules N19.2, N19.3) turns
// dot into f32, into a quantized value, or into a bit packed straight into
// the output word, on registers.
//
//===----------------------------------------------------------------------===//

#include "BinaryKernels.h"
#include "KernelUtils.h"
#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"
#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "llvm/ADT/bit.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::kernel;

namespace {

/// What the epilogue produces (rule N19.3).
enum class ResultKind { F32, Quantized, Binary };

struct BinaryKernel {
  ConvShape s;          // s.c: input channels (bits), s.n: output channels
  int64_t words = 0;    // input words per tap: ceil(C / 64)
  int64_t lanes = 8;    // output channels per block (i64 lanes)
  int64_t blocks = 0;   // ceil(n / lanes)
  ResultKind kind = ResultKind::F32;
  QuantParams y;        // the quantized result's parameters
  Type container;       // the quantized result's storage
  Value x;              // [batch, Hp, Wp, words] i64, padded with zero words
  Value packed;         // [blocks, taps * words, lanes] i64
  Value base;           // [classesH * classesW, blocks * lanes] i32
  Value rowClass, colClass; // [outH], [outW] index tables (null: 1 class)
  int64_t classesW = 1;
  Value alpha, bias;    // [blocks * lanes] f32
};

/// The border class of every output position along one dimension: the set
/// of in-bounds taps, numbered in order of appearance. Returns the class of
/// each position and, per class, the in-bounds flag of every tap.
std::pair<SmallVector<int32_t>, SmallVector<SmallVector<bool>>>
borderClasses(int64_t out, int64_t in, int64_t k, int64_t stride,
              int64_t dilation, int64_t padBefore) {
  SmallVector<int32_t> cls;
  SmallVector<SmallVector<bool>> patterns;
  for (int64_t o = 0; o < out; ++o) {
    SmallVector<bool> valid;
    for (int64_t t = 0; t < k; ++t) {
      int64_t i = o * stride + t * dilation - padBefore;
      valid.push_back(i >= 0 && i < in);
    }
    auto it = llvm::find(patterns, valid);
    cls.push_back(static_cast<int32_t>(it - patterns.begin()));
    if (it == patterns.end())
      patterns.push_back(valid);
  }
  return {cls, patterns};
}

/// The acc vector (i64 popcount sums) of one block turned into the f32 real
/// value of rule N19.2 for channels col .. col + lanes - 1 at the class
/// `classIdx` row of the base table.
Value emitRealValue(KernelBuilder &e, const BinaryKernel &k, Value acc,
                    Value classIdx, Value col) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  auto i32v = VectorType::get({k.lanes}, b.getI32Type());
  auto f32v = VectorType::get({k.lanes}, b.getF32Type());
  Value zero32 = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
  Value zeroF = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0));
  Value base = e.read(i32v, k.base, {classIdx, col}, zero32);
  Value pc = arith::TruncIOp::create(b, loc, i32v, acc);
  Value two = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(i32v, APInt(32, 2)));
  Value dot = arith::SubIOp::create(b, loc, base,
                                    arith::MulIOp::create(b, loc, pc, two));
  Value f = arith::SIToFPOp::create(b, loc, f32v, dot);
  Value alpha = e.read(f32v, k.alpha, {col}, zeroF);
  Value bias = e.read(f32v, k.bias, {col}, zeroF);
  return arith::AddFOp::create(b, loc, arith::MulFOp::create(b, loc, f, alpha),
                               bias);
}

/// Rule N2 on a vector of f32 values for a per-tensor result: round half to
/// even of y / s (NaN -> 0), clamped to [qmin - zp, qmax - zp] in f32 (small
/// integers, exact), then + zp in i32: the reference's value.
Value emitQuantizeVector(KernelBuilder &e, const BinaryKernel &k, Value real) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  auto f32v = cast<VectorType>(real.getType());
  auto splatF = [&](double v) {
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(f32v, b.getF32FloatAttr(static_cast<float>(v))));
  };
  const QuantParams &p = k.y;
  int64_t zp = p.zeroPoint(0);
  Value r = math::RoundEvenOp::create(
      b, loc, arith::DivFOp::create(b, loc, real, splatF(p.scale(0))));
  Value isNan = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, r, r);
  r = arith::SelectOp::create(b, loc, isNan, splatF(0), r);
  r = arith::MinimumFOp::create(
      b, loc, arith::MaximumFOp::create(b, loc, r, splatF(p.qmin - zp)),
      splatF(p.qmax - zp));
  auto i32v = VectorType::get(f32v.getShape(), b.getI32Type());
  Value q = arith::AddIOp::create(
      b, loc, arith::FPToSIOp::create(b, loc, i32v, r),
      arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(i32v, APInt(32, zp, true))));
  return arith::TruncIOp::create(
      b, loc, VectorType::get(f32v.getShape(), k.container), q);
}

/// Stores `v` (lanes values) at out[row, colPx, ch ..], only `ragged` of
/// them when nonzero (through a temporary and a slice, as the int8 kernel:
/// no masked store of a few bytes).
Value storeLanes(KernelBuilder &e, Value v, Value out, Value row, Value colPx,
                 Value ch, int64_t ragged) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  if (ragged == 0)
    return vector::TransferWriteOp::create(b, loc, v, out, {row, colPx, ch},
                                           ArrayRef<bool>{true})
        .getResult();
  auto vt = cast<VectorType>(v.getType());
  Type elt = vt.getElementType();
  Value tmp = tensor::EmptyOp::create(b, loc, vt.getShape(), elt);
  tmp = vector::TransferWriteOp::create(b, loc, v, tmp, {e.index(0)},
                                        ArrayRef<bool>{true})
            .getResult();
  Value part = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({ragged}, elt), tmp, ValueRange{},
      ValueRange{}, ValueRange{}, ArrayRef<int64_t>{0},
      ArrayRef<int64_t>{ragged}, ArrayRef<int64_t>{1});
  int64_t dyn = ShapedType::kDynamic;
  return tensor::InsertSliceOp::create(
      b, loc, part, out, ValueRange{row, colPx, ch}, ValueRange{},
      ValueRange{}, SmallVector<int64_t>(3, dyn),
      ArrayRef<int64_t>{1, 1, ragged}, ArrayRef<int64_t>{1, 1, 1});
}

/// Packs the sign bits of `real` (bit = real < 0, rule N19.3; lanes past
/// `valid` cleared) into the output word of block `blk` at out[row, colPx,
/// blk * lanes / 64] with OR (the output starts as zero words).
Value storeBits(KernelBuilder &e, const BinaryKernel &k, Value real,
                Value out, Value row, Value colPx, Value blk, int64_t valid) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  auto f32v = cast<VectorType>(real.getType());
  Value zero = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(f32v, b.getF32FloatAttr(0)));
  Value bits =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, real, zero);
  if (valid < k.lanes) {
    SmallVector<bool> mask(k.lanes, false);
    for (int64_t l = 0; l < valid; ++l)
      mask[l] = true;
    Value m = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(VectorType::get({k.lanes}, b.getI1Type()),
                               ArrayRef<bool>(mask)));
    bits = arith::AndIOp::create(b, loc, bits, m);
  }
  Type i64 = b.getI64Type();
  Type intTy = b.getIntegerType(k.lanes);
  Value packedBits = vector::BitCastOp::create(
      b, loc, VectorType::get({1}, intTy), bits);
  Value scalar =
      vector::ExtractOp::create(b, loc, packedBits, ArrayRef<int64_t>{0});
  Value wide = arith::ExtUIOp::create(b, loc, i64, scalar);
  int64_t perWord = 64 / k.lanes;
  Value word = arith::DivUIOp::create(b, loc, blk, e.index(perWord));
  Value slot = arith::RemUIOp::create(b, loc, blk, e.index(perWord));
  Value shift = arith::IndexCastOp::create(
      b, loc, i64, arith::MulIOp::create(b, loc, slot, e.index(k.lanes)));
  Value old = tensor::ExtractOp::create(b, loc, out, {row, colPx, word});
  Value updated = arith::OrIOp::create(
      b, loc, old, arith::ShLIOp::create(b, loc, wide, shift));
  return tensor::InsertOp::create(b, loc, updated, out, {row, colPx, word});
}

/// An mr x nr tile: pixels (n, oh, ow0 ..), channel blocks nb0 ... Returns
/// the new `out` (3-D: rows, columns, channels or words).
Value emitBinaryTile(KernelBuilder &e, const BinaryKernel &k, Value out,
                     Value n, Value oh, Value ow0, Value outRow, Value outCol0,
                     Value nb0, int64_t mr, int64_t nr, bool lastRagged) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  const ConvShape &s = k.s;
  Type i64 = b.getI64Type();
  auto accType = VectorType::get({k.lanes}, i64);
  Value zeroAcc = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(accType, APInt(64, 0)));
  SmallVector<Value> accs(mr * nr, zeroAcc);
  Value ihBase = e.mulAdd(oh, s.sh, 0);
  SmallVector<Value> iwBase;
  for (int64_t r = 0; r < mr; ++r)
    iwBase.push_back(e.mulAdd(e.mulAdd(ow0, 1, r), s.sw, 0));
  Value zero64 = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0));
  accs = emitLoop(e, 0, s.kh, 1, accs,
                  [&](KernelBuilder &e1, Value th, ValueRange a1) {
    Value ih = e1.add(ihBase, e1.mulAdd(th, s.dh, 0));
    return emitLoop(e1, 0, s.kw, 1, a1,
                    [&](KernelBuilder &e2, Value tw, ValueRange a2) {
      Value dx = e2.mulAdd(tw, s.dw, 0);
      Value tap = e2.add(e2.mulAdd(th, s.kw, 0), tw);
      Value tapBase = e2.mulAdd(tap, k.words, 0);
      return emitLoop(e2, 0, k.words, 1, a2,
                      [&](KernelBuilder &e3, Value cw, ValueRange a3) {
        OpBuilder &ib = e3.b;
        Value wIdx = e3.add(tapBase, cw);
        SmallVector<Value> weights;
        for (int64_t j = 0; j < nr; ++j)
          weights.push_back(e3.read(accType, k.packed,
                                    {e3.mulAdd(nb0, 1, j), wIdx, e3.index(0)},
                                    zero64));
        SmallVector<Value> next;
        for (int64_t r = 0; r < mr; ++r) {
          Value iw = e3.add(iwBase[r], dx);
          Value word = tensor::ExtractOp::create(ib, e3.loc, k.x,
                                                 ValueRange{n, ih, iw, cw});
          Value splat =
              vector::BroadcastOp::create(ib, e3.loc, accType, word);
          for (int64_t j = 0; j < nr; ++j) {
            Value pc = math::CtPopOp::create(
                ib, e3.loc,
                arith::XOrIOp::create(ib, e3.loc, splat, weights[j]));
            next.push_back(
                arith::AddIOp::create(ib, e3.loc, a3[r * nr + j], pc));
          }
        }
        return next;
      });
    });
  });

  // Epilogue on registers.
  Value rowCls = k.rowClass ? tensor::ExtractOp::create(b, loc, k.rowClass,
                                                        ValueRange{oh})
                                  .getResult()
                            : e.index(0);
  for (int64_t r = 0; r < mr; ++r) {
    Value ow = e.mulAdd(ow0, 1, r);
    Value cls = rowCls;
    if (k.colClass) {
      Value colCls =
          tensor::ExtractOp::create(b, loc, k.colClass, ValueRange{ow});
      cls = e.add(e.mulAdd(rowCls, k.classesW, 0), colCls);
    }
    Value colPx = e.mulAdd(outCol0, 1, r);
    for (int64_t j = 0; j < nr; ++j) {
      Value blk = e.mulAdd(nb0, 1, j);
      Value col = e.mulAdd(blk, k.lanes, 0);
      Value real = emitRealValue(e, k, accs[r * nr + j], cls, col);
      int64_t ragged = lastRagged && j == nr - 1 ? s.n % k.lanes : 0;
      switch (k.kind) {
      case ResultKind::F32:
        out = storeLanes(e, real, out, outRow, colPx, col, ragged);
        break;
      case ResultKind::Quantized:
        out = storeLanes(e, emitQuantizeVector(e, k, real), out, outRow, colPx,
                         col, ragged);
        break;
      case ResultKind::Binary:
        out = storeBits(e, k, real, out, outRow, colPx, blk,
                        ragged ? ragged : k.lanes);
        break;
      }
    }
  }
  return out;
}

/// The words behind a constant binary weight: `qnn.bitunpack` of an
/// `arith.constant` of i64 words, tail bits cleared (rule N18.1).
FailureOr<SmallVector<uint64_t>> getConstantWords(Value weight) {
  auto unpack = weight.getDefiningOp<BitunpackOp>();
  if (!unpack)
    return failure();
  DenseIntElementsAttr attr = getConstantInts(unpack.getInput());
  if (!attr)
    return failure();
  int64_t c = cast<RankedTensorType>(weight.getType()).getShape().back();
  int64_t words = getNumBinaryWords(c);
  SmallVector<uint64_t> out;
  int64_t i = 0;
  for (const APInt &v : attr.getValues<APInt>()) {
    uint64_t word = v.getZExtValue();
    if (i % words == words - 1 && c % 64 != 0)
      word &= (uint64_t{1} << (c % 64)) - 1;
    out.push_back(word);
    ++i;
  }
  return out;
}

/// The f32 values of a constant bias, or zeros.
FailureOr<SmallVector<float>> getBiasValues(Value bias, int64_t n) {
  if (!bias)
    return SmallVector<float>(n, 0.0f);
  auto cst = bias.getDefiningOp<arith::ConstantOp>();
  auto attr = cst ? dyn_cast<DenseFPElementsAttr>(cst.getValue())
                  : DenseFPElementsAttr();
  if (!attr)
    return failure();
  SmallVector<float> out;
  for (const APFloat &v : attr.getValues<APFloat>())
    out.push_back(v.convertToFloat());
  return out;
}

struct BinaryChoice {
  int64_t mr = 0, nr = 0, lanes = 0;
};

FailureOr<BinaryChoice> checkBinaryKernel(Operation *op, Value weight,
                                          Value bias) {
  auto config = op->getAttrOfType<DictionaryAttr>(kKernelAttrName);
  auto kind = config ? config.getAs<StringAttr>("kind") : StringAttr();
  if (!kind || kind.getValue() != "bpop")
    return op->emitOpError() << "unknown kernel in 'qnn.kernel': " << config
                             << " (expected kind = \"bpop\")";
  auto mr = config.getAs<IntegerAttr>("mr");
  auto nr = config.getAs<IntegerAttr>("nr");
  auto lanes = config.getAs<IntegerAttr>("lanes");
  if (!mr || !nr || !lanes || mr.getInt() < 1 || nr.getInt() < 1 ||
      !llvm::is_contained({2, 4, 8}, lanes.getInt()) ||
      failed(getConstantWords(weight)) ||
      (bias && failed(getBiasValues(bias, 0))))
    return op->emitOpError()
           << "cannot apply the bpop kernel chosen in 'qnn.kernel': it needs "
              "'mr' and 'nr' >= 1, 'lanes' of 2, 4 or 8, weights that are "
              "'qnn.bitunpack' of a constant and a constant bias or none";
  return BinaryChoice{mr.getInt(), nr.getInt(), lanes.getInt()};
}

/// Builds the kernel for input words `xWords` ([batch, h, w, words] i64)
/// and returns the result tensor in storage form: [batch, outH, outW, n]
/// f32 or container, or [batch, outH, outW, ceil(n / 64)] i64 words.
Value emitBinaryKernel(KernelBuilder &e, const ConvShape &s, Value xWords,
                       ArrayRef<uint64_t> weightWords, ArrayRef<float> biasV,
                       ArrayRef<float> alphaV, bool zeroPad, Type resultElt,
                       const BinaryChoice &choice, int64_t threads) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  BinaryKernel k;
  k.s = s;
  k.lanes = choice.lanes;
  k.words = getNumBinaryWords(s.c);
  k.blocks = (s.n + k.lanes - 1) / k.lanes;
  int64_t taps = s.kh * s.kw, width = k.blocks * k.lanes;
  Type i64 = b.getI64Type(), i32 = b.getI32Type(), f32 = b.getF32Type();

  // Weights [block][tap * words][lane]; lanes past n hold zero words.
  SmallVector<int64_t> packed(k.blocks * taps * k.words * k.lanes, 0);
  for (int64_t o = 0; o < s.n; ++o)
    for (int64_t t = 0; t < taps * k.words; ++t)
      packed[((o / k.lanes) * taps * k.words + t) * k.lanes + o % k.lanes] =
          static_cast<int64_t>(weightWords[o * taps * k.words + t]);
  k.packed = e.tensorConstant(ArrayRef<int64_t>(packed), i64,
                              {k.blocks, taps * k.words, k.lanes});

  // Border classes and the base table (see the file comment).
  auto [rowCls, rowPat] = zeroPad
                              ? borderClasses(s.outH, s.h, s.kh, s.sh, s.dh,
                                              s.pt)
                              : std::pair<SmallVector<int32_t>,
                                          SmallVector<SmallVector<bool>>>{
                                    SmallVector<int32_t>(s.outH, 0),
                                    {SmallVector<bool>(s.kh, true)}};
  auto [colCls, colPat] = zeroPad
                              ? borderClasses(s.outW, s.w, s.kw, s.sw, s.dw,
                                              s.pl)
                              : std::pair<SmallVector<int32_t>,
                                          SmallVector<SmallVector<bool>>>{
                                    SmallVector<int32_t>(s.outW, 0),
                                    {SmallVector<bool>(s.kw, true)}};
  k.classesW = colPat.size();
  SmallVector<int32_t> base(rowPat.size() * colPat.size() * width, 0);
  for (auto [ch, rp] : llvm::enumerate(rowPat))
    for (auto [cw, cp] : llvm::enumerate(colPat))
      for (int64_t o = 0; o < s.n; ++o) {
        int64_t v = taps * s.c;
        for (int64_t th = 0; th < s.kh; ++th)
          for (int64_t tw = 0; tw < s.kw; ++tw) {
            if (rp[th] && cp[tw])
              continue;
            int64_t pc = 0;
            for (int64_t w = 0; w < k.words; ++w)
              pc += llvm::popcount(
                  weightWords[(o * taps + th * s.kw + tw) * k.words + w]);
            v -= s.c - 2 * pc;
          }
        base[(ch * colPat.size() + cw) * width + o] = static_cast<int32_t>(v);
      }
  k.base = e.tensorConstant(ArrayRef<int32_t>(base), i32,
                            {static_cast<int64_t>(base.size()) / width, width});
  auto indexTable = [&](ArrayRef<int32_t> cls) {
    SmallVector<APInt> v;
    for (int32_t c : cls)
      v.push_back(APInt(64, c));
    auto type = RankedTensorType::get({static_cast<int64_t>(cls.size())},
                                      b.getIndexType());
    return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(type, v))
        .getResult();
  };
  if (rowPat.size() > 1)
    k.rowClass = indexTable(rowCls);
  if (colPat.size() > 1)
    k.colClass = indexTable(colCls);
  SmallVector<float> alpha(width, 0.0f), bias(width, 0.0f);
  for (int64_t o = 0; o < s.n; ++o) {
    alpha[o] = alphaV[o];
    bias[o] = biasV[o];
  }
  k.alpha = e.tensorConstant(ArrayRef<float>(alpha), f32, {width});
  k.bias = e.tensorConstant(ArrayRef<float>(bias), f32, {width});

  // The input padded with zero words.
  k.x = xWords;
  if (s.pt || s.pb || s.pl || s.pr) {
    SmallVector<OpFoldResult> lo = {b.getIndexAttr(0), b.getIndexAttr(s.pt),
                                    b.getIndexAttr(s.pl), b.getIndexAttr(0)};
    SmallVector<OpFoldResult> hi = {b.getIndexAttr(0), b.getIndexAttr(s.pb),
                                    b.getIndexAttr(s.pr), b.getIndexAttr(0)};
    k.x = tensor::PadOp::create(
        b, loc,
        RankedTensorType::get({s.batch, s.h + s.pt + s.pb, s.w + s.pl + s.pr,
                               k.words},
                              i64),
        xWords, lo, hi,
        arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0)).getResult());
  }

  // The output, 3-D [rows, outW, channels or words].
  int64_t rowCount = s.batch * s.outH;
  Value out;
  if (isa<BinaryType>(resultElt)) {
    k.kind = ResultKind::Binary;
    Value zeroWord =
        arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0));
    out = linalg::FillOp::create(
              b, loc, ValueRange{zeroWord},
              ValueRange{tensor::EmptyOp::create(
                  b, loc,
                  ArrayRef<int64_t>{rowCount, s.outW, getNumBinaryWords(s.n)},
                  i64)})
              .getResult(0);
  } else {
    Type elt = f32;
    if (!resultElt.isF32()) {
      k.kind = ResultKind::Quantized;
      k.y = *getQuantParams(resultElt);
      k.container = getContainerType(b.getContext(), k.y.width);
      elt = k.container;
    }
    out = tensor::EmptyOp::create(
        b, loc, ArrayRef<int64_t>{rowCount, s.outW, s.n}, elt);
  }

  // Tiles: full nr channel tiles, then single full blocks, then the ragged
  // last block; full mr column tiles, then the remainder.
  int64_t mr = std::min(choice.mr, s.outW);
  int64_t fullBlocks = s.n / k.lanes;
  auto emitChannels = [&](KernelBuilder &e2, Value o, Span rows, Span cols,
                          int64_t tile) {
    return emitTileNest(e2, s, o, rows, cols, tile, choice.nr, fullBlocks,
                        k.blocks,
                        [&](KernelBuilder &te, Value to, const TilePos &p,
                            int64_t m, int64_t nr, bool ragged) {
      return emitBinaryTile(te, k, to, p.n, p.oh, p.ow0, p.outRow, p.outCol, p.nb0,
                      m, nr, ragged);
    });
  };
  out = emitOutputTiles(e, out, threads, rowCount, s.outW, mr, emitChannels);
  return out;
}

/// The per-channel f32 factor alpha_x * alpha_w[o] of rule N19.2.
SmallVector<float> getAlpha(Type xElt, Type wElt, int64_t n) {
  auto xt = cast<BinaryType>(xElt);
  auto wt = cast<BinaryType>(wElt);
  float ax = static_cast<float>(xt.getScales()[0]);
  SmallVector<float> alpha;
  for (int64_t o = 0; o < n; ++o)
    alpha.push_back(
        ax * static_cast<float>(wt.getScales()[wt.isPerTensor() ? 0 : o]));
  return alpha;
}

/// Replaces `op` by the storage-form result `flat` ([rows, cols, channels]
/// or words) reshaped to `shape` and cast back to the result type.
void replaceWithStorage(RewriterBase &rewriter, Operation *op, Value flat,
                        ArrayRef<ReassociationIndices> reassoc) {
  Location loc = op->getLoc();
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  auto flatType = cast<RankedTensorType>(flat.getType());
  SmallVector<int64_t> shape(resultType.getShape());
  shape.back() = flatType.getShape().back();
  Value storage = flat;
  if (!llvm::equal(shape, flatType.getShape()))
    storage = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get(shape, flatType.getElementType()),
        flat, reassoc);
  Value result = storage;
  Type elt = resultType.getElementType();
  if (isa<BinaryType>(elt))
    result = BitunpackOp::create(rewriter, loc, resultType, storage);
  else if (!elt.isF32())
    result = ContainerCastOp::create(rewriter, loc, resultType, storage);
  rewriter.replaceOp(op, result);
}

/// The i64 words of a binary operand.
Value packWords(RewriterBase &rewriter, Location loc, Value x) {
  auto t = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(t.getShape());
  shape.back() = getNumBinaryWords(shape.back());
  return BitpackOp::create(rewriter, loc,
                           RankedTensorType::get(shape, rewriter.getI64Type()),
                           x);
}

} // namespace

LogicalResult mlir::qnn::lowerBConv2D(BConv2DOp op, RewriterBase &rewriter,
                                      int64_t threads) {
  FailureOr<BinaryChoice> choice =
      checkBinaryKernel(op, op.getWeight(), op.getBias());
  if (failed(choice))
    return failure();
  ConvShape s = getWindowShape(op, {1, 2}); // OHWI
  rewriter.setInsertionPoint(op);
  KernelBuilder e{rewriter, op.getLoc()};
  bool zeroPad = op.getPadValue() == 0;
  Value out = emitBinaryKernel(
      e, s, packWords(rewriter, op.getLoc(), op.getInput()),
      *getConstantWords(op.getWeight()), *getBiasValues(op.getBias(), s.n),
      getAlpha(op.getInput().getType().getElementType(),
               op.getWeight().getType().getElementType(), s.n),
      zeroPad, op.getOutput().getType().getElementType(), *choice, threads);
  replaceWithStorage(rewriter, op, out, {{0, 1}, {2}, {3}});
  return success();
}

LogicalResult mlir::qnn::lowerBFullyConnected(BFullyConnectedOp op,
                                              RewriterBase &rewriter,
                                              int64_t threads) {
  FailureOr<BinaryChoice> choice =
      checkBinaryKernel(op, op.getWeight(), op.getBias());
  if (failed(choice))
    return failure();
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ArrayRef<int64_t> ws = op.getWeight().getType().getShape();
  ConvShape s;
  s.w = s.outW = xs[0];
  s.c = xs[1];
  s.n = ws[0];
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  KernelBuilder e{rewriter, loc};
  Value words = packWords(rewriter, loc, op.getInput());
  int64_t nw = getNumBinaryWords(s.c);
  Value x4 = tensor::ExpandShapeOp::create(
      rewriter, loc,
      RankedTensorType::get({1, 1, s.w, nw}, rewriter.getI64Type()), words,
      ArrayRef<ReassociationIndices>{{0, 1, 2}, {3}});
  Value out = emitBinaryKernel(
      e, s, x4, *getConstantWords(op.getWeight()),
      *getBiasValues(op.getBias(), s.n),
      getAlpha(op.getInput().getType().getElementType(),
               op.getWeight().getType().getElementType(), s.n),
      /*zeroPad=*/false, op.getOutput().getType().getElementType(), *choice,
      threads);
  // [1, M, n] -> [M, n]
  Value flat = tensor::CollapseShapeOp::create(
      rewriter, loc, out, ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  replaceWithStorage(rewriter, op, flat, {});
  return success();
}
