//===- QNNToVNNI.cpp - AVX-512 VNNI kernels for qnn ops -------------------===//
//
// A register-tiled u8 x s8 -> s32 kernel built on `vpdpbusd`, shared by
// qnn.conv2d and qnn.fully_connected: both are seen as a convolution over an
// NHWC input, a fully connected layer [M, K] x [N, K] being the 1x1
// convolution of a 1 x 1 x M x K image. Output pixels of one output row are
// taken `mr` at a time and output channels in `nr` blocks of 16; each step
// of the inner dimension (taps, then groups of 4 input channels) is one
// 32-bit broadcast of 4 activation bytes per pixel against one 64-byte
// vector of packed weights per block (16 channels x 4 input channels). The
// window is read straight from the input: no im2col buffer.
//
// Numerics (docs/numerics.md, rules N8 and N10): the reference accumulates
// bias + sum (x - zx) * w in wrapping i32. Here the sum of x * w is formed by
// vpdpbusd (also wrapping) on top of bias - zx * sum_k w, computed at
// compile time; in the ring of integers mod 2^32 both are the same value, so
// the requantized results agree bit for bit. s8 activations become u8 by
// flipping their top bit, i.e. x + 128 with zx + 128. Padding taps hold
// zx + 128 (or zx) so that they contribute 0, as in rule N8.4.
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/QNNToVNNI/QNNToVNNI.h"
#include "BinaryKernels.h"
#include "BitSerialKernels.h"
#include "KernelUtils.h"
#include "WeightOnlyKernels.h"
#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"
#include "qnn/Conversion/QNNToLinalg/QNNToLinalg.h"
#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"

#include "llvm/ADT/TypeSwitch.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_CONVERTQNNTOVNNI
#include "qnn/Conversion/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

constexpr int64_t kLanes = 16; // i32 lanes of a zmm register
constexpr int64_t kGroup = 4;  // input channels per vpdpbusd lane

using namespace mlir::qnn::kernel;

/// Everything the loop nest needs.
struct Kernel {
  ConvShape s;
  int64_t groups = 0; // groups of 4 input channels per tap
  int64_t blocks = 0; // ceil(n / 16)
  RequantMode mode = RequantMode::FixedPoint;
  RequantPlan plan;
  Type container;
  Value x;                    // [batch, Hp, Wp, 4 * groups] i8 (u8 values)
  bool band = false;          // x is one output row's [1, kh, Wp, 4 * groups]
  Value packed;               // [blocks, kh * kw * groups, 64] i8
  Value bias;                 // [blocks * 16] i32, zero point folded in
  SmallVector<Value> requant; // [blocks * 16] per-channel plan vectors
  // Codebook weights decoded in registers (rule N23): `packed` is then
  // [blocks, kh * kw * groups, 64 * indexBits / 8] i8, the indices of each
  // group's 64 weight bytes at indexBits bits (see packIndices); `tables`
  // is [tableBlocks, tableVectors, 64] i8.
  int64_t indexBits = 0;      // 2 (1- and 2-bit codebooks), 3 or 4
  int64_t tableVectors = 0;   // 0: no codebook; 1, 2 or 4 vectors per block
  bool perLayerTable = false; // one table (block 0) for every block
  int64_t entryStride = 0;    // table bytes per output channel (4, 8, 16)
  // lookup = "vpshufb" (kind "dot4"'s default: no VBMI): 16-byte lane
  // tables for vpshufb. Per layer, one
  // vector with the table in each lane; per channel, four vectors, vector p
  // holding in lane L the table of the block's channel 4 L + p.
  bool laneTables = false;
  Value tables;
  // decode = "block": each group of channel blocks is decoded once into a
  // [blocks in group, kh * kw * groups, 64] scratch that its tiles read as
  // int8 weights; `packed` is then that scratch and block j of a tile is
  // its block j there.
  bool decodeBlocks = false;
  bool packedRelative = false;
  // A band of consecutive input rows for output rows bandOh0 .. (see
  // buildChunkBand) rather than one output row's kh tap rows.
  bool chunkBand = false;
  Value bandOh0;
  // Every pair of packed weight bytes keeps u8 x s8 pair sums within i16
  // (qnn.dot_u8i8's narrow_rhs; see fitsPairsInI16).
  bool narrowWeights = false;
  // Kind "dot4" with weights that are not narrow: each tile accumulates
  // pair sums (vpmaddwd on operands widened to i16) in 32 i32 lanes per
  // channel block, lane 2i + h holding input bytes 4i + 2h and 4i + 2h + 1
  // of channel i, and adds each lane pair to the bias after the last step:
  // one multiply per 16 products and no per-step reduction.
  bool pairAccs = false;
};

/// Whether, in every pair of bytes (2k, 2k+1) of `packed`, the positive
/// values sum to at most 128 and the negative ones to at least -128: then
/// 255 times either sum fits i16, so vpmaddubsw cannot saturate on these
/// weights whatever the u8 activations are.
bool fitsPairsInI16(ArrayRef<int8_t> packed) {
  for (size_t i = 0; i + 1 < packed.size(); i += 2) {
    int a = packed[i], b = packed[i + 1];
    if (std::max(a, 0) + std::max(b, 0) > 128 ||
        std::min(a, 0) + std::min(b, 0) < -128)
      return false;
  }
  return true;
}

/// The packed form of one group's 64 indices `idx` (each below
/// 2^indexBits), appended to `out`:
/// - 4 bits: 32 bytes, byte i = idx[i] | idx[i + 32] << 4;
/// - 2 bits: 16 bytes, byte i = idx[i] | idx[i + 16] << 2 | idx[i + 32] << 4
///   | idx[i + 48] << 6;
/// - 3 bits: 24 bytes, the low 2 bits of each index as for 2 bits, then 8
///   bytes of their third bits, bit r of byte q being that of idx[8 q + r].
void packIndices(ArrayRef<int8_t> idx, int64_t indexBits,
                 SmallVectorImpl<int8_t> &out) {
  auto u = [&](int64_t i) { return static_cast<uint8_t>(idx[i]); };
  if (indexBits == 4) {
    for (int64_t i = 0; i < 32; ++i)
      out.push_back(static_cast<int8_t>(u(i) | u(i + 32) << 4));
    return;
  }
  for (int64_t i = 0; i < 16; ++i)
    out.push_back(static_cast<int8_t>((u(i) & 3) | (u(i + 16) & 3) << 2 |
                                      (u(i + 32) & 3) << 4 |
                                      (u(i + 48) & 3) << 6));
  if (indexBits == 3)
    for (int64_t q = 0; q < 8; ++q) {
      uint8_t plane = 0;
      for (int64_t r = 0; r < 8; ++r)
        plane |= ((u(8 * q + r) >> 2) & 1) << r;
      out.push_back(static_cast<int8_t>(plane));
    }
}

/// The 64 index bytes of one group from its packed form `raw` (see
/// packIndices): shifts and masks, and for 3 bits each byte of the bit
/// plane spread over 8 index bytes (a shuffle, a test of bit j % 8).
Value unpackIndices(KernelBuilder &e, const Kernel &k, Value raw) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  auto splat = [&](int64_t n, int64_t byte) {
    auto type = VectorType::get({n}, b.getI8Type());
    return arith::ConstantOp::create(
               b, loc, DenseElementsAttr::get(type, APInt(8, byte & 0xff)))
        .getResult();
  };
  auto iota = [](int64_t n) {
    SmallVector<int64_t> v(n);
    for (int64_t i = 0; i < n; ++i)
      v[i] = i;
    return v;
  };
  if (k.indexBits == 4) {
    Value lo = arith::AndIOp::create(b, loc, raw, splat(32, 0x0f));
    Value hi = arith::ShRUIOp::create(b, loc, raw, splat(32, 4));
    return vector::ShuffleOp::create(b, loc, lo, hi, iota(64));
  }
  Value two = k.indexBits == 3
                  ? vector::ShuffleOp::create(b, loc, raw, raw, iota(16))
                        .getResult()
                  : raw;
  SmallVector<Value> parts;
  for (int64_t p = 0; p < 4; ++p) {
    Value v = p ? arith::ShRUIOp::create(b, loc, two, splat(16, 2 * p))
                      .getResult()
                : two;
    parts.push_back(arith::AndIOp::create(b, loc, v, splat(16, 3)));
  }
  Value idx = vector::ShuffleOp::create(
      b, loc, vector::ShuffleOp::create(b, loc, parts[0], parts[1], iota(32)),
      vector::ShuffleOp::create(b, loc, parts[2], parts[3], iota(32)),
      iota(64));
  if (k.indexBits == 2)
    return idx;
  SmallVector<int64_t> spread(64);
  SmallVector<APInt> bit;
  for (int64_t j = 0; j < 64; ++j) {
    spread[j] = 16 + j / 8;
    bit.push_back(APInt(8, 1u << (j % 8)));
  }
  auto v64 = VectorType::get({64}, b.getI8Type());
  Value planes = vector::ShuffleOp::create(b, loc, raw, raw, spread);
  Value set = arith::AndIOp::create(
      b, loc, planes,
      arith::ConstantOp::create(b, loc, DenseElementsAttr::get(v64, bit)));
  Value on = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, set,
                                   splat(64, 0));
  Value third = arith::SelectOp::create(b, loc, on, splat(64, 4), splat(64, 0));
  return arith::OrIOp::create(b, loc, idx, third);
}

