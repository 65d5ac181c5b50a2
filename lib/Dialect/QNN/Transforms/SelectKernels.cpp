//===- SelectKernels.cpp - choose optimized kernels for qnn ops -----------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"

#include "llvm/ADT/StringExtras.h"

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNSELECTKERNELS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// `v` seen through the cast that gives a constant its quantized type:
/// `quant.scast`, or `qnn.container_cast` for weights narrower than 8 bits
/// held one per byte (rule N1.4: the same bytes).
Value throughQuantizedView(Value v) {
  if (auto cast = v.getDefiningOp<quant::StorageCastOp>())
    return cast.getInput();
  if (auto cast = v.getDefiningOp<ContainerCastOp>())
    return cast.getInput();
  return v;
}

/// True when `v` is a compile-time constant: an `arith.constant`, possibly
/// seen through the cast that gives it a quantized type.
bool isConstant(Value v) {
  return throughQuantizedView(v).getDefiningOp<arith::ConstantOp>() != nullptr;
}

/// The codebook behind `w` when it is `qnn.decode` of constant indices
/// (`qnn.container_cast` of an `arith.constant`), else null.
CodebookType getConstantCodebook(Value w) {
  auto dec = w.getDefiningOp<DecodeOp>();
  if (!dec || !isConstant(dec.getInput()))
    return {};
  return cast<CodebookType>(dec.getInput().getType().getElementType());
}

/// Whether the weights `w` (input channels innermost) keep every u8 x s8
/// pair sum within i16: in each pair of input channels (2c, 2c + 1) of an
/// output channel and tap the positive weights sum to at most 128 and the
/// negative ones to at least -128. The dot4 kernel then runs vpmaddubsw on
/// them (convert-qnn-to-vnni checks the same on its packed weights). For
/// codebook weights, a sufficient condition: every table entry in
/// [-64, 64].
bool hasNarrowWeightPairs(Value w) {
  if (CodebookType cb = getConstantCodebook(w))
    return llvm::all_of(cb.getTable().asArrayRef(),
                        [](int64_t v) { return v >= -64 && v <= 64; });
  auto cst = throughQuantizedView(w).getDefiningOp<arith::ConstantOp>();
  auto attr = cst ? dyn_cast<DenseIntElementsAttr>(cst.getValue())
                  : DenseIntElementsAttr();
  if (!attr)
    return false;
  int64_t channels = cast<ShapedType>(attr.getType()).getShape().back();
  SmallVector<int64_t> v;
  for (const APInt &x : attr.getValues<APInt>())
    v.push_back(x.getSExtValue());
  // A last odd channel pairs with the kernel's zero padding.
  for (size_t row = 0; row < v.size(); row += channels)
    for (int64_t c = 0; c < channels; c += 2) {
      int64_t a = v[row + c], b = c + 1 < channels ? v[row + c + 1] : 0;
      if (std::max<int64_t>(a, 0) + std::max<int64_t>(b, 0) > 128 ||
          std::min<int64_t>(a, 0) + std::min<int64_t>(b, 0) < -128)
        return false;
    }
  return true;
}

/// Rule-level conditions of the vnni512 kernel, for a conv2d or
/// fully_connected op with operands `x`, `w`, `bias` and result `y`.
/// Weights may be `qnn.decode` of constant indices: qnn-decode-codebooks
/// folds them into constants before the kernel is applied.
bool supportsVnni(Value x, Value w, Value bias, Value y) {
  std::optional<QuantParams> xq = getQuantParams(x.getType());
  std::optional<QuantParams> wq = getQuantParams(w.getType());
  std::optional<QuantParams> yq = getQuantParams(y.getType());
  if (!xq || !wq || !yq || xq->width > 8 || wq->width > 8 ||
      !wq->isSigned || yq->width > 16)
    return false;
  if (llvm::any_of(wq->zeroPoints, [](int64_t zp) { return zp != 0; }))
    return false;
  return (isConstant(w) || getConstantCodebook(w)) &&
         (!bias || isConstant(bias));
}

