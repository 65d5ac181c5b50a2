//===- WeightOnlyKernels.cpp - f32 x quantized-weight fully connected -----===//
//
// `qnn.weight_only_fc` (rule N25) for layers whose time goes into reading
// their weights: one or a few rows against many weights. Per output
// channel n and block of 64 inputs, the 64 stored weights are
//   - read as 64 bytes (uniform weights of at most 8 bits), or
//   - decoded from 32 bytes of 4-bit codebook indices (byte i holding the
//     indices of inputs i, low nibble, and i + 32, high nibble) with
//     qnn.lookup16 of the channel's 16-entry table (vpshufb);
// then widened to i32, less the zero point, converted to f32 and
// accumulated with fma into one vector<64xf32> per row: lane j holds the
// rule's acc[m, n, j]. The lanes are summed by halving (lane j + w onto
// lane j, w = 32 ... 1: log2(64) vector adds), scaled and biased: the
// reference lowering's value, bit for bit. Inputs past K read as 0.0 (masked loads) against index or
// weight 0, as the reference pads them.
//
//===----------------------------------------------------------------------===//

#include "WeightOnlyKernels.h"
#include "KernelUtils.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::qnn;
using namespace mlir::qnn::kernel;

namespace {
constexpr int64_t kBlock = 64; // inputs per block: one vector<64xf32> per row
} // namespace