/// Decodes 64 weight bytes (16 channels x 4 inputs) from their packed
/// indices `raw`, with the block's table vectors `tables`
/// (rule N23): indices are expanded to bytes, offset by their channel's
/// place in the table (per-channel tables) and looked up with vpermb (one
/// vector: a per-layer table, or 16 channels x 4 entries) or vpermi2b (two
/// vectors: 16 channels x 8 entries; four: two lookups of 8 channels x 16
/// entries and a blend); with lane tables (kind "dot4"), by vpshufb: one
/// lookup per layer, four and three blends per channel.
Value decodeWeights(KernelBuilder &e, const Kernel &k, Value raw,
                    ArrayRef<Value> tables) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  auto v64 = VectorType::get({64}, b.getI8Type());
  Value idx = unpackIndices(e, k, raw);
  if (k.laneTables) {
    // Byte j belongs to channel j / 4, the place (j % 16) / 4 of its lane:
    // looked up in vector (j % 16) / 4, whose lane holds that channel's
    // table; the four lookups merge by 32-bit lane (vpblendd).
    Value r = LaneLookup16Op::create(b, loc, tables[0], idx);
    for (int64_t p = 1; p < static_cast<int64_t>(tables.size()); ++p) {
      SmallVector<bool> mine(64);
      for (int64_t j = 0; j < 64; ++j)
        mine[j] = (j % 16) / 4 == p;
      Value mask = arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(VectorType::get({64}, b.getI1Type()),
                                         ArrayRef<bool>(mine)));
      r = arith::SelectOp::create(b, loc, mask,
                                  LaneLookup16Op::create(b, loc, tables[p], idx),
                                  r);
    }
    return r;
  }
  if (k.perLayerTable)
    return PermuteBytesOp::create(b, loc, tables[0], idx);
  // Byte j is channel j / 4 of the block: its entries start at
  // entryStride * (j / 4) within the block's tables (modulo the 128 bytes
  // one vpermi2b sees).
  SmallVector<APInt> offsets;
  for (int64_t j = 0; j < 64; ++j)
    offsets.push_back(APInt(8, (k.entryStride * (j / 4)) % 128));
  Value off = arith::ConstantOp::create(b, loc,
                                        DenseElementsAttr::get(v64, offsets));
  idx = arith::OrIOp::create(b, loc, idx, off);
  if (k.tableVectors == 1)
    return PermuteBytesOp::create(b, loc, tables[0], idx);
  Value first = PermuteBytes2Op::create(b, loc, tables[0], tables[1], idx);
  if (k.tableVectors == 2)
    return first;
  Value second = PermuteBytes2Op::create(b, loc, tables[2], tables[3], idx);
  SmallVector<bool> low(64);
  for (int64_t j = 0; j < 64; ++j)
    low[j] = j < 32;
  Value mask = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(VectorType::get({64}, b.getI1Type()),
                                     ArrayRef<bool>(low)));
  return arith::SelectOp::create(b, loc, mask, first, second);
}

/// The table vectors of channel block `blk` (none without a codebook).
SmallVector<Value> loadTables(KernelBuilder &e, const Kernel &k, Value blk) {
  SmallVector<Value> out;
  if (!k.tableVectors)
    return out;
  Type i8 = e.b.getI8Type();
  Value zero = arith::ConstantOp::create(e.b, e.loc, e.b.getIntegerAttr(i8, 0));
  Value tb = k.perLayerTable ? e.index(0) : blk;
  for (int64_t v = 0; v < k.tableVectors; ++v)
    out.push_back(e.read(VectorType::get({64}, i8), k.tables,
                         {tb, e.index(v), e.index(0)}, zero));
  return out;
}

/// The 4 activation bytes x[n, ih, iw, 4g .. 4g+3] broadcast to all 16
/// lanes, as vpdpbusd's unsigned operand.
Value loadActivations(KernelBuilder &e, const Kernel &k, Value n, Value ih,
                      Value iw, Value group) {
  OpBuilder &b = e.b;
  Type i8 = b.getI8Type(), i32 = b.getI32Type();
  Value channel = e.mulAdd(group, kGroup, 0);
  Value zero = arith::ConstantOp::create(b, e.loc, b.getIntegerAttr(i8, 0));
  Value bytes = e.read(VectorType::get({kGroup}, i8), k.x,
                       {n, ih, iw, channel}, zero);
  Value word =
      vector::BitCastOp::create(b, e.loc, VectorType::get({1}, i32), bytes);
  Value scalar =
      vector::ExtractOp::create(b, e.loc, word, ArrayRef<int64_t>{0});
  Value splat = vector::BroadcastOp::create(
      b, e.loc, VectorType::get({kLanes}, i32), scalar);
  return vector::BitCastOp::create(
      b, e.loc, VectorType::get({kLanes * kGroup}, i8), splat);
}

/// One step of the inner dimension for an mr x nr tile (mr = iws.size()):
/// packed weight group `wg` against the activations of pixels (n, ih, iws[r])
/// at channel group `g`. Returns the new accumulators (row-major).
SmallVector<Value> emitStep(KernelBuilder &e, const Kernel &k, Value nb0,
                            Value wg, Value n, Value ih, ArrayRef<Value> iws,
                            Value g, int64_t nr, ValueRange accs,
                            ArrayRef<SmallVector<Value>> tables) {
  OpBuilder &b = e.b;
  Type i8 = b.getI8Type();
  Value zero = arith::ConstantOp::create(b, e.loc, b.getIntegerAttr(i8, 0));
  SmallVector<Value> weights;
  for (int64_t j = 0; j < nr; ++j) {
    Value blk = k.packedRelative ? e.index(j) : e.mulAdd(nb0, 1, j);
    if (k.tableVectors) {
      Value raw = e.read(VectorType::get({k.indexBits * 8}, i8), k.packed,
                         {blk, wg, e.index(0)}, zero);
      weights.push_back(decodeWeights(e, k, raw, tables[j]));
      continue;
    }
    weights.push_back(e.read(VectorType::get({kLanes * kGroup}, i8), k.packed,
                             {blk, wg, e.index(0)}, zero));
  }
  SmallVector<Value> next;
  if (k.pairAccs) {
    // Operands widened to i16 then i32, products summed in adjacent pairs:
    // the shape LLVM's x86 backend turns into vpmaddwd (at most 2 * 255 *
    // 128 in magnitude, no saturation).
    auto w16 = VectorType::get({kLanes * kGroup}, b.getI16Type());
    auto w32 = VectorType::get({kLanes * kGroup}, b.getI32Type());
    SmallVector<int64_t> even, odd;
    for (int64_t i = 0; i < 2 * kLanes; ++i) {
      even.push_back(2 * i);
      odd.push_back(2 * i + 1);
    }
    SmallVector<Value> wide;
    for (Value w : weights)
      wide.push_back(arith::ExtSIOp::create(
          b, e.loc, w32, arith::ExtSIOp::create(b, e.loc, w16, w)));
    for (auto [r, iw] : llvm::enumerate(iws)) {
      Value a = arith::ExtSIOp::create(
          b, e.loc, w32,
          arith::ExtUIOp::create(b, e.loc, w16,
                                 loadActivations(e, k, n, ih, iw, g)));
      for (int64_t j = 0; j < nr; ++j) {
        Value prod = arith::MulIOp::create(b, e.loc, a, wide[j]);
        Value sum = arith::AddIOp::create(
            b, e.loc, vector::ShuffleOp::create(b, e.loc, prod, prod, even),
            vector::ShuffleOp::create(b, e.loc, prod, prod, odd));
        next.push_back(
            arith::AddIOp::create(b, e.loc, accs[r * nr + j], sum));
      }
    }
    return next;
  }
  for (auto [r, iw] : llvm::enumerate(iws)) {
    Value a = loadActivations(e, k, n, ih, iw, g);
    for (int64_t j = 0; j < nr; ++j)
      next.push_back(DotU8I8Op::create(b, e.loc, accs[r * nr + j], a,
                                       weights[j], k.narrowWeights));
  }
  return next;
}

/// decode = "block": the weights of channel blocks nb0 .. nb0 + count - 1
/// decoded once into a [count, kh * kw * groups, 64] i8 scratch, the int8
/// layout the tiles then read (rule N23).
Value decodeBlockGroup(KernelBuilder &e, const Kernel &k, Value nb0,
                       int64_t count, int64_t tapGroups) {
  Type i8 = e.b.getI8Type();
  Value zero = arith::ConstantOp::create(e.b, e.loc, e.b.getIntegerAttr(i8, 0));
  Value scratch = tensor::EmptyOp::create(
      e.b, e.loc, ArrayRef<int64_t>{count, tapGroups, kLanes * kGroup}, i8);
  for (int64_t j = 0; j < count; ++j) {
    Value blk = e.mulAdd(nb0, 1, j);
    SmallVector<Value> tables = loadTables(e, k, blk);
    scratch = emitLoop(e, 0, tapGroups, 1, ValueRange{scratch},
                       [&](KernelBuilder &e1, Value wg, ValueRange sc) {
      Value raw = e1.read(VectorType::get({k.indexBits * 8}, i8), k.packed,
                          {blk, wg, e1.index(0)}, zero);
      Value w = decodeWeights(e1, k, raw, tables);
      return SmallVector<Value>{
          vector::TransferWriteOp::create(e1.b, e1.loc, w, sc[0],
                                          ValueRange{e1.index(j), wg, e1.index(0)},
                                          ArrayRef<bool>{true})
              .getResult()};
    })[0];
  }
  return scratch;
}