/// Whether the vnni512 or dot4 kernel can decode the codebook weights of
/// `w` in registers: indices of at most 4 bits, one table or one per output
/// channel, input channels a multiple of 4.
bool supportsRegisterDecode(Value x, Value w) {
  CodebookType cb = getConstantCodebook(w);
  return cb && cb.getBits() <= 4 && cb.getAxis() <= 0 &&
         cast<ShapedType>(x.getType()).getShape().back() % 4 == 0;
}

/// Rule-level conditions of the dwvec depthwise kernel.
bool supportsDepthwise(DepthwiseConv2DOp op) {
  std::optional<QuantParams> xq = getQuantParams(op.getInput().getType());
  std::optional<QuantParams> wq = getQuantParams(op.getWeight().getType());
  std::optional<QuantParams> yq = getQuantParams(op.getOutput().getType());
  if (!xq || !wq || !yq || xq->width > 8 || wq->width > 8 || yq->width > 16 ||
      op.getWeight().getType().getShape()[3] != 1)
    return false;
  if (llvm::any_of(wq->zeroPoints, [](int64_t zp) { return zp != 0; }))
    return false;
  return (isConstant(op.getWeight()) || getConstantCodebook(op.getWeight())) &&
         (!op.getBias() || isConstant(op.getBias()));
}

/// The bit-serial kernel's cost relative to int8: the number of
/// activation x weight bit-plane pairs (each one AND + popcount + add per
/// 64 products and 8 output channels, against vpdpbusd's 64 products per
/// instruction), or 0 when the op cannot take it: activations of at most 4
/// bits, constant weights with zero points 0 whose values fit in 4 bits,
/// a result of at most 16 bits.
int64_t bitSerialPlanePairs(Value x, Value w, Value bias, Value y) {
  std::optional<QuantParams> xq = getQuantParams(x.getType());
  std::optional<QuantParams> wq = getQuantParams(w.getType());
  std::optional<QuantParams> yq = getQuantParams(y.getType());
  if (!xq || !wq || !yq || xq->width > 4 || yq->width > 16 ||
      llvm::any_of(wq->zeroPoints, [](int64_t zp) { return zp != 0; }) ||
      !isConstant(w) || (bias && !isConstant(bias)))
    return 0;
  auto cst = throughQuantizedView(w).getDefiningOp<arith::ConstantOp>();
  auto attr = dyn_cast<DenseIntElementsAttr>(cst.getValue());
  if (!attr)
    return 0;
  SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  WeightPlanes planes = getWeightPlanes(values);
  if (planes.count() > 4)
    return 0;
  return static_cast<int64_t>(xq->width) * planes.count();
}

/// Rule-level conditions of the bpop binary kernel: constant weights
/// (`qnn.bitunpack` of an `arith.constant`) and a constant bias or none.
template <typename BinaryOp>
bool supportsBinary(BinaryOp op) {
  auto unpack = op.getWeight().template getDefiningOp<BitunpackOp>();
  return unpack && isConstant(unpack.getInput()) &&
         (!op.getBias() || isConstant(op.getBias()));
}

/// Whether a convolution kernel should pad its input one output row at a
/// time ("band") rather than into one padded copy: when that copy, with
/// channels rounded up to `channelMultiple`, would exceed 96 KiB. Above
/// glibc's 128 KiB mmap threshold every call would map fresh pages (page
/// faults took 30% of a 112x112x32 depthwise layer), and the band is padded
/// inside the parallel loop.
template <typename ConvOp>
bool preferBandPadding(ConvOp op, int64_t channelMultiple, bool signedCopies) {
  ArrayRef<int64_t> xs = op.getInput().getType().getShape();
  ArrayRef<int64_t> pad = op.getPad();
  int64_t channels = (xs[3] + channelMultiple - 1) / channelMultiple *
                     channelMultiple;
  bool copies = llvm::any_of(pad, [](int64_t p) { return p != 0; }) ||
                channels != xs[3] || signedCopies;
  int64_t bytes = xs[0] * (xs[1] + pad[0] + pad[1]) * (xs[2] + pad[2] + pad[3]) *
                  channels;
  return copies && bytes > 96 * 1024;
}