LogicalResult mlir::qnn::lowerWeightOnlyFc(WeightOnlyFcOp op, RewriterBase &rw,
                                          int64_t threads) {
  auto config = op->getAttrOfType<DictionaryAttr>(kKernelAttrName);
  auto kind = config ? config.getAs<StringAttr>("kind") : StringAttr();
  auto rowsAttr = config ? config.getAs<IntegerAttr>("rows") : IntegerAttr();
  if (!kind || kind.getValue() != "wofc" || !rowsAttr || rowsAttr.getInt() < 1 ||
      rowsAttr.getInt() > 8)
    return op.emitOpError() << "unknown kernel in 'qnn.kernel': " << config
                            << "; expected {kind = \"wofc\", rows = 1 to 8}";
  DenseIntElementsAttr raw = getConstantInts(op.getWeight());
  auto wType = op.getWeight().getType();
  auto cb = dyn_cast<CodebookType>(wType.getElementType());
  if (!raw || (cb && cb.getBits() > 4))
    return op.emitOpError()
           << "cannot apply the wofc kernel chosen in 'qnn.kernel': it needs "
              "constant weights, as stored integers or codebook indices of at "
              "most 4 bits";
  int64_t m = op.getInput().getType().getDimSize(0);
  int64_t k = op.getInput().getType().getDimSize(1);
  int64_t n = wType.getDimSize(0);
  int64_t blocks = (k + kBlock - 1) / kBlock;
  int64_t rows = std::min<int64_t>(rowsAttr.getInt(), m);
  QuantParams p = *getQuantParams(cb ? cb.getQuantType() : wType.getElementType());

  Location loc = op.getLoc();
  rw.setInsertionPoint(op);
  KernelBuilder e{rw, loc};
  Type i8 = rw.getI8Type(), i32 = rw.getI32Type(), f32 = rw.getF32Type();
  // Compile-time packing: the weights (or index nibbles) per channel and
  // block, padded with 0; the tables as one 64-byte vector each.
  SmallVector<int64_t> idx, values;
  int64_t bytesPerBlock = cb ? kBlock / 2 : kBlock;
  SmallVector<int8_t> packed(n * blocks * bytesPerBlock, 0);
  Value tables;
  if (cb) {
    decodeCodebookIndices(cb, wType.getShape(), raw, idx, values);
    for (int64_t c = 0; c < n; ++c)
      for (int64_t kk = 0; kk < k; ++kk) {
        int64_t b = kk / kBlock, i = kk % kBlock;
        int8_t &byte = packed[(c * blocks + b) * bytesPerBlock + i % 32];
        byte = static_cast<int8_t>(byte | (idx[c * k + kk] << (i < 32 ? 0 : 4)));
      }
    // 16 entries per table (entry E - 1 repeated, rule N23.1): indices
    // of up to 4 bits never read past them.
    int64_t count = cb.getNumTables();
    SmallVector<int8_t> t(count * 16, 0);
    for (int64_t c = 0; c < count; ++c)
      for (int64_t s = 0; s < 16; ++s)
        t[c * 16 + s] = static_cast<int8_t>(
            cb.getTableOf(c)[std::min<int64_t>(s, cb.getEntries() - 1)]);
    tables = e.tensorConstant(ArrayRef<int8_t>(t), i8, {count, 16});
  } else {
    SmallVector<int64_t> q;
    for (const APInt &v : raw.getValues<APInt>())
      q.push_back(p.isSigned ? v.getSExtValue() : v.getZExtValue());
    for (int64_t c = 0; c < n; ++c)
      for (int64_t kk = 0; kk < k; ++kk)
        packed[(c * blocks + kk / kBlock) * bytesPerBlock + kk % kBlock] =
            static_cast<int8_t>(q[c * k + kk]);
  }
  Value weights = e.tensorConstant(ArrayRef<int8_t>(packed), i8, {n, blocks * bytesPerBlock});
  SmallVector<int32_t> zps;
  SmallVector<float> scales;
  bool anyZp = false;
  for (int64_t c = 0; c < n; ++c) {
    zps.push_back(static_cast<int32_t>(p.zeroPoint(c)));
    scales.push_back(static_cast<float>(p.scale(c)));
    anyZp |= p.zeroPoint(c) != 0;
  }
  Value zpT = e.tensorConstant(ArrayRef<int32_t>(zps), i32, {n});
  Value scaleT = e.tensorConstant(ArrayRef<float>(scales), f32, {n});

  auto v32i8 = VectorType::get({32}, i8), v64i8 = VectorType::get({kBlock}, i8);
  auto v64i32 = VectorType::get({kBlock}, i32), v64f32 = VectorType::get({kBlock}, f32);
  Value zeroF = arith::ConstantOp::create(rw, loc, rw.getF32FloatAttr(0.0f));
  Value zeroI8 = arith::ConstantOp::create(rw, loc, rw.getIntegerAttr(i8, 0));
  Value zeroVec = arith::ConstantOp::create(rw, loc, DenseElementsAttr::get(v64f32, 0.0f));
  auto splatI8 = [&](OpBuilder &b, int64_t v) -> Value {
    return arith::ConstantOp::create(b, loc, DenseElementsAttr::get(v32i8, APInt(8, v)));
  };
  Value x = op.getInput(), bias = op.getBias();

  // Rows [r0, r0 + count) against channels [cBegin, cEnd) of `out` (a
  // [m, channels, 1] tensor whose channel 0 is cBegin).
  auto rowGroup = [&](KernelBuilder &g, Value out, Value r0, int64_t count, Value cBegin,
                      Value cEnd) -> Value {
    return emitLoop(g, cBegin, cEnd, 1, {out}, [&](KernelBuilder &ge, Value c, ValueRange it) -> SmallVector<Value> {
      OpBuilder &b = ge.b;
      Value table;
      if (cb)
        table = ge.read(VectorType::get({16}, i8), tables,
                        {cb.isPerTensor() ? ge.index(0) : c, ge.index(0)}, zeroI8);
      Value zpSplat;
      if (anyZp) {
        Value z = tensor::ExtractOp::create(b, loc, zpT, ValueRange{c});
        zpSplat = vector::BroadcastOp::create(b, loc, v64i32, z);
      }
      SmallVector<Value> init(count, zeroVec);
      SmallVector<Value> accs = emitLoop(
          ge, 0, blocks, 1, init, [&](KernelBuilder &be, Value blk, ValueRange acc) -> SmallVector<Value> {
            OpBuilder &bb = be.b;
            Value q8;
            Value off = be.mulAdd(blk, bytesPerBlock, 0);
            if (cb) {
              Value bytes = be.read(v32i8, weights, {c, off}, zeroI8);
              Value lo = arith::AndIOp::create(bb, loc, bytes, splatI8(bb, 0x0f));
              Value hi = arith::ShRUIOp::create(bb, loc, bytes, splatI8(bb, 4));
              SmallVector<int64_t> concat(kBlock);
              for (int64_t i = 0; i < kBlock; ++i)
                concat[i] = i;
              Value ids = vector::ShuffleOp::create(bb, loc, lo, hi, concat);
              q8 = Lookup16Op::create(bb, loc, table, ids);
            } else {
              q8 = be.read(v64i8, weights, {c, off}, zeroI8);
            }
            Value q = p.isSigned ? arith::ExtSIOp::create(bb, loc, v64i32, q8).getResult()
                                 : arith::ExtUIOp::create(bb, loc, v64i32, q8).getResult();
            if (anyZp)
              q = arith::SubIOp::create(bb, loc, q, zpSplat);
            Value qf = arith::SIToFPOp::create(bb, loc, v64f32, q);
            Value k0 = be.mulAdd(blk, kBlock, 0);
            SmallVector<Value> next;
            for (int64_t r = 0; r < count; ++r) {
              Value row = arith::AddIOp::create(bb, loc, r0, be.index(r));
              Value xv = vector::TransferReadOp::create(
                  bb, loc, v64f32, x, ValueRange{row, k0}, zeroF,
                  ArrayRef<bool>{k % kBlock == 0});
              next.push_back(math::FmaOp::create(bb, loc, xv, qf, acc[r]));
            }
            return next;
          });
      Value s = tensor::ExtractOp::create(b, loc, scaleT, ValueRange{c});
      Value bc = tensor::ExtractOp::create(b, loc, bias, ValueRange{c});
      Value o = it[0];
      for (int64_t r = 0; r < count; ++r) {
        // Rule N25.3: lane j + w onto lane j, w = 32, 16, ..., 1.
        Value v = accs[r];
        for (int64_t w = kBlock / 2; w >= 1; w /= 2) {
          Value lo = vector::ExtractStridedSliceOp::create(b, loc, v, {0}, {w}, {1});
          Value hi = vector::ExtractStridedSliceOp::create(b, loc, v, {w}, {w}, {1});
          v = arith::AddFOp::create(b, loc, lo, hi);
        }
        Value t = vector::ExtractOp::create(b, loc, v, ArrayRef<int64_t>{0});
        Value y = arith::AddFOp::create(b, loc, arith::MulFOp::create(b, loc, s, t), bc);
        Value row = arith::AddIOp::create(b, loc, r0, ge.index(r));
        Value col = arith::SubIOp::create(b, loc, c, cBegin);
        o = tensor::InsertOp::create(b, loc, y, o, ValueRange{row, col, ge.index(0)});
      }
      return {o};
    })[0];
  };
  int64_t full = m / rows * rows;
  auto allRows = [&](KernelBuilder &g, Value o, Value cBegin, Value cEnd) -> Value {
    o = emitLoop(g, 0, full, rows, {o},
                 [&](KernelBuilder &gr, Value r0, ValueRange it) -> SmallVector<Value> {
                   return {rowGroup(gr, it[0], r0, rows, cBegin, cEnd)};
                 })[0];
    if (full < m)
      o = rowGroup(g, o, g.index(full), m - full, cBegin, cEnd);
    return o;
  };
  Value out = tensor::EmptyOp::create(rw, loc, ArrayRef<int64_t>{m, n, 1}, f32);
  // With threads, each takes a band of output channels (and their weight
  // rows: the bytes read split evenly); every row is computed as on one
  // thread, so the result is the same bit for bit.
  int64_t parts = std::min(threads, n);
  if (parts > 1) {
    out = emitParallel(e, out, parts, n, 1, /*dim=*/1,
                       [&](KernelBuilder &g, Value slice, Value lo, Value hi) {
                         return allRows(g, slice, lo, hi);
                       });
  } else {
    out = allRows(e, out, e.index(0), e.index(n));
  }
  SmallVector<ReassociationIndices> collapse = {{0}, {1, 2}};
  rw.replaceOpWithNewOp<tensor::CollapseShapeOp>(op, out, collapse);
  return success();
}