/// An mr x nr register tile: output pixels (n, oh, ow0 .. ow0 + mr - 1),
/// channel blocks nb0 .. nb0 + nr - 1. Bias, the loops over taps and channel
/// groups, requantization, and the store into `out` (3-D: rows, columns,
/// channels) at row `outRow`, columns outCol0 .., whose new value is
/// returned.
Value emitTile(KernelBuilder &e, const Kernel &k, Value out, Value n, Value oh,
               Value ow0, Value outRow, Value outCol0, Value nb0, int64_t mr,
               int64_t nr, bool colsInBounds) {
  OpBuilder &b = e.b;
  Location loc = e.loc;
  const ConvShape &s = k.s;
  auto accType = VectorType::get({kLanes}, b.getI32Type());
  auto pairType = VectorType::get({2 * kLanes}, b.getI32Type());
  Value zero32 = arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(0));
  SmallVector<Value> cols, accs, rows;
  for (int64_t j = 0; j < nr; ++j)
    cols.push_back(e.mulAdd(nb0, kLanes, j * kLanes));
  Value pairZero =
      k.pairAccs
          ? arith::ConstantOp::create(b, loc, b.getZeroAttr(pairType)).getResult()
          : Value();
  for (int64_t r = 0; r < mr; ++r)
    for (int64_t j = 0; j < nr; ++j)
      accs.push_back(k.pairAccs ? pairZero
                                : e.read(accType, k.bias, {cols[j]}, zero32));
  for (int64_t r = 0; r < mr; ++r)
    rows.push_back(e.mulAdd(ow0, 1, r));
  // A codebook's table vectors stay in registers for the whole tile.
  SmallVector<SmallVector<Value>> tables;
  for (int64_t j = 0; j < nr; ++j)
    tables.push_back(loadTables(e, k, e.mulAdd(nb0, 1, j)));

  // The window straight from the (padded) input: tap (th, tw) of pixel
  // (oh, ow) reads row oh*sh + th*dh and column ow*sw + tw*dw.
  // In band mode row th of the band holds input row oh*sh + th*dh.
  // In a chunk band, row i holds input row bandOh0 * sh - pt + i.
  Value ihBase =
      k.chunkBand
          ? e.mulAdd(arith::SubIOp::create(b, loc, oh, k.bandOh0), s.sh, 0)
      : k.band ? e.index(0)
               : e.mulAdd(oh, s.sh, 0);
  Value nRead = k.band ? e.index(0) : n;
  int64_t rowStep = k.band && !k.chunkBand ? 1 : s.dh;
  SmallVector<Value> iwBase;
  for (Value ow : rows)
    iwBase.push_back(e.mulAdd(ow, s.sw, 0));
  accs = emitLoop(e, 0, s.kh, 1, accs,
                  [&](KernelBuilder &e1, Value th, ValueRange a1) {
    Value ih = e1.add(ihBase, e1.mulAdd(th, rowStep, 0));
    return emitLoop(e1, 0, s.kw, 1, a1,
                    [&](KernelBuilder &e2, Value tw, ValueRange a2) {
      Value dx = e2.mulAdd(tw, s.dw, 0);
      SmallVector<Value> iws;
      for (Value base : iwBase)
        iws.push_back(e2.add(base, dx));
      Value tap = e2.add(e2.mulAdd(th, s.kw, 0), tw);
      Value tapBase = e2.mulAdd(tap, k.groups, 0);
      return emitLoop(e2, 0, k.groups, 1, a2,
                      [&](KernelBuilder &e3, Value g, ValueRange a3) {
        Value wg = e3.add(tapBase, g);
        return emitStep(e3, k, nb0, wg, nRead, ih, iws, g, nr, a3, tables);
      });
    });
  });

  if (k.pairAccs) {
    // Each channel's two pair sums added to its bias.
    SmallVector<int64_t> even, odd;
    for (int64_t i = 0; i < kLanes; ++i) {
      even.push_back(2 * i);
      odd.push_back(2 * i + 1);
    }
    for (int64_t r = 0; r < mr; ++r)
      for (int64_t j = 0; j < nr; ++j) {
        Value &acc = accs[r * nr + j];
        Value sum = arith::AddIOp::create(
            b, loc, vector::ShuffleOp::create(b, loc, acc, acc, even),
            vector::ShuffleOp::create(b, loc, acc, acc, odd));
        acc = arith::AddIOp::create(
            b, loc, e.read(accType, k.bias, {cols[j]}, zero32), sum);
      }
  }
  // Epilogue on registers: rule N6 per output channel, then the store.
  for (int64_t r = 0; r < mr; ++r)
    for (int64_t j = 0; j < nr; ++j)
      out = emitEpilogue(e, k.mode, k.plan, k.requant, accs[r * nr + j], out,
                         {outRow, e.mulAdd(outCol0, 1, r)}, cols[j],
                         colsInBounds ? 0 : s.n % kLanes);
  return out;
}

/// Writes one padded input row into dst[prefix..., :, :] (dst's last two
/// dims are [W + pl + pr, channels]): input row `ih` of batch `n` (top bits
/// flipped when `flip`) between `fill` bytes left and right, or all `fill`
/// when `ih` is outside the input; channels past the input's hold 0 (they
/// meet zero weights). Vector loads and stores of up to 64 bytes: the
/// padding is a copy at memory speed, not a byte loop. Returns the new dst.
Value writePaddedRow(KernelBuilder &e, Value dst, ArrayRef<Value> prefix,
                     Value x, const ConvShape &s, int64_t channels, bool flip,
                     int64_t fill, Value n, Value ih) {
  OpBuilder &b = e.b;
  Type i8 = b.getI8Type();
  int64_t chunk = 64;
  while (channels % chunk != 0)
    chunk /= 2;
  auto vecType = VectorType::get({chunk}, i8);
  auto splat = [&](KernelBuilder &ke, int64_t byte) {
    return arith::ConstantOp::create(
               ke.b, ke.loc,
               DenseElementsAttr::get(
                   vecType, APInt(8, static_cast<uint64_t>(byte) & 0xff)))
        .getResult();
  };
  auto store = [&](KernelBuilder &ke, Value v, Value d, Value col, Value c) {
    SmallVector<Value> idx(prefix);
    idx.append({col, c});
    return vector::TransferWriteOp::create(ke.b, ke.loc, v, d, idx,
                                           ArrayRef<bool>{true})
        .getResult();
  };
  // Columns [begin, end) of the row all `fill`.
  auto fillColumns = [&](KernelBuilder &ke, Value d, int64_t begin,
                         int64_t end) {
    return emitLoop(ke, begin, end, 1, ValueRange{d},
                    [&](KernelBuilder &e1, Value col, ValueRange d1) {
      return emitLoop(e1, 0, channels, chunk, d1,
                      [&](KernelBuilder &e2, Value c, ValueRange d2) {
        return SmallVector<Value>{store(e2, splat(e2, fill), d2[0], col, c)};
      });
    })[0];
  };
  int64_t wp = s.w + s.pl + s.pr;
  Value inside = arith::AndIOp::create(
      b, e.loc,
      arith::CmpIOp::create(b, e.loc, arith::CmpIPredicate::sge, ih,
                            e.index(0)),
      arith::CmpIOp::create(b, e.loc, arith::CmpIPredicate::slt, ih,
                            e.index(s.h)));
  auto ifOp = scf::IfOp::create(
      b, e.loc, inside,
      [&](OpBuilder &tb, Location tl) {
        KernelBuilder te{tb, tl};
        Value d = fillColumns(te, dst, 0, s.pl);
        d = emitLoop(te, 0, s.w, 1, ValueRange{d},
                     [&](KernelBuilder &e1, Value iw, ValueRange d1) {
          Value col = e1.mulAdd(iw, 1, s.pl);
          return emitLoop(e1, 0, channels, chunk, d1,
                          [&](KernelBuilder &e2, Value c, ValueRange d2) {
            Value zero8 = arith::ConstantOp::create(
                e2.b, e2.loc, e2.b.getIntegerAttr(i8, 0));
            // Masked past the input's channels (in_bounds = false).
            Value v = vector::TransferReadOp::create(
                e2.b, e2.loc, vecType, x, ValueRange{n, ih, iw, c}, zero8,
                ArrayRef<bool>{channels == s.c});
            if (flip)
              v = arith::XOrIOp::create(e2.b, e2.loc, v, splat(e2, 0x80));
            return SmallVector<Value>{store(e2, v, d2[0], col, c)};
          });
        })[0];
        d = fillColumns(te, d, s.pl + s.w, wp);
        scf::YieldOp::create(tb, tl, d);
      },
      [&](OpBuilder &eb, Location el) {
        KernelBuilder ee{eb, el};
        scf::YieldOp::create(eb, el, fillColumns(ee, dst, 0, wp));
      });
  return ifOp.getResult(0);
}

/// True when a band of `channels` channels would hold exactly one input row
/// (one tap row, no left or right padding, no channel padding).
bool isPlainRow(const ConvShape &s, int64_t channels) {
  return s.kh == 1 && s.pl == 0 && s.pr == 0 && channels == s.c;
}

/// The kh input rows that output row (n, oh) reads, as a
/// [1, kh, W + pl + pr, channels] band: row th holds input row
/// oh*sh + th*dh - pt (see writePaddedRow). Padding one output row at a
/// time keeps the buffer small (no large allocation per call) and inside
/// the parallel loop.
Value buildBand(KernelBuilder &e, Value x, const ConvShape &s, int64_t channels,
                bool flip, int64_t fill, Value n, Value oh) {
  int64_t wp = s.w + s.pl + s.pr;
  Value band = tensor::EmptyOp::create(
      e.b, e.loc, ArrayRef<int64_t>{1, s.kh, wp, channels}, e.b.getI8Type());
  for (int64_t th = 0; th < s.kh; ++th) {
    Value ih = arith::SubIOp::create(e.b, e.loc,
                                     e.mulAdd(oh, s.sh, th * s.dh),
                                     e.index(s.pt));
    band = writePaddedRow(e, band, {e.index(0), e.index(th)}, x, s, channels,
                          flip, fill, n, ih);
  }
  return band;
}

/// The input rows that output rows oh0 .. oh0 + R - 1 of batch n read, as
/// a [1, bandRows, W + pl + pr, channels] band: row i holds input row
/// oh0 * sh - pt + i (padding and rows past the input as writePaddedRow
/// fills them), bandRows = (R - 1) * sh + (kh - 1) * dh + 1.
Value buildChunkBand(KernelBuilder &e, Value x, const ConvShape &s,
                     int64_t channels, bool flip, int64_t fill, Value n,
                     Value oh0, int64_t bandRows) {
  int64_t wp = s.w + s.pl + s.pr;
  Value band = tensor::EmptyOp::create(
      e.b, e.loc, ArrayRef<int64_t>{1, bandRows, wp, channels},
      e.b.getI8Type());
  Value first = arith::SubIOp::create(e.b, e.loc, e.mulAdd(oh0, s.sh, 0),
                                      e.index(s.pt));
  return emitLoop(e, 0, bandRows, 1, ValueRange{band},
                  [&](KernelBuilder &e1, Value i, ValueRange b1) {
    Value ih = e1.add(first, i);
    return SmallVector<Value>{writePaddedRow(e1, b1[0], {e1.index(0), i}, x,
                                             s, channels, flip, fill, n, ih)};
  })[0];
}

/// The whole input padded: [batch, H + pt + pb, W + pl + pr, channels],
/// every row written by writePaddedRow. Returns `x` itself when there is
/// nothing to pad or flip.
Value padWhole(KernelBuilder &e, Value x, const ConvShape &s, int64_t channels,
               bool flip, int64_t fill) {
  if (!flip && s.pt == 0 && s.pb == 0 && s.pl == 0 && s.pr == 0 &&
      channels == s.c)
    return x;
  int64_t hp = s.h + s.pt + s.pb, wp = s.w + s.pl + s.pr;
  Value out = tensor::EmptyOp::create(
      e.b, e.loc, ArrayRef<int64_t>{s.batch, hp, wp, channels},
      e.b.getI8Type());
  return emitLoop(e, 0, s.batch, 1, ValueRange{out},
                  [&](KernelBuilder &e1, Value n, ValueRange o1) {
    return emitLoop(e1, 0, hp, 1, o1,
                    [&](KernelBuilder &e2, Value r, ValueRange o2) {
      Value ih = arith::SubIOp::create(e2.b, e2.loc, r, e2.index(s.pt));
      return SmallVector<Value>{writePaddedRow(e2, o2[0], {n, r}, x, s,
                                               channels, flip, fill, n, ih)};
    });
  })[0];
}