/// Output pixels per register tile along a row of `width` pixels: 8 when
/// the row is wider than that, else the largest of 8..4 that divides it
/// (no remainder tile), else 8 with a remainder.
int64_t chooseRows(int64_t width) {
  if (width <= 8)
    return width;
  for (int64_t mr = 8; mr >= 4; --mr)
    if (width % mr == 0)
      return mr;
  return 8;
}

struct SelectKernelsPass
    : public qnn::impl::QNNSelectKernelsBase<SelectKernelsPass> {
  using QNNSelectKernelsBase::QNNSelectKernelsBase;

  void runOnOperation() override {
    bool vnni = qnn::hasTargetFeature(targetFeatures, "+avx512vnni");
    bool avx512 = qnn::hasTargetFeature(targetFeatures, "+avx512f");
    bool simd = avx512 || qnn::hasTargetFeature(targetFeatures, "+avx2");
    // bpop: 8 i64 lanes (zmm) where popcount is native (AVX512_VPOPCNTDQ)
    // or a vpshufb table on zmm (AVX512BW), else 4 lanes (AVX2 ymm).
    bool zmmPopcount =
        avx512 && (qnn::hasTargetFeature(targetFeatures, "+avx512vpopcntdq") ||
                   qnn::hasTargetFeature(targetFeatures, "+avx512bw"));
    Builder b(&getContext());
    // Codebook weights decode in registers: with vpermb / vpermi2b in the
    // vnni512 kernel with AVX512_VBMI, else with vpshufb lane tables (the
    // dot4 kernel's, or lookup = "vpshufb" in the vnni512 kernel).
    bool vbmi = qnn::hasTargetFeature(targetFeatures, "+avx512vbmi");
    auto mark = [&](Operation *op, Value weight, int64_t mr,
                    int64_t channels, bool band, bool decode = false) {
      // vnni512: mr pixels x 3 blocks of 16 channels: 24 accumulators, 3
      // weight vectors and one broadcast activation stay within the 32 zmm
      // registers, with 11 loads per 24 vpdpbusd. (Measured with
      // bench/run.py on a 1024^3 GEMM: 4x4 gives 633 GOPS, 6x4 654, 8x3
      // 655-702 across runs, and 8x3 is best on the 64x2048x1000 shape; see
      // docs/benchmarks.md.)
      // dot4 (no VNNI): with AVX-512 a 4x2 tile; with AVX2 (16 ymm
      // registers) 4x1 when the weights are narrow (vpmaddubsw, two ymm per
      // 16-lane accumulator), else 2x1: the pair-sum accumulators take four
      // ymm each (28x28x128 3x3 conv on AVX2: 4x1 26.9 GOPS, 3x1 29.2, 2x1
      // 30.6; 256^3 GEMM 29.9, 30.3, 30.9; bench on 2026-11-24).
      int64_t nrCap = vnni ? 3 : avx512 ? 2 : 1;
      int64_t blocks = (channels + 15) / 16;
      int64_t nr = std::min<int64_t>(nrCap, blocks);
      // With VNNI, 2 blocks per tile when 3 leave a remainder and 2 do not:
      // 128 channels as 4 x 2 blocks rather than 2 x 3 + 2 single-block
      // tiles (28x28x128 3x3 conv: 631 -> 708 GOPS; 64 channels: 607 ->
      // 637; bench on 2026-11-22).
      if (vnni && blocks > 3 && blocks % 3 != 0 && blocks % 2 == 0)
        nr = 2;
      if (!vnni)
        mr = std::min<int64_t>(
            mr, avx512 || hasNarrowWeightPairs(weight) ? 4 : 2);
      SmallVector<NamedAttribute> config = {
          b.getNamedAttr("kind", b.getStringAttr(vnni ? "vnni512" : "dot4")),
          b.getNamedAttr("mr", b.getI64IntegerAttr(mr)),
          b.getNamedAttr("nr", b.getI64IntegerAttr(nr))};
      if (band)
        config.push_back(b.getNamedAttr("pad", b.getStringAttr("band")));
      // Codebook weights: decoded in registers before each vpdpbusd when
      // the layer is one tile of pixels (each weight used once: a fully
      // connected layer on one row, where the 4-bit indices halve the
      // weight traffic); else each group of channel blocks is decoded once
      // into a scratch that all its tiles read (vpermb inside every tile
      // cost 20-50% on the ResNet-18 shapes; docs/benchmarks.md).
      if (decode) {
        auto ys = cast<ShapedType>(op->getResult(0).getType()).getShape();
        int64_t pixels = 1;
        for (int64_t d : ys.drop_back())
          pixels *= d;
        config.push_back(b.getNamedAttr(
            "decode", b.getStringAttr(pixels <= mr ? "registers" : "block")));
        if (vnni && !vbmi)
          config.push_back(b.getNamedAttr("lookup", b.getStringAttr("vpshufb")));
      }
      op->setAttr(kKernelAttrName, b.getDictionaryAttr(config));
    };
    getOperation()->walk([&](Operation *op) {
      // A choice already present (written by hand or by an earlier run) is
      // kept; convert-qnn-to-vnni checks it.
      if (op->hasAttr(kKernelAttrName))
        return;
      if (auto dw = dyn_cast<DepthwiseConv2DOp>(op)) {
        if (!simd || !supportsDepthwise(dw))
          return;
        ArrayRef<int64_t> ys = dw.getOutput().getType().getShape();
        SmallVector<NamedAttribute> config = {
            b.getNamedAttr("kind", b.getStringAttr("dwvec")),
            b.getNamedAttr("mr", b.getI64IntegerAttr(chooseRows(ys[2])))};
        if (preferBandPadding(dw, 16, false))
          config.push_back(b.getNamedAttr("pad", b.getStringAttr("band")));
        // Codebook weights stay packed indices, decoded once per call.
        if (getConstantCodebook(dw.getWeight()))
          config.push_back(b.getNamedAttr("decode", b.getStringAttr("block")));
        dw->setAttr(kKernelAttrName, b.getDictionaryAttr(config));
        return;
      }
      if (!simd)
        return;
      // Weight-only fully connected layers (rule N25): int8 weights, or
      // codebook indices of at most 4 bits decoded with vpshufb, streamed
      // once per group of up to 4 rows. A row's 64 lanes take 4 zmm or 8
      // ymm registers: with 16 ymm the accumulators of 4 rows spill, yet
      // on the 4x4096x4096 layer 4 rows ran 1.5x faster than 1 and as fast
      // as 2 (bench/weight_only.py, AVX2).
      if (auto wo = dyn_cast<WeightOnlyFcOp>(op)) {
        auto cb = dyn_cast<CodebookType>(wo.getWeight().getType().getElementType());
        if ((cb && cb.getBits() > 4) || !isConstant(wo.getWeight()))
          return;
        int64_t rows = std::min<int64_t>(4,
                                         wo.getInput().getType().getDimSize(0));
        wo->setAttr(kKernelAttrName,
                    b.getDictionaryAttr(
                        {b.getNamedAttr("kind", b.getStringAttr("wofc")),
                         b.getNamedAttr("rows", b.getI64IntegerAttr(rows))}));
        return;
      }
      if (isa<BConv2DOp, BFullyConnectedOp>(op)) {
        bool ok = isa<BConv2DOp>(op) ? supportsBinary(cast<BConv2DOp>(op))
                                     : supportsBinary(
                                           cast<BFullyConnectedOp>(op));
        if (!ok)
          return;
        // zmm: 6 pixels x 4 blocks of 8 channels = 24 accumulators, 4 weight
        // vectors, a broadcast and a popcount temporary within 32 registers;
        // ymm (16 registers, the nibble popcount needs 3 more): 3 x 2.
        auto ys = cast<RankedTensorType>(op->getResult(0).getType()).getShape();
        int64_t width = ys.size() == 4 ? ys[2] : ys[0];
        int64_t lanes = zmmPopcount ? 8 : 4;
        int64_t blocks = (ys.back() + lanes - 1) / lanes;
        int64_t mr = std::min<int64_t>(zmmPopcount ? 6 : 3, width);
        int64_t nr = std::min<int64_t>(zmmPopcount ? 4 : 2, blocks);
        op->setAttr(kKernelAttrName,
                    b.getDictionaryAttr(
                        {b.getNamedAttr("kind", b.getStringAttr("bpop")),
                         b.getNamedAttr("mr", b.getI64IntegerAttr(mr)),
                         b.getNamedAttr("nr", b.getI64IntegerAttr(nr)),
                         b.getNamedAttr("lanes", b.getI64IntegerAttr(lanes))}));
        return;
      }
      // Bit-serial for low-bit layers where it beats the int8 kernel: at
      // most 2 plane pairs (2-bit x bipolar, 1-bit x 2-bit ...) on a VNNI
      // target (56x56x64 3x3: 2x1 1.1x int8, 2x2 0.75x; docs/benchmarks.md),
      // at most 4 without VNNI.
      if (isa<Conv2DOp, FullyConnectedOp>(op) && zmmPopcount) {
        Value x = op->getOperand(0), w = op->getOperand(1);
        Value bias = op->getNumOperands() > 2 ? op->getOperand(2) : Value();
        int64_t pairs = bitSerialPlanePairs(x, w, bias, op->getResult(0));
        if (pairs > 0 && pairs <= (vnni ? 2 : 4)) {
          auto ys = cast<RankedTensorType>(op->getResult(0).getType()).getShape();
          int64_t width = ys.size() == 4 ? ys[2] : ys[0];
          int64_t blocks = (ys.back() + 7) / 8;
          // 24 accumulators: mr x nr x plane pairs.
          int64_t nr = std::min<int64_t>(3, blocks);
          int64_t mr = std::max<int64_t>(1, 24 / (nr * pairs));
          mr = std::min(mr, width);
          op->setAttr(kKernelAttrName,
                      b.getDictionaryAttr(
                          {b.getNamedAttr("kind", b.getStringAttr("bitserial")),
                           b.getNamedAttr("mr", b.getI64IntegerAttr(mr)),
                           b.getNamedAttr("nr", b.getI64IntegerAttr(nr)),
                           b.getNamedAttr("lanes", b.getI64IntegerAttr(8))}));
          return;
        }
      }
      if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
        if (!supportsVnni(fc.getInput(), fc.getWeight(), fc.getBias(),
                          fc.getOutput()))
          return;
        ArrayRef<int64_t> ys = fc.getOutput().getType().getShape();
        mark(fc, fc.getWeight(), std::min<int64_t>(8, ys[0]), ys[1], false,
             supportsRegisterDecode(fc.getInput(), fc.getWeight()));
      } else if (auto conv = dyn_cast<Conv2DOp>(op)) {
        if (!supportsVnni(conv.getInput(), conv.getWeight(), conv.getBias(),
                          conv.getOutput()))
          return;
        ArrayRef<int64_t> ys = conv.getOutput().getType().getShape();
        bool xSigned = getQuantParams(conv.getInput().getType())->isSigned;
        mark(conv, conv.getWeight(), chooseRows(ys[2]), ys[3],
             preferBandPadding(conv, 4, xSigned),
             supportsRegisterDecode(conv.getInput(), conv.getWeight()));
      }
    });
  }
};

} // namespace