/// The optional `pad` entry of a kernel choice: "whole" (default: the input
/// is padded once into a full copy) or "band" (each output row pads the
/// rows it reads into a small band). Reports a bad value on `op`.
FailureOr<bool> getBandPadding(Operation *op, DictionaryAttr config) {
  Attribute pad = config.get("pad");
  if (!pad)
    return false;
  auto str = dyn_cast<StringAttr>(pad);
  if (!str || (str.getValue() != "whole" && str.getValue() != "band"))
    return op->emitOpError()
           << "invalid 'pad' in 'qnn.kernel': " << pad
           << " (expected \"whole\" or \"band\")";
  return str.getValue() == "band";
}

/// The operands of a conv2d or fully_connected op the kernel can take.
struct KernelOperands {
  SmallVector<int64_t> weights; // [n, taps, c] row-major (decoded values)
  DenseIntElementsAttr bias;    // null when there is none
  // With decode = "registers": the codebook and each weight's index into
  // its table (the low bits, clamped to the table, rule N23.1).
  CodebookType codebook;
  SmallVector<int64_t> indices;
  bool decodeBlocks = false; // decode = "block"
  bool laneTables = false;   // vpshufb lane tables (lookup = "vpshufb")
  bool dot4 = false;         // kind "dot4" (no VNNI)
  QuantParams x, w, y;
  int64_t mr = 0, nr = 0;
  bool band = false;
};

/// When `w` is `qnn.decode` of constant indices (`qnn.container_cast` of
/// an `arith.constant`): its codebook, each weight's effective index into
/// `indices` and the stored integer it selects into `values` (rule N23.1).
/// Else a null codebook.
CodebookType decodeConstantCodebook(Value w, SmallVectorImpl<int64_t> &indices,
                                    SmallVectorImpl<int64_t> &values) {
  auto dec = w.getDefiningOp<DecodeOp>();
  auto view = dec ? dec.getInput().getDefiningOp<ContainerCastOp>()
                  : ContainerCastOp();
  DenseIntElementsAttr raw = view ? getConstantInts(view.getInput())
                                  : DenseIntElementsAttr();
  if (!raw)
    return {};
  auto cb = cast<CodebookType>(dec.getInput().getType().getElementType());
  decodeCodebookIndices(cb, dec.getInput().getType().getShape(), raw, indices,
                        values);
  return cb;
}

/// Checks the `qnn.kernel` choice and the operands it needs; reports on `op`.
FailureOr<KernelOperands> checkKernel(Operation *op, Value input, Value weight,
                                      Value bias) {
  auto config = op->getAttrOfType<DictionaryAttr>(kKernelAttrName);
  auto kind = config ? config.getAs<StringAttr>("kind") : StringAttr();
  // "dot4" is the same kernel for targets without VNNI: qnn.dot_u8i8 then
  // lowers to vpmaddwd-based code (convert-qnn-vector-to-llvm).
  if (!kind || (kind.getValue() != "vnni512" && kind.getValue() != "dot4"))
    return op->emitOpError()
           << "unknown kernel in 'qnn.kernel': " << config
           << " (expected kind = \"vnni512\", \"dot4\" or \"bitserial\")";
  auto mrAttr = config.getAs<IntegerAttr>("mr");
  auto nrAttr = config.getAs<IntegerAttr>("nr");
  KernelOperands ops;
  ops.bias = bias ? getConstantInts(bias) : DenseIntElementsAttr();
  ops.x = *getQuantParams(input.getType());
  ops.w = *getQuantParams(weight.getType());
  ops.y = *getQuantParams(op->getResult(0).getType());
  bool haveWeights = false;
  if (config.get("lookup") && !config.get("decode"))
    return op->emitOpError()
           << "'lookup' in 'qnn.kernel' needs codebook weights and "
              "decode = \"registers\" or \"block\": " << config;
  if (Attribute decode = config.get("decode")) {
    // Codebook weights decoded in registers: qnn.decode of constant
    // indices, at most 4 bits, input channels a multiple of 4 (no channel
    // padding, whose weights must be 0).
    auto mode = dyn_cast<StringAttr>(decode);
    int64_t channels = cast<ShapedType>(input.getType()).getShape().back();
    CodebookType cbType =
        decodeConstantCodebook(weight, ops.indices, ops.weights);
    if (!mode || (mode.getValue() != "registers" && mode.getValue() != "block") ||
        !cbType ||
        cbType.getBits() > 4 || cbType.getAxis() > 0 ||
        channels % kGroup != 0)
      return op->emitOpError()
             << "cannot decode codebook weights in registers as 'qnn.kernel' "
                "asks: it needs decode = \"registers\" or \"block\", weights that are "
                "qnn.decode of constant indices of at most 4 bits with one "
                "table or one per output channel (axis 0), and input "
                "channels a multiple of 4";
    // The table lookup: vpshufb on 16-byte lane tables (the default of
    // "dot4": AVX2, or AVX-512 without VBMI) or vpermb / vpermi2b (the
    // default of "vnni512").
    auto lookup = config.get("lookup");
    auto lookupName = dyn_cast_or_null<StringAttr>(lookup);
    if (lookup && (!lookupName || (lookupName.getValue() != "vpshufb" &&
                                   lookupName.getValue() != "vpermb")))
      return op->emitOpError()
             << "unknown table lookup in 'qnn.kernel': " << lookup
             << " (expected lookup = \"vpshufb\" or \"vpermb\")";
    ops.codebook = cbType;
    ops.decodeBlocks = mode.getValue() == "block";
    ops.laneTables = lookupName ? lookupName.getValue() == "vpshufb"
                                : kind.getValue() == "dot4";
    haveWeights = true;
  } else if (DenseIntElementsAttr w = getConstantInts(weight)) {
    for (const APInt &v : w.getValues<APInt>())
      ops.weights.push_back(v.getSExtValue());
    haveWeights = true;
  }
  if (!mrAttr || !nrAttr || mrAttr.getInt() < 1 || nrAttr.getInt() < 1 ||
      !haveWeights || (bias && !ops.bias) || ops.x.width > 8 ||
      ops.w.width > 8 || !ops.w.isSigned || ops.y.width > 16 ||
      llvm::any_of(ops.w.zeroPoints, [](int64_t z) { return z != 0; }))
    return op->emitOpError()
           << "cannot apply the " << kind.getValue()
           << " kernel chosen in 'qnn.kernel': it "
              "needs 'mr' and 'nr' >= 1, activations of at most 8 bits, "
              "constant signed weights of at most 8 bits with zero points 0, "
              "a constant bias or none, "
              "and a result of at most 16 bits";
  ops.mr = mrAttr.getInt();
  ops.nr = nrAttr.getInt();
  ops.dot4 = kind.getValue() == "dot4";
  FailureOr<bool> band = getBandPadding(op, config);
  if (failed(band))
    return failure();
  ops.band = *band;
  return ops;
}

/// Builds the kernel for a convolution of `x4` ([batch, h, w, c] i8 storage)
/// and returns the result [batch, outH, outW, n] in its storage container.
/// With `threads` > 1 the output is split into that many parts computed in
/// parallel.
FailureOr<Value> emitConvKernel(Operation *op, RewriterBase &rewriter,
                                RequantMode mode, int64_t threads,
                                const ConvShape &s, Value x4,
                                const KernelOperands &ops,
                                Activation activation) {
  KernelBuilder e{rewriter, op->getLoc()};
  Kernel k;
  k.s = s;
  k.mode = mode;
  k.blocks = (s.n + kLanes - 1) / kLanes;
  k.groups = (s.c + kGroup - 1) / kGroup;
  int64_t taps = s.kh * s.kw;
  int64_t tapGroups = taps * k.groups;

  // Weights packed [block][tap][group][channel-in-block][input-in-group].
  ArrayRef<int64_t> wv = ops.weights;
  SmallVector<int8_t> packed(k.blocks * tapGroups * kLanes * kGroup, 0);
  SmallVector<int32_t> bias(k.blocks * kLanes, 0);
  int64_t zx = ops.x.zeroPoint(0) + (ops.x.isSigned ? 128 : 0);
  for (int64_t o = 0; o < s.n; ++o) {
    uint32_t colSum = 0;
    int64_t blk = o / kLanes, lane = o % kLanes;
    for (int64_t t = 0; t < taps; ++t) {
      for (int64_t c = 0; c < s.c; ++c) {
        int64_t v = wv[(o * taps + t) * s.c + c];
        colSum += static_cast<uint32_t>(v);
        int64_t wg = t * k.groups + c / kGroup;
        packed[((blk * tapGroups + wg) * kLanes + lane) * kGroup +
               c % kGroup] = static_cast<int8_t>(v);
      }
    }
    uint32_t b0 = ops.bias ? static_cast<uint32_t>(
                                 ops.bias.getValues<APInt>()[o].getSExtValue())
                           : 0u;
    // Wrapping i32 arithmetic, as the reference accumulator (see above).
    bias[o] = static_cast<int32_t>(b0 - static_cast<uint32_t>(zx) * colSum);
  }
  Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();
  k.narrowWeights = fitsPairsInI16(packed);
  k.pairAccs = ops.dot4 && !k.narrowWeights;
  if (ops.codebook) {
    // The same order of weight bytes, as indices of 2, 3 or 4 bits (the
    // codebook's width, 1 as 2; see packIndices).
    SmallVector<int8_t> idx(packed.size(), 0);
    for (int64_t o = 0; o < s.n; ++o)
      for (int64_t t = 0; t < taps; ++t)
        for (int64_t c = 0; c < s.c; ++c) {
          int64_t wg = t * k.groups + c / kGroup;
          idx[((o / kLanes * tapGroups + wg) * kLanes + o % kLanes) * kGroup +
              c % kGroup] = static_cast<int8_t>(ops.indices[(o * taps + t) * s.c + c]);
        }
    k.indexBits = std::max<int64_t>(2, ops.codebook.getBits());
    SmallVector<int8_t> bits;
    for (int64_t g = 0; g < static_cast<int64_t>(idx.size()) / 64; ++g)
      packIndices(ArrayRef<int8_t>(idx).slice(g * 64, 64), k.indexBits, bits);
    k.packed = e.tensorConstant(ArrayRef<int8_t>(bits), i8,
                                {k.blocks, tapGroups, k.indexBits * 8});
    // Tables: one 64-byte vector for a per-layer codebook; per channel,
    // 4, 8 or 16 entries (a stride of that many bytes) per channel, so a
    // block's 16 channels take 1, 2 or 4 vectors. Absent channels (past
    // n) hold zeros.
    CodebookType cb = ops.codebook;
    k.decodeBlocks = ops.decodeBlocks;
    k.perLayerTable = cb.isPerTensor();
    int64_t entries = cb.getEntries();
    k.entryStride = entries <= 4 ? 4 : entries <= 8 ? 8 : 16;
    k.tableVectors = k.perLayerTable ? 1 : k.entryStride * kLanes / 64;
    k.laneTables = ops.laneTables;
    if (k.laneTables) {
      k.entryStride = 16;
      k.tableVectors = k.perLayerTable ? 1 : 4;
    }
    int64_t tableBlocks = k.perLayerTable ? 1 : k.blocks;
    SmallVector<int8_t> tbl(tableBlocks * k.tableVectors * 64, 0);
    if (k.laneTables) {
      // Channel o of block b, lane L = (o % 16) / 4, place p = o % 4:
      // vector p, bytes 16 L ..; a per-layer table fills the 4 lanes.
      auto put = [&](int64_t blk, int64_t place, int64_t lane,
                     ArrayRef<int64_t> t) {
        for (int64_t i = 0; i < entries; ++i)
          tbl[(blk * k.tableVectors + place) * 64 + lane * 16 + i] =
              static_cast<int8_t>(t[i]);
      };
      if (k.perLayerTable) {
        for (int64_t lane = 0; lane < 4; ++lane)
          put(0, 0, lane, cb.getTableOf(0));
      } else {
        for (int64_t o = 0; o < s.n; ++o)
          put(o / kLanes, o % 4, (o % kLanes) / 4, cb.getTableOf(o));
      }
    } else if (k.perLayerTable) {
      for (int64_t i = 0; i < entries; ++i)
        tbl[i] = static_cast<int8_t>(cb.getTableOf(0)[i]);
    } else {
      // Channel o's table: the one of its index along the codebook's axis
      // (conv2d OHWI and fully_connected [N, K]: axis 0, the channel itself).
      for (int64_t o = 0; o < s.n; ++o)
        for (int64_t i = 0; i < entries; ++i)
          tbl[o / kLanes * k.tableVectors * 64 + (o % kLanes) * k.entryStride +
              i] = static_cast<int8_t>(cb.getTableOf(o)[i]);
    }
    k.tables = e.tensorConstant(ArrayRef<int8_t>(tbl), i8,
                                {tableBlocks, k.tableVectors, 64});
  } else {
    k.packed = e.tensorConstant(ArrayRef<int8_t>(packed), i8,
                                {k.blocks, tapGroups, kLanes * kGroup});
  }
  k.bias = e.tensorConstant(ArrayRef<int32_t>(bias), i32, {k.blocks * kLanes});

  if (failed(planEpilogue(e, op, mode, ops.x, ops.w, ops.y, activation, s.n,
                          k.blocks * kLanes, k.plan, k.requant)))
    return failure();

  // Band padding applies when the input needs a padded copy at all, and
  // when a band is more than one unpadded input row (which would fold to a
  // view of the input).
  bool band = ops.band &&
              (s.pt || s.pb || s.pl || s.pr || s.c % kGroup != 0 ||
               ops.x.isSigned) &&
              !isPlainRow(s, k.groups * kGroup);
  k.x = band ? x4
             : padWhole(e, x4, s, k.groups * kGroup, ops.x.isSigned, zx);
  k.container = getContainerType(rewriter.getContext(), ops.y.width);
  int64_t rowCount = s.batch * s.outH;
  Value out = tensor::EmptyOp::create(
      rewriter, e.loc, ArrayRef<int64_t>{rowCount, s.outW, s.n}, k.container);

  // Output columns: full mr tiles, then one tile of the remainder. Channel
  // blocks: full nr tiles, then single full blocks, then the ragged last
  // block (stored through a slice).
  int64_t mr = std::min(ops.mr, s.outW);
  int64_t fullBlocks = s.n / kLanes;
  auto emitBlocks = [&](KernelBuilder &b2, const Kernel &kk, Value o,
                        Span rows, Span cols, int64_t tile) {
    auto prepare = [&](KernelBuilder &pe, Value nb0, int64_t count) {
      return decodeBlockGroup(pe, kk, nb0, count, tapGroups);
    };
    return emitTileNest(b2, s, o, rows, cols, tile, ops.nr, fullBlocks,
                        k.blocks,
                        [&](KernelBuilder &te, Value to, const TilePos &p,
                            int64_t m, int64_t nr, bool ragged) {
      if (!p.scratch)
        return emitTile(te, kk, to, p.n, p.oh, p.ow0, p.outRow, p.outCol,
                        p.nb0, m, nr, /*colsInBounds=*/!ragged);
      // The block group's decoded weights, read as int8 ones.
      Kernel kd = kk;
      kd.packed = p.scratch;
      kd.tableVectors = 0;
      kd.packedRelative = true;
      return emitTile(te, kd, to, p.n, p.oh, p.ow0, p.outRow, p.outCol,
                      p.nb0, m, nr, /*colsInBounds=*/!ragged);
    }, kk.decodeBlocks ? BlockPrepare(prepare) : BlockPrepare());
  };
  auto emitChannels = [&](KernelBuilder &b2, Value o, Span rows, Span cols,
                          int64_t tile) {
    if (!band)
      return emitBlocks(b2, k, o, rows, cols, tile);
    if (k.decodeBlocks) {
      // Codebook weights decoded per group of channel blocks: bands of as
      // many output rows as fit the band size, so that each group is
      // decoded once per band, not once per row (a row at a time cost 14%
      // to 31% on the ResNet-18 shapes that take bands).
      int64_t wp = s.w + s.pl + s.pr, channels = k.groups * kGroup;
      int64_t chunk = 1;
      auto rowsOf = [&](int64_t r) { return (r - 1) * s.sh + (s.kh - 1) * s.dh + 1; };
      while (chunk < s.outH && rowsOf(chunk + 1) * wp * channels <= 96 * 1024)
        ++chunk;
      int64_t bandRows = rowsOf(chunk);
      Value h = b2.index(s.outH);
      Value nLo = arith::DivUIOp::create(b2.b, b2.loc, rows.begin, h);
      Value nHi = arith::DivUIOp::create(b2.b, b2.loc,
                                         b2.mulAdd(rows.end, 1, s.outH - 1), h);
      return emitLoop(b2, nLo, nHi, 1, ValueRange{o},
                      [&](KernelBuilder &e1, Value n, ValueRange o1) {
        Value imgBegin = e1.mulAdd(n, s.outH, 0);
        Value lo = arith::MaxUIOp::create(e1.b, e1.loc, rows.begin, imgBegin);
        Value hi = arith::MinUIOp::create(e1.b, e1.loc, rows.end,
                                          e1.mulAdd(imgBegin, 1, s.outH));
        return emitLoop(e1, lo, hi, chunk, o1,
                        [&](KernelBuilder &e2, Value c0, ValueRange o2) {
          Value c1 = arith::MinUIOp::create(e2.b, e2.loc,
                                            e2.mulAdd(c0, 1, chunk), hi);
          Kernel kb = k;
          kb.band = true;
          kb.chunkBand = true;
          kb.bandOh0 = arith::SubIOp::create(e2.b, e2.loc, c0, imgBegin);
          kb.x = buildChunkBand(e2, x4, s, channels, ops.x.isSigned, zx, n,
                                kb.bandOh0, bandRows);
          return SmallVector<Value>{
              emitBlocks(e2, kb, o2[0], Span{c0, c1, rows.base}, cols, tile)};
        });
      })[0];
    }
    // Band padding: rows outermost, each padding the input rows it reads.
    return emitLoop(b2, rows.begin, rows.end, 1, ValueRange{o},
                    [&](KernelBuilder &e1, Value row, ValueRange o1) {
      std::pair<Value, Value> rowParts = splitRow(e1, s, row);
      Value n = rowParts.first, oh = rowParts.second;
      Kernel kb = k;
      kb.band = true;
      kb.x = buildBand(e1, x4, s, k.groups * kGroup, ops.x.isSigned, zx, n,
                       oh);
      Value next = e1.mulAdd(row, 1, 1);
      return SmallVector<Value>{
          emitBlocks(e1, kb, o1[0], Span{row, next, rows.base}, cols, tile)};
    })[0];
  };
  out = emitOutputTiles(e, out, threads, rowCount, s.outW, mr, emitChannels);
  SmallVector<ReassociationIndices> rowsToImage = {{0, 1}, {2}, {3}};
  return tensor::ExpandShapeOp::create(
             rewriter, e.loc,
             RankedTensorType::get({s.batch, s.outH, s.outW, s.n},
                                   k.container),
             out, rowsToImage)
      .getResult();
}

//===----------------------------------------------------------------------===//
// Depthwise convolution
//===----------------------------------------------------------------------===//

/// A depthwise convolution with channel multiplier 1 (rule N9) on vectors of
/// 16 channels: per pair of taps, both taps' activations interleaved and
/// widened to i16 against i16 weights interleaved at compile time, products
/// summed in pairs (vpmaddwd); `mr` output pixels along a row at a time so
/// every weight vector is loaded once per tile. Channels are innermost, so
/// the input is read in order.
struct DwKernel {
  ConvShape s;        // s.c == s.n: the channels
  int64_t blocks = 0; // ceil(channels / 16)
  bool xSigned = false;
  RequantMode mode = RequantMode::FixedPoint;
  RequantPlan plan;
  Value x;          // [batch, Hp, Wp, blocks * 16] i8, padded with zx
  bool band = false; // x is one output row's [1, kh, Wp, blocks * 16]
  Value weights;     // [ceil(kh * kw / 2), 2 * blocks * 16] i16, tap pairs
  Value bias;    // [blocks * 16] i32, zero point folded in
  SmallVector<Value> requant;
};

/// mr pixels (n, oh, ow0 + r) x the 16 channels at `col`, stored in the
/// 3-D `out` at row `outRow`, columns outCol0 ...
Value emitDwTile(KernelBuilder &e, const DwKernel &k, Value out, Value n,
                 Value oh, Value ow0, Value outRow, Value outCol0, Value col,
                 int64_t mr, int64_t ragged) {
  OpBuilder &b = e.b;
  const ConvShape &s = k.s;
  Type i8 = b.getI8Type(), i32 = b.getI32Type();
  auto acc32 = VectorType::get({kLanes}, i32);
  Value zero32 = arith::ConstantOp::create(b, e.loc, b.getI32IntegerAttr(0));
  SmallVector<Value> accs, rows, iwBase;
  for (int64_t r = 0; r < mr; ++r) {
    accs.push_back(e.read(acc32, k.bias, {col}, zero32));
    rows.push_back(e.mulAdd(ow0, 1, r));
    iwBase.push_back(e.mulAdd(rows.back(), s.sw, 0));
  }
  Value ihBase = k.band ? e.index(0) : e.mulAdd(oh, s.sh, 0);
  Value nRead = k.band ? e.index(0) : n;
  int64_t rowStep = k.band ? 1 : s.dh;
  // Taps in pairs, unrolled: the 16 activations of taps 2p and 2p + 1
  // interleaved and widened to i16 against the interleaved i16 weights;
  // products summed in pairs into i32 (the vpmaddwd shape: at most
  // 2 * 255 * 128, no saturation).
  Type i16 = b.getI16Type();
  auto x16 = VectorType::get({2 * kLanes}, i16);
  auto x32 = VectorType::get({2 * kLanes}, i32);
  Value zero8 = arith::ConstantOp::create(b, e.loc, b.getIntegerAttr(i8, 0));
  Value zero16 = arith::ConstantOp::create(b, e.loc, b.getIntegerAttr(i16, 0));
  SmallVector<int64_t> interleave, even, odd;
  for (int64_t i = 0; i < kLanes; ++i) {
    interleave.append({i, kLanes + i});
    even.push_back(2 * i);
    odd.push_back(2 * i + 1);
  }
  int64_t taps = s.kh * s.kw;
  Value wcol = e.mulAdd(col, 2, 0);
  auto activations = [&](int64_t t, int64_t r) {
    Value ih = e.add(ihBase, e.index((t / s.kw) * rowStep));
    Value iw = e.mulAdd(iwBase[r], 1, (t % s.kw) * s.dw);
    return e.read(VectorType::get({kLanes}, i8), k.x, {nRead, ih, iw, col},
                  zero8);
  };
  for (int64_t p = 0; p < (taps + 1) / 2; ++p) {
    Value w = arith::ExtSIOp::create(
        b, e.loc, x32, e.read(x16, k.weights, {e.index(p), wcol}, zero16));
    for (int64_t r = 0; r < mr; ++r) {
      Value a = activations(2 * p, r);
      // An odd last tap pairs with zero weights: any in-bounds bytes do.
      Value c2 = 2 * p + 1 < taps ? activations(2 * p + 1, r) : a;
      Value both = vector::ShuffleOp::create(b, e.loc, a, c2, interleave);
      Value wide16 =
          k.xSigned
              ? arith::ExtSIOp::create(b, e.loc, x16, both).getResult()
              : arith::ExtUIOp::create(b, e.loc, x16, both).getResult();
      Value prod = arith::MulIOp::create(
          b, e.loc, arith::ExtSIOp::create(b, e.loc, x32, wide16), w);
      Value sum = arith::AddIOp::create(
          b, e.loc, vector::ShuffleOp::create(b, e.loc, prod, prod, even),
          vector::ShuffleOp::create(b, e.loc, prod, prod, odd));
      accs[r] = arith::AddIOp::create(b, e.loc, accs[r], sum);
    }
  }
  for (int64_t r = 0; r < mr; ++r)
    out = emitEpilogue(e, k.mode, k.plan, k.requant, accs[r], out,
                       {outRow, e.mulAdd(outCol0, 1, r)}, col, ragged);
  return out;
}

/// Loops over the output rows of `rows`, the output columns of `cols` step
/// mr and the channel blocks (innermost) around emitDwTile.
Value emitDwTiles(KernelBuilder &e, const DwKernel &k, Value out, Span rows,
                  Span cols, int64_t mr) {
  int64_t fullBlocks = k.s.n / kLanes;
  return emitLoop(e, rows.begin, rows.end, 1, ValueRange{out},
                  [&](KernelBuilder &e1, Value row, ValueRange o1) {
    std::pair<Value, Value> rowParts = splitRow(e1, k.s, row);
      Value n = rowParts.first, oh = rowParts.second;
    Value outRow = arith::SubIOp::create(e1.b, e1.loc, row, rows.base);
    return emitLoop(e1, cols.begin, cols.end, mr, o1,
                    [&](KernelBuilder &e2, Value ow0, ValueRange o2) {
      Value outCol = arith::SubIOp::create(e2.b, e2.loc, ow0, cols.base);
      Value o = emitLoop(e2, 0, fullBlocks * kLanes, kLanes, o2,
                         [&](KernelBuilder &e3, Value col, ValueRange o3) {
        return SmallVector<Value>{emitDwTile(e3, k, o3[0], n, oh, ow0, outRow,
                                             outCol, col, mr, 0)};
      })[0];
      if (k.s.n % kLanes != 0)
        o = emitDwTile(e2, k, o, n, oh, ow0, outRow, outCol,
                       e2.index(fullBlocks * kLanes), mr, k.s.n % kLanes);
      return SmallVector<Value>{o};
    });
  })[0];
}

/// The vector decode of emitDwDecode for codebooks of at most 4 bits whose
/// table depends on the channel only (one table, or tables along the
/// channel axis): the indices stored per channel block and tap pair in the
/// kernel's order (32 indices: channel c0 + j / 2, tap 2p + j % 2), `slot`
/// bits each, byte i of a chunk holding indices i + g * bytes at bits
/// g * slot; decoded per chunk by shifts and masks, then looked up: in one
/// table with qnn.lookup16 (vpshufb), in tables per channel by a select per
/// entry against the block's 16 channels of that entry (an [entries, width]
/// i8 table, read once per block). Padding channels and an odd last tap
/// decode to 0 (masks known at compile time). Returns null where it does
/// not apply.
Value emitDwDecodeVector(KernelBuilder &e, CodebookType cb,
                         ArrayRef<int64_t> indices, int64_t taps,
                         int64_t channels, int64_t width,
                         ArrayRef<int64_t> weightShape, bool signedValues) {
  int64_t entries = cb.getEntries();
  if (cb.getBits() > 4 || entries > 16)
    return Value();
  int64_t inner = 1;
  if (!cb.isPerTensor())
    for (size_t d = cb.getAxis() + 1; d < weightShape.size(); ++d)
      inner *= weightShape[d];
  auto tableOf = [&](int64_t t, int64_t c) -> int64_t {
    return cb.isPerTensor() ? 0
                            : ((t * channels + c) / inner) % cb.getNumTables();
  };
  bool oneTable = true;
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t t = 0; t < taps; ++t) {
      if (tableOf(t, c) != tableOf(0, c))
        return Value();
      oneTable &= tableOf(t, c) == 0;
    }
  OpBuilder &b = e.b;
  Location loc = e.loc;
  ArrayRef<int64_t> table = cb.getTable().asArrayRef();
  int64_t slot = cb.getBits() <= 2 ? 2 : 4;
  int64_t chunk = 2 * kLanes, bytes = chunk * slot / 8, groups = 8 / slot;
  int64_t pairs = (taps + 1) / 2, blocks = width / kLanes;
  SmallVector<int8_t> packed(blocks * pairs * bytes, 0);
  for (int64_t blk = 0; blk < blocks; ++blk)
    for (int64_t p = 0; p < pairs; ++p)
      for (int64_t j = 0; j < chunk; ++j) {
        int64_t c = blk * kLanes + j / 2, t = 2 * p + j % 2;
        if (c >= channels || t >= taps)
          continue;
        int8_t &byte = packed[(blk * pairs + p) * bytes + j % bytes];
        byte =
            static_cast<int8_t>(static_cast<uint8_t>(byte) |
                                static_cast<uint8_t>(indices[t * channels + c]
                                                     << (j / bytes * slot)));
      }
  Type i8 = b.getI8Type(), i16 = b.getI16Type();
  auto v8 = VectorType::get({chunk}, i8);
  auto v16 = VectorType::get({chunk}, i16);
  auto chunkType = VectorType::get({bytes}, i8);
  Value packedCst =
      e.tensorConstant(ArrayRef<int8_t>(packed), i8, {blocks, pairs, bytes});
  // Per channel tables: [entries, width], padding channels 0.
  Value tablesCst;
  if (!oneTable) {
    SmallVector<int8_t> byEntry(entries * width, 0);
    for (int64_t k = 0; k < entries; ++k)
      for (int64_t c = 0; c < channels; ++c)
        byEntry[k * width + c] =
            static_cast<int8_t>(table[tableOf(0, c) * entries + k]);
    tablesCst =
        e.tensorConstant(ArrayRef<int8_t>(byEntry), i8, {entries, width});
  }
  auto splat8 = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(v8, APInt(8, static_cast<uint64_t>(v) & 0xff)));
  };
  auto splatBytes = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(chunkType,
                               APInt(8, static_cast<uint64_t>(v) & 0xff)));
  };
  SmallVector<int64_t> concat(chunk), twice(chunk);
  for (int64_t j = 0; j < chunk; ++j) {
    concat[j] = j;
    twice[j] = j / 2;
  }
  // One chunk: its 32 i16 weights, `valid` (a compile-time lane mask) or
  // all lanes.
  auto decodeChunk = [&](KernelBuilder &g, Value blk, int64_t p,
                         ArrayRef<Value> entryValues,
                         ArrayRef<bool> valid) -> Value {
    Value zero8 = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
    Value raw =
        g.read(chunkType, packedCst, {blk, g.index(p), g.index(0)}, zero8);
    SmallVector<Value> parts;
    for (int64_t gi = 0; gi < groups; ++gi) {
      Value v = gi ? arith::ShRUIOp::create(b, loc, raw, splatBytes(gi * slot))
                         .getResult()
                   : raw;
      parts.push_back(
          arith::AndIOp::create(b, loc, v, splatBytes((1 << slot) - 1)));
    }
    while (parts.size() > 1) {
      SmallVector<Value> next;
      for (size_t i = 0; i < parts.size(); i += 2) {
        int64_t n = cast<VectorType>(parts[i].getType()).getNumElements();
        next.push_back(vector::ShuffleOp::create(
            b, loc, parts[i], parts[i + 1],
            ArrayRef<int64_t>(concat).take_front(2 * n)));
      }
      parts = next;
    }
    Value idx = parts[0];
    Value w;
    if (oneTable) {
      // qnn.lookup16 (vpshufb) on the indices twice, the first half kept.
      SmallVector<int64_t> both(2 * chunk);
      for (int64_t j = 0; j < 2 * chunk; ++j)
        both[j] = j % chunk;
      Value wide = vector::ShuffleOp::create(b, loc, idx, idx, both);
      w = Lookup16Op::create(b, loc, entryValues[0], wide);
      w = vector::ShuffleOp::create(b, loc, w, w, ArrayRef<int64_t>(concat));
    } else {
      w = entryValues[0];
      for (int64_t k = 1; k < entries; ++k) {
        Value hit = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, idx,
                                          splat8(k));
        w = arith::SelectOp::create(b, loc, hit, entryValues[k], w);
      }
    }
    if (!valid.empty()) {
      auto maskType = VectorType::get({chunk}, b.getI1Type());
      Value mask = arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(maskType, valid));
      w = arith::SelectOp::create(b, loc, mask, w, splat8(0));
    }
    // Table bytes are the stored integers: u8 ones (0..255) widen with
    // zeros.
    return signedValues ? arith::ExtSIOp::create(b, loc, v16, w).getResult()
                        : arith::ExtUIOp::create(b, loc, v16, w).getResult();
  };
  auto emitBlock = [&](KernelBuilder &g, Value blk, int64_t realChannels,
                       Value dec) -> Value {
    SmallVector<Value> entryValues;
    if (oneTable) {
      // The table padded to 16 entries with its last (indices past the
      // end read it, rule N23.1).
      SmallVector<int8_t> sixteen;
      for (int64_t k = 0; k < 16; ++k)
        sixteen.push_back(static_cast<int8_t>(table[std::min(k, entries - 1)]));
      entryValues.push_back(arith::ConstantOp::create(
          b, loc,
          DenseElementsAttr::get(VectorType::get({16}, i8),
                                 ArrayRef<int8_t>(sixteen))));
    }
    for (int64_t k = 0; k < entries && !oneTable; ++k) {
      Value zero8 = arith::ConstantOp::create(b, loc, b.getI8IntegerAttr(0));
      Value sixteen = g.read(VectorType::get({kLanes}, i8), tablesCst,
                             {g.index(k), g.mulAdd(blk, kLanes, 0)}, zero8);
      entryValues.push_back(
          vector::ShuffleOp::create(b, loc, sixteen, sixteen, twice));
    }
    for (int64_t p = 0; p < pairs; ++p) {
      SmallVector<bool> valid;
      bool oddTail = 2 * p + 1 >= taps;
      // With per-channel tables padding channels decode to 0 already.
      bool raggedCh = oneTable && realChannels < kLanes;
      if (oddTail || raggedCh)
        for (int64_t j = 0; j < chunk; ++j)
          valid.push_back(j / 2 < realChannels && 2 * p + j % 2 < taps);
      Value w = decodeChunk(g, blk, p, entryValues, valid);
      dec = vector::TransferWriteOp::create(
                b, loc, w, dec, {g.index(p), g.mulAdd(blk, 2 * kLanes, 0)},
                ArrayRef<bool>{true})
                .getResult();
    }
    return dec;
  };
  Value dec =
      tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{pairs, 2 * width}, i16);
  int64_t fullBlocks = channels / kLanes;
  dec = emitLoop(e, 0, fullBlocks, 1, ValueRange{dec},
                 [&](KernelBuilder &g, Value blk, ValueRange d) {
                   return SmallVector<Value>{emitBlock(g, blk, kLanes, d[0])};
                 })[0];
  // Not unrolled: LLVM would fold a short loop's decode into constant
  // weights, int8's bytes again.
  if (auto loop = dec.getDefiningOp<scf::ForOp>())
    loop->setAttr(
        "llvm.loop_annotation",
        LLVM::LoopAnnotationAttr::get(
            b.getContext(), {}, {}, {},
            LLVM::LoopUnrollAttr::get(b.getContext(), b.getBoolAttr(true), {},
                                      {}, {}, {}, {}, {}),
            {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}));
  if (channels % kLanes)
    dec = emitBlock(e, e.index(fullBlocks), channels % kLanes, dec);
  return dec;
}

/// Codebook weights of a depthwise layer (decode = "block"): the indices
/// stored packed (`slot` bits each: 2 for codebooks of 1 or 2 bits, 4 for 3
/// or 4, else 8) in logical order [tap][channel], the tables as i8, and
/// code decoding them once per call into the kernel's [pairs, 2 * width]
/// i16 layout (tap pairs interleaved per channel; padding channels and an
/// odd last tap decode to 0). The decoded tensor is taps * width i16, 10 KB
/// for 3x3x512: nothing the size of a conv2d's weights.
Value emitDwDecode(KernelBuilder &e, CodebookType cb,
                   ArrayRef<int64_t> indices, int64_t taps, int64_t channels,
                   int64_t width, ArrayRef<int64_t> weightShape,
                   bool signedValues) {
  if (Value v = emitDwDecodeVector(e, cb, indices, taps, channels, width,
                                   weightShape, signedValues))
    return v;
  OpBuilder &b = e.b;
  Location loc = e.loc;
  int64_t slot = cb.getBits() <= 2 ? 2 : cb.getBits() <= 4 ? 4 : 8;
  int64_t perByte = 8 / slot;
  SmallVector<int8_t> packed((indices.size() + perByte - 1) / perByte, 0);
  for (auto [i, k] : llvm::enumerate(indices))
    packed[i / perByte] = static_cast<int8_t>(
        static_cast<uint8_t>(packed[i / perByte]) |
        static_cast<uint8_t>(k << ((i % perByte) * slot)));
  SmallVector<int8_t> table;
  for (int64_t v : cb.getTable().asArrayRef())
    table.push_back(static_cast<int8_t>(v));
  Type i8 = b.getI8Type(), i16 = b.getI16Type(), i32 = b.getI32Type();
  Value packedCst = e.tensorConstant(ArrayRef<int8_t>(packed), i8,
                                     {static_cast<int64_t>(packed.size())});
  Value tableCst = e.tensorConstant(ArrayRef<int8_t>(table), i8,
                                    {static_cast<int64_t>(table.size())});
  // The table of logical element f: (f / inner) % tables (rule N23.1).
  int64_t inner = 1;
  if (!cb.isPerTensor())
    for (size_t d = cb.getAxis() + 1; d < weightShape.size(); ++d)
      inner *= weightShape[d];
  int64_t pairs = (taps + 1) / 2;
  auto type = RankedTensorType::get({pairs, 2 * width}, i16);
  return tensor::GenerateOp::create(
      b, loc, type, ValueRange{},
      [&](OpBuilder &gb, Location gl, ValueRange ivs) {
        KernelBuilder g{gb, gl};
        auto idx = [&](int64_t v) { return g.index(v); };
        Value q = ivs[1];
        Value c = arith::DivUIOp::create(gb, gl, q, idx(2));
        Value tap = g.add(arith::MulIOp::create(gb, gl, ivs[0], idx(2)),
                          arith::RemUIOp::create(gb, gl, q, idx(2)));
        Value valid = arith::AndIOp::create(
            gb, gl,
            arith::CmpIOp::create(gb, gl, arith::CmpIPredicate::ult, c,
                                  idx(channels)),
            arith::CmpIOp::create(gb, gl, arith::CmpIPredicate::ult, tap,
                                  idx(taps)));
        Value cs = arith::SelectOp::create(gb, gl, valid, c, idx(0));
        Value ts = arith::SelectOp::create(gb, gl, valid, tap, idx(0));
        Value flat = g.add(arith::MulIOp::create(gb, gl, ts, idx(channels)),
                           cs);
        Value byte = tensor::ExtractOp::create(
            gb, gl, packedCst,
            ValueRange{arith::DivUIOp::create(gb, gl, flat, idx(perByte))});
        Value shift = arith::IndexCastOp::create(
            gb, gl, i32,
            arith::MulIOp::create(
                gb, gl, arith::RemUIOp::create(gb, gl, flat, idx(perByte)),
                idx(slot)));
        Value k = arith::AndIOp::create(
            gb, gl,
            arith::ShRUIOp::create(gb, gl,
                                   arith::ExtUIOp::create(gb, gl, i32, byte),
                                   shift),
            arith::ConstantOp::create(gb, gl,
                                      gb.getI32IntegerAttr((1 << slot) - 1)));
        Value t = idx(0);
        if (!cb.isPerTensor())
          t = arith::RemUIOp::create(
              gb, gl, arith::DivUIOp::create(gb, gl, flat, idx(inner)),
              idx(cb.getNumTables()));
        Value entry = g.add(arith::MulIOp::create(gb, gl, t,
                                                  idx(cb.getEntries())),
                            arith::IndexCastOp::create(gb, gl,
                                                       gb.getIndexType(), k));
        // Table bytes are the stored integers: u8 ones (0..255) widen
        // with zeros.
        Value raw = tensor::ExtractOp::create(gb, gl, tableCst,
                                              ValueRange{entry});
        Value v = signedValues
                      ? arith::ExtSIOp::create(gb, gl, i16, raw).getResult()
                      : arith::ExtUIOp::create(gb, gl, i16, raw).getResult();
        Value zero = arith::ConstantOp::create(gb, gl, gb.getI16IntegerAttr(0));
        tensor::YieldOp::create(
            gb, gl, arith::SelectOp::create(gb, gl, valid, v, zero).getResult());
      });
}

LogicalResult lowerDepthwiseConv2D(DepthwiseConv2DOp op,
                                   RewriterBase &rewriter, RequantMode mode,
                                   int64_t threads) {
  auto config = op->getAttrOfType<DictionaryAttr>(kKernelAttrName);
  auto kind = config ? config.getAs<StringAttr>("kind") : StringAttr();
  if (!kind || kind.getValue() != "dwvec")
    return op.emitOpError() << "unknown kernel in 'qnn.kernel': " << config
                            << " (expected kind = \"dwvec\")";
  auto mrAttr = config.getAs<IntegerAttr>("mr");
  FailureOr<bool> bandChoice = getBandPadding(op, config);
  if (failed(bandChoice))
    return failure();
  // Weights: constant, or with decode = "block" qnn.decode of constant
  // codebook indices (decoded once per call, emitDwDecode).
  SmallVector<int64_t> wv, codebookIndices;
  CodebookType codebook;
  bool haveWeights = false;
  if (Attribute decode = config.get("decode")) {
    auto mode = dyn_cast<StringAttr>(decode);
    codebook = decodeConstantCodebook(op.getWeight(), codebookIndices, wv);
    if (!mode || mode.getValue() != "block" || !codebook)
      return op.emitOpError()
             << "cannot decode codebook weights as 'qnn.kernel' asks: the "
                "dwvec kernel needs decode = \"block\" and weights that are "
                "qnn.decode of constant indices";
    haveWeights = true;
  } else if (DenseIntElementsAttr weights = getConstantInts(op.getWeight())) {
    // The containers' bytes as the stored integers (u8 weights: 0..255).
    bool isSigned = getQuantParams(op.getWeight().getType())->isSigned;
    for (const APInt &v : weights.getValues<APInt>())
      wv.push_back(isSigned ? v.getSExtValue()
                            : static_cast<int64_t>(v.getZExtValue()));
    haveWeights = true;
  }
  DenseIntElementsAttr biasValues =
      op.getBias() ? getConstantInts(op.getBias()) : DenseIntElementsAttr();
  QuantParams x = *getQuantParams(op.getInput().getType());
  QuantParams w = *getQuantParams(op.getWeight().getType());
  QuantParams y = *getQuantParams(op.getOutput().getType());
  ArrayRef<int64_t> ws = op.getWeight().getType().getShape();
  if (!mrAttr || mrAttr.getInt() < 1 || ws[3] != 1 || !haveWeights ||
      (op.getBias() && !biasValues) || x.width > 8 || w.width > 8 ||
      y.width > 16 ||
      llvm::any_of(w.zeroPoints, [](int64_t z) { return z != 0; }))
    return op.emitOpError()
           << "cannot apply the dwvec kernel chosen in 'qnn.kernel': it "
              "needs 'mr' >= 1, channel multiplier 1, activations and "
              "constant weights of at most 8 bits with weight zero points "
              "0, a constant bias or none, and a result of at most 16 bits";

  rewriter.setInsertionPoint(op);
  KernelBuilder e{rewriter, op.getLoc()};
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  DwKernel k;
  k.s = getWindowShape(op, {0, 1}); // multiplier 1: channels in = out
  ConvShape &s = k.s;
  k.blocks = (s.n + kLanes - 1) / kLanes;
  k.xSigned = x.isSigned;
  k.mode = mode;
  int64_t taps = s.kh * s.kw, width = k.blocks * kLanes;
  int64_t zx = x.zeroPoint(0);

  // Weights of tap pairs (2p, 2p + 1) interleaved per channel and widened
  // to i16: [pair][2 * channel + j] (an odd last tap pairs with zeros);
  // bias - zx * sum_t w (wrapping, as the reference accumulator).
  int64_t pairs = (taps + 1) / 2;
  SmallVector<int16_t> wide(pairs * 2 * width, 0);
  SmallVector<int32_t> bias(width, 0);
  for (int64_t c = 0; c < s.n; ++c) {
    uint32_t sum = 0;
    for (int64_t t = 0; t < taps; ++t) {
      int64_t v = wv[t * s.n + c];
      wide[(t / 2) * 2 * width + 2 * c + t % 2] = static_cast<int16_t>(v);
      sum += static_cast<uint32_t>(v);
    }
    uint32_t b0 = biasValues ? static_cast<uint32_t>(
                                   biasValues.getValues<APInt>()[c].getSExtValue())
                             : 0u;
    bias[c] = static_cast<int32_t>(b0 - static_cast<uint32_t>(zx) * sum);
  }
  Type i8 = rewriter.getI8Type(), i32 = rewriter.getI32Type();
  k.weights = codebook ? emitDwDecode(e, codebook, codebookIndices, taps,
                                      s.n, width, ws, w.isSigned)
                       : e.tensorConstant(ArrayRef<int16_t>(wide),
                                          rewriter.getI16Type(),
                                          {pairs, 2 * width});
  k.bias = e.tensorConstant(ArrayRef<int32_t>(bias), i32, {width});

  if (failed(planEpilogue(e, op, mode, x, w, y, op.getActivation(), s.n,
                          width, k.plan, k.requant)))
    return failure();

  // The input padded with zx (taps outside contribute (zx - zx) * w = 0,
  // rule N8.4) and along channels to a multiple of 16 (zero weights).
  Value xv = ContainerCastOp::create(
      rewriter, e.loc, RankedTensorType::get(xs, i8), op.getInput());
  k.x = xv;
  bool needsCopy = s.pt || s.pb || s.pl || s.pr || width != s.n;
  bool band = *bandChoice && needsCopy && !isPlainRow(s, width);
  if (needsCopy && !band)
    k.x = padWhole(e, xv, s, width, /*flip=*/false, zx);
  Type container = getContainerType(rewriter.getContext(), y.width);
  int64_t rowCount = s.batch * s.outH;
  Value out = tensor::EmptyOp::create(
      rewriter, e.loc, ArrayRef<int64_t>{rowCount, s.outW, s.n}, container);
  int64_t mr = std::min(mrAttr.getInt(), s.outW);
  int64_t owMain = s.outW / mr * mr, rest = s.outW - owMain;
  Value zero = e.index(0);
  Span mainCols{zero, e.index(owMain), zero};
  Span restCols{e.index(owMain), e.index(s.outW), zero};
  auto emitCols = [&](KernelBuilder &b2, const DwKernel &kk, Value o,
                      Span rows) {
    o = emitDwTiles(b2, kk, o, rows, mainCols, mr);
    return rest ? emitDwTiles(b2, kk, o, rows, restCols, rest) : o;
  };
  auto emitRows = [&](KernelBuilder &b2, Value o, Span rows) {
    if (!band)
      return emitCols(b2, k, o, rows);
    // Band padding: each output row pads the kh input rows it reads.
    return emitLoop(b2, rows.begin, rows.end, 1, ValueRange{o},
                    [&](KernelBuilder &e1, Value row, ValueRange o1) {
      std::pair<Value, Value> rowParts = splitRow(e1, s, row);
      Value n = rowParts.first, oh = rowParts.second;
      DwKernel kb = k;
      kb.band = true;
      kb.x = buildBand(e1, xv, s, width, /*flip=*/false, zx, n, oh);
      Value next = e1.mulAdd(row, 1, 1);
      return SmallVector<Value>{
          emitCols(e1, kb, o1[0], Span{row, next, rows.base})};
    })[0];
  };
  if (threads > 1 && rowCount >= threads)
    out = emitParallel(e, out, threads, rowCount, 1, 0,
                       [&](KernelBuilder &pe, Value slice, Value lo, Value hi) {
      return emitRows(pe, slice, Span{lo, hi, lo});
    });
  else
    out = emitRows(e, out, Span{zero, e.index(rowCount), zero});
  SmallVector<ReassociationIndices> rowsToImage = {{0, 1}, {2}, {3}};
  out = tensor::ExpandShapeOp::create(
      rewriter, e.loc,
      RankedTensorType::get({s.batch, s.outH, s.outW, s.n}, container), out,
      rowsToImage);
  rewriter.replaceOp(op, ContainerCastOp::create(
                             rewriter, e.loc, op.getOutput().getType(), out));
  return success();
}

LogicalResult lowerFullyConnected(FullyConnectedOp op, RewriterBase &rewriter,
                                  RequantMode mode, int64_t threads) {
  if (isBitSerialChoice(op))
    return lowerBitSerialFullyConnected(op, rewriter, mode, threads);
  FailureOr<KernelOperands> ops =
      checkKernel(op, op.getInput(), op.getWeight(), op.getBias());
  if (failed(ops))
    return failure();
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ConvShape s;
  s.w = s.outW = xs[0];
  s.c = xs[1];
  s.n = op.getWeight().getType().getShape()[0];
  Type i8 = rewriter.getI8Type();
  Value x = ContainerCastOp::create(
      rewriter, loc, RankedTensorType::get(xs, i8), op.getInput());
  SmallVector<ReassociationIndices> image = {{0, 1, 2}, {3}};
  x = tensor::ExpandShapeOp::create(
      rewriter, loc, RankedTensorType::get({1, 1, s.w, s.c}, i8), x, image);
  FailureOr<Value> out = emitConvKernel(op, rewriter, mode, threads, s, x, *ops,
                                        op.getActivation());
  if (failed(out))
    return failure();
  Type container = cast<RankedTensorType>(out->getType()).getElementType();
  Value flat = tensor::CollapseShapeOp::create(
      rewriter, loc, RankedTensorType::get({s.outW, s.n}, container), *out,
      image);
  rewriter.replaceOp(op, ContainerCastOp::create(
                             rewriter, loc, op.getOutput().getType(), flat));
  return success();
}

LogicalResult lowerConv2D(Conv2DOp op, RewriterBase &rewriter,
                          RequantMode mode, int64_t threads) {
  if (isBitSerialChoice(op))
    return lowerBitSerialConv2D(op, rewriter, mode, threads);
  FailureOr<KernelOperands> ops =
      checkKernel(op, op.getInput(), op.getWeight(), op.getBias());
  if (failed(ops))
    return failure();
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ConvShape s = getWindowShape(op, {1, 2}); // OHWI
  Value x = ContainerCastOp::create(
      rewriter, loc, RankedTensorType::get(xs, rewriter.getI8Type()),
      op.getInput());
  FailureOr<Value> out = emitConvKernel(op, rewriter, mode, threads, s, x, *ops,
                                        op.getActivation());
  if (failed(out))
    return failure();
  rewriter.replaceOp(op, ContainerCastOp::create(
                             rewriter, loc, op.getOutput().getType(), *out));
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
    if (threads < 1) {
      getOperation().emitError()
          << "invalid threads " << static_cast<int64_t>(threads)
          << ": expected 1 or more";
      return signalPassFailure();
    }
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<FullyConnectedOp, Conv2DOp, DepthwiseConv2DOp, BConv2DOp,
              BFullyConnectedOp, WeightOnlyFcOp>(op) &&
          op->hasAttr(kKernelAttrName))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (Operation *op : ops) {
      LogicalResult result =
          TypeSwitch<Operation *, LogicalResult>(op)
              .Case([&](FullyConnectedOp fc) {
                return lowerFullyConnected(fc, rewriter, *mode, threads);
              })
              .Case([&](Conv2DOp conv) {
                return lowerConv2D(conv, rewriter, *mode, threads);
              })
              .Case([&](DepthwiseConv2DOp dw) {
                return lowerDepthwiseConv2D(dw, rewriter, *mode, threads);
              })
              .Case([&](BConv2DOp bconv) {
                return lowerBConv2D(bconv, rewriter, threads);
              })
              .Case([&](BFullyConnectedOp bfc) {
                return lowerBFullyConnected(bfc, rewriter, threads);
              })
              .Case([&](WeightOnlyFcOp wo) {
                return lowerWeightOnlyFc(wo, rewriter, threads);
              });
      if (failed(result))
        return signalPassFailure();
    }
  }
};

} // namespace
