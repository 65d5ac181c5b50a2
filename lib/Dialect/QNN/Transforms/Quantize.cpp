//===- Quantize.cpp - float graph + statistics to qnn ops -----------------===//
//
// qnn-quantize: a float module with observers (qnn-insert-calibration) and
// the statistics calibration collected for them become qnn ops on
// !quant.uniform tensors (docs/quantization.md):
//
// 1. Each observer's range (the chosen range method over its statistics)
//    gives the quantized type of the value it observes: asymmetric u8 (or
//    i8), per tensor. A value that only moves another (reshape, transpose,
//    slice) has its source's type.
// 2. Each supported float layer whose inputs and output have types becomes
//    its qnn op between a qnn.quantize of each input and a qnn.dequantize
//    of its result: tosa.conv2d, tosa.depthwise_conv2d and fully connected
//    layers (weights quantized here, per output channel, symmetric,
//    narrow range; bias to i32 at s_x * s_w), tosa.add, tosa.max_pool2d,
//    tosa.avg_pool2d. A ReLU or ReLU6 (tosa.clamp) that is the only user of
//    a conv, fully connected or add result is fused as its activation.
// 3. Observers are removed, and each qnn.quantize of a qnn.dequantize
//    becomes the value itself (same type) or a qnn.requantize.
//
// What stays float (any other op) keeps its float inputs and outputs: the
// dequantize / quantize pairs around it are the boundary.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Layers.h"
#include "qnn/Dialect/QNN/Transforms/Codebook.h"
#include "qnn/Dialect/QNN/Transforms/Gptq.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"
#include "qnn/Dialect/QNN/Transforms/Ranges.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/Support/FileSystem.h"

#include <cmath>
#include <deque>
#include <random>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNQUANTIZE
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// Erases, until none is left, every op without uses or side effects.
void eraseDeadOps(RewriterBase &rewriter, ModuleOp module) {
  bool erased = true;
  while (erased) {
    erased = false;
    SmallVector<Operation *> dead;
    module.walk([&](Operation *op) {
      if (!isa<func::FuncOp, ModuleOp>(op) && isOpTriviallyDead(op))
        dead.push_back(op);
    });
    for (Operation *op : dead) {
      rewriter.eraseOp(op);
      erased = true;
    }
  }
}

std::string fmtShape(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// Is `op` a ReLU (min 0, max >= 3e38) or ReLU6 (min 0, max 6) clamp?
std::optional<Activation> asActivation(Operation *op) {
  auto clamp = dyn_cast_or_null<tosa::ClampOp>(op);
  if (!clamp)
    return std::nullopt;
  auto lo = dyn_cast<FloatAttr>(clamp.getMinValAttr());
  auto hi = dyn_cast<FloatAttr>(clamp.getMaxValAttr());
  if (!lo || !hi || lo.getValueAsDouble() != 0.0)
    return std::nullopt;
  if (hi.getValueAsDouble() >= 3.0e38)
    return Activation::relu;
  if (hi.getValueAsDouble() == 6.0)
    return Activation::relu6;
  return std::nullopt;
}

/// The scale of a value whose sign alone is used (rule N24): 2^-20.
constexpr double kSignScale = 1.0 / (1 << 20);

/// Whether only the sign of `v` is used: every user is a qnn.binarize, or
/// an observer or max pool whose result is again used only so (a max pool
/// commutes with the sign).
bool onlySignUsed(Value v, int depth = 0) {
  if (v.use_empty() || depth > 16)
    return false;
  return llvm::all_of(v.getUsers(), [&](Operation *u) {
    return isa<BinarizeOp>(u) ||
           (isa<ObserveOp, tosa::MaxPool2dOp>(u) &&
            onlySignUsed(u->getResult(0), depth + 1));
  });
}

struct QuantizePass : public qnn::impl::QNNQuantizeBase<QuantizePass> {
  using Base::Base;

  DenseMap<Value, Type> elemTypes; // observed float value -> quantized element type
  DenseMap<Value, SmallVector<double>> channelMeans; // observed value -> per-channel means
  DenseSet<Operation *> replaced;  // float ops a qnn op computes now
  llvm::StringMap<WeightWidth> layerBitsMap; // layer-bits: output name -> width
  std::mt19937_64 rng;
  CodebookOptions codebookOptions; // the codebook option, when given
  bool useCodebook = false;
  bool codebookFailed = false;
  bool layerCodebooks = false; // some op has a qnn.codebook attribute
  bool cbPerChannel = false; // the last codebook's tables are per channel
  std::mt19937_64 codebookRng;
  int64_t qmin = 0, qmax = 255;
  bool isSignedAct = false;
  // weight-rounding=gptq: the samples file's records and the observed
  // values they belong to.
  bool useGptq = false;
  bool gptqFailed = false;
  std::map<int64_t, ActivationSamples> samplesById;
  DenseMap<Value, const ActivationSamples *> samplesOfValue;
  std::deque<ActivationSamples> derivedSamples; // transposed samples

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    std::optional<RangeMethod> rm = parseRangeMethod(method);
    if (!rm) {
      module.emitError() << "unknown range method '" << method
                         << "'; expected minmax, moving-average, percentile, "
                            "entropy or mse";
      return signalPassFailure();
    }
    if (activationType == "u8") {
      qmin = 0, qmax = 255, isSignedAct = false;
    } else if (activationType == "i8") {
      qmin = -128, qmax = 127, isSignedAct = true;
    } else {
      module.emitError() << "activation-type must be u8 or i8, got '"
                         << activationType << "'";
      return signalPassFailure();
    }
    if (weightGranularity != "per-channel" && weightGranularity != "per-tensor") {
      module.emitError() << "weight-granularity must be per-channel or "
                            "per-tensor, got '"
                         << weightGranularity << "'";
      return signalPassFailure();
    }
    if (weightRange != "symmetric" && weightRange != "asymmetric") {
      module.emitError() << "weight-range must be symmetric or asymmetric, "
                            "got '"
                         << weightRange << "'";
      return signalPassFailure();
    }
    if (weightScale != "max" && weightScale != "mse") {
      module.emitError() << "weight-scale must be max or mse, got '"
                         << weightScale << "'";
      return signalPassFailure();
    }
    if (stochasticRoundingSeed >= 0)
      rng.seed(static_cast<uint64_t>(stochasticRoundingSeed));
    useCodebook = !codebook.empty();
    if (useCodebook) {
      std::string error = parseCodebookOptions(codebook, codebookOptions);
      if (!error.empty()) {
        module.emitError() << "codebook: " << error;
        return signalPassFailure();
      }
    }
    codebookRng.seed(static_cast<uint64_t>(codebookOptions.seed));
    auto validBits = [](int64_t b) { return b == 32 || (b >= 1 && b <= 8); };
    if (!validBits(weightBits)) {
      module.emitError() << "weight-bits must be 1 (binary), 2 to 8 or 32 "
                            "(float), got "
                         << static_cast<int64_t>(weightBits);
      return signalPassFailure();
    }
    SmallVector<StringRef> entries;
    StringRef(layerBits).split(entries, ',', -1, /*KeepEmpty=*/false);
    for (StringRef e : entries) {
      auto [name, value] = e.rsplit('=');
      std::optional<WeightWidth> w = parseWeightWidth(value);
      if (name.trim().empty() || !w) {
        module.emitError() << "layer-bits entry '" << e
                           << "' must be NAME=BITS with BITS 1 to 8 or 32, "
                              "1t to 8t for one scale per tensor, kmeans1 to "
                              "kmeans7 or ternary";
        return signalPassFailure();
      }
      layerBitsMap[name.trim()] = *w;
    }
    bool badAttr = false;
    module.walk([&](Operation *op) {
      if (auto a = op->getAttrOfType<IntegerAttr>("qnn.bits"))
        if (!validBits(a.getInt())) {
          op->emitError() << "'qnn.bits' must be 1 to 8 or 32, got " << a.getInt();
          badAttr = true;
        }
      if (Attribute a = op->getAttr(kGranularityAttr)) {
        auto g = dyn_cast<StringAttr>(a);
        if (!g || (g.getValue() != "per-channel" && g.getValue() != "per-tensor")) {
          op->emitError() << "'" << kGranularityAttr
                          << "' must be \"per-channel\" or \"per-tensor\", got "
                          << a;
          badAttr = true;
        }
      }
      WeightWidth w;
      if (failed(readCodebookAttr(op, w)))
        badAttr = true;
      layerCodebooks |= op->hasAttr(kCodebookAttr);
    });
    if (badAttr)
      return signalPassFailure();
    if (mode != "static" && mode != "dynamic" && mode != "weight-only") {
      module.emitError() << "mode must be static, dynamic or weight-only, got '"
                         << mode << "'";
      return signalPassFailure();
    }
    if (weightRounding != "nearest" && weightRounding != "gptq") {
      module.emitError() << "weight-rounding must be nearest or gptq, got '"
                         << weightRounding << "'";
      return signalPassFailure();
    }
    useGptq = weightRounding == "gptq";
    if (useGptq) {
      if (mode != "static") {
        module.emitError() << "weight-rounding=gptq needs mode=static";
        return signalPassFailure();
      }
      if (stochasticRoundingSeed >= 0) {
        module.emitError() << "weight-rounding=gptq and "
                              "stochastic-rounding-seed exclude each other";
        return signalPassFailure();
      }
      if (!(gptqDamp > 0) || !std::isfinite(gptqDamp)) {
        module.emitError() << "gptq-damp must be a positive number, got "
                           << gptqDamp;
        return signalPassFailure();
      }
      if (samples.empty()) {
        module.emitError() << "weight-rounding=gptq needs samples=<file>: "
                              "activation samples of the layers' inputs "
                              "(docs/calibration.md)";
        return signalPassFailure();
      }
      std::string error;
      auto table = readSamplesFile(samples, error);
      if (!table) {
        module.emitError() << error;
        return signalPassFailure();
      }
      samplesById = std::move(*table);
      if (!gptqCache.empty()) {
        if (std::error_code ec =
                llvm::sys::fs::create_directories(gptqCache)) {
          module.emitError() << "gptq-cache: cannot create the directory '"
                             << gptqCache << "': " << ec.message();
          return signalPassFailure();
        }
      }
    }
    if (mode == "weight-only") {
      runWeightOnly(module);
      return;
    }
    if (mode == "dynamic") {
      bool codebookWidths = llvm::any_of(
          layerBitsMap, [](const auto &e) { return e.second.isCodebook(); });
      if (useCodebook || layerCodebooks || codebookWidths) {
        module.emitError() << "codebook weights (the codebook option, "
                           << kCodebookAttr
                           << " or a codebook in layer-bits) need mode=static";
        return signalPassFailure();
      }
      runDynamic(module);
      return;
    }
    SmallVector<ObserveOp> observers;
    module.walk([&](ObserveOp op) { observers.push_back(op); });
    if (observers.empty()) {
      module.emitError() << "no qnn.observe ops: run qnn-insert-calibration "
                            "first (the same way as for calibration)";
      return signalPassFailure();
    }
    if (stats.empty()) {
      module.emitError() << "the statistics file is missing: give "
                            "stats=<file> (written by calibration)";
      return signalPassFailure();
    }
    std::string error;
    std::optional<std::map<int64_t, ObserverStats>> table =
        readStatsFile(stats, error);
    if (!table) {
      module.emitError() << error;
      return signalPassFailure();
    }
    RangeOptions ro;
    ro.method = *rm;
    ro.percentile = percentile;
    ro.levels = qmax - qmin + 1;
    Type storage = IntegerType::get(ctx, 8);
    Type f32 = Float32Type::get(ctx);
    for (ObserveOp op : observers) {
      auto it = table->find(op.getId());
      std::string name = op.getName() ? op.getName()->str() : "";
      auto shape = cast<RankedTensorType>(op.getType()).getShape();
      if (it == table->end()) {
        op.emitError() << "the statistics file " << stats
                       << " has no statistics for observer " << op.getId()
                       << " ('" << name << "'): it was made for another model";
        return signalPassFailure();
      }
      const ObserverStats &s = it->second;
      if (s.name != name || ArrayRef<int64_t>(s.shape) != shape) {
        op.emitError() << "the statistics file " << stats
                       << " was made for another model: observer "
                       << op.getId() << " is '" << s.name << "' "
                       << fmtShape(s.shape) << " there, '" << name << "' "
                       << fmtShape(shape) << " here";
        return signalPassFailure();
      }
      if (s.count == 0) {
        op.emitError() << "observer " << op.getId() << " ('" << name
                       << "') saw no finite values during calibration";
        return signalPassFailure();
      }
      // A model output keeps its whole range whatever the method: clipping
      // the largest logits would make them tie.
      RangeOptions vo = ro;
      if (llvm::any_of(op->getUsers(),
                       [](Operation *u) { return isa<func::ReturnOp>(u); }))
        vo.method = RangeMethod::MinMax;
      auto [lo, hi] = computeRange(s, vo);
      auto [scale, zp] = chooseQuantParams(lo, hi, qmin, qmax);
      // Only the sign matters (rule N24): a scale far below any range,
      // the same for every such value, and the zero point mid-range.
      if (onlySignUsed(op.getResult())) {
        scale = kSignScale;
        zp = isSignedAct ? 0 : 128;
      }
      if (!s.channelMean.empty())
        channelMeans[op.getResult()] = s.channelMean;
      if (auto si = samplesById.find(op.getId()); si != samplesById.end()) {
        const ActivationSamples &a = si->second;
        if (a.name != name || a.shape.size() != shape.size() ||
            !std::equal(a.shape.begin() + 1, a.shape.end(), shape.begin() + 1)) {
          op.emitError() << "the samples file " << samples
                         << " was made for another model: observer "
                         << op.getId() << " is '" << a.name << "' "
                         << fmtShape(a.shape) << " there, '" << name << "' "
                         << fmtShape(shape)
                         << " here (the first dimension counts samples)";
          return signalPassFailure();
        }
        samplesOfValue[op.getResult()] = &a;
      }
      elemTypes[op.getResult()] = quant::UniformQuantizedType::get(
          isSignedAct ? quant::QuantizationFlags::Signed : 0, storage, f32,
          scale, zp, qmin, qmax);
    }
    IRRewriter rewriter(ctx);
    SmallVector<Operation *> layers;
    module.walk([&](Operation *op) {
      if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::AddOp,
              tosa::MaxPool2dOp, tosa::AvgPool2dOp, tosa::ReshapeOp>(op))
        layers.push_back(op);
    });
    for (Operation *op : layers)
      if (op->getBlock()) // not erased by an earlier rewrite
        (void)quantizeLayer(rewriter, op);
    if (codebookFailed || gptqFailed)
      return signalPassFailure();
    // Observers go (with keep-observers, those of values the quantized
    // program still computes stay, now observing the dequantized results);
    // quantize(dequantize(x)) folds.
    for (ObserveOp op : observers) {
      Operation *def = op.getInput().getDefiningOp();
      if (!keepObservers || (def && replaced.contains(def)))
        rewriter.replaceOp(op, op.getInput());
    }
    SmallVector<QuantizeOp> quants;
    module.walk([&](QuantizeOp q) { quants.push_back(q); });
    for (QuantizeOp q : quants) {
      Value in = q.getInput();
      if (auto o = in.getDefiningOp<ObserveOp>())
        in = o.getInput(); // a kept observer of the dequantized value
      auto dq = in.getDefiningOp<DequantizeOp>();
      if (!dq)
        continue;
      Value src = dq.getInput();
      rewriter.setInsertionPoint(q);
      if (src.getType() == q.getType())
        rewriter.replaceOp(q, src);
      else
        rewriter.replaceOpWithNewOp<RequantizeOp>(q, q.getType(), src);
    }
    // The float layers replaced are dead now (and so may be their
    // constants and the ops feeding only them).
    eraseDeadOps(rewriter, module);
  }

  /// The quantized element type of float value `v`: its observer's, or,
  /// through ops that only move values, their source's.
  Type typeOf(Value v) {
    for (int depth = 0; depth < 16 && v; ++depth) {
      if (auto it = elemTypes.find(v); it != elemTypes.end())
        return it->second;
      Operation *def = v.getDefiningOp();
      if (!def)
        return {};
      if (!isa<tosa::ReshapeOp, tosa::TransposeOp, tosa::SliceOp>(def))
        return {};
      v = def->getOperand(0);
    }
    return {};
  }

  /// The per-channel means calibration measured for float value `v` (as
  /// typeOf finds its observer), when there are `count` of them.
  const SmallVector<double> *meansOf(Value v, int64_t count) {
    for (int depth = 0; depth < 16 && v; ++depth) {
      if (auto it = channelMeans.find(v); it != channelMeans.end())
        return static_cast<int64_t>(it->second.size()) == count ? &it->second
                                                               : nullptr;
      // Only through moves that keep the channel dimension innermost
      // (dimensions of size 1 aside): a reshape or slice whose last
      // non-unit dimension keeps its size, a transpose that keeps the last
      // non-unit dimension last (NHWC [N, 1, 1, C] -> NCHW [N, C, 1, 1]).
      Operation *def = v.getDefiningOp();
      if (!def || !isa<tosa::ReshapeOp, tosa::SliceOp, tosa::TransposeOp>(def))
        return nullptr;
      ArrayRef<int64_t> in =
          cast<RankedTensorType>(def->getOperand(0).getType()).getShape();
      ArrayRef<int64_t> out = cast<RankedTensorType>(v.getType()).getShape();
      auto lastNonUnit = [](ArrayRef<int64_t> shape) -> int64_t {
        for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d)
          if (shape[d] != 1)
            return d;
        return -1;
      };
      int64_t li = lastNonUnit(in), lo = lastNonUnit(out);
      if (li < 0 || lo < 0 || in[li] != out[lo])
        return nullptr;
      if (auto t = dyn_cast<tosa::TransposeOp>(def))
        if (t.getPerms()[lo] != li)
          return nullptr;
      v = def->getOperand(0);
    }
    return nullptr;
  }

  /// Bias correction: bias[o] -= sum_i (w_q - w)[i] * mean[in(i)] over the
  /// weights i of output o, so that the layer's expected output does not
  /// move with weight rounding (docs/quantization.md).
  static void correctBias(SmallVector<float> &bias, ArrayRef<float> w,
                          ArrayRef<double> wdq, ArrayRef<double> mean,
                          llvm::function_ref<std::pair<int64_t, int64_t>(size_t)> outIn) {
    SmallVector<double> shift(bias.size(), 0.0);
    for (size_t i = 0; i < w.size(); ++i) {
      auto [o, in] = outIn(i);
      shift[o] += (wdq[i] - static_cast<double>(w[i])) * mean[in];
    }
    for (size_t o = 0; o < bias.size(); ++o)
      bias[o] = static_cast<float>(static_cast<double>(bias[o]) - shift[o]);
  }

  /// The observed result of `v`: its observer's result if it has one.
  Value observed(Value v) {
    for (Operation *user : v.getUsers())
      if (auto o = dyn_cast<ObserveOp>(user))
        return o.getResult();
    return {};
  }

  static RankedTensorType withElem(Value v, Type elem) {
    return RankedTensorType::get(cast<RankedTensorType>(v.getType()).getShape(),
                                 elem);
  }

  /// `loc` named after the layer with outputs `outs` when it has no name
  /// of its own: the first output's observer name (the layer's name in
  /// layer-bits and qnn-assign-precision). A fully connected layer's
  /// tosa.matmul and reshape are unnamed; its qnn op then carries the name
  /// into qnn-compile's kernel report.
  Location layerLoc(Location loc, ArrayRef<Value> outs) {
    if (isa<NameLoc>(loc))
      return loc;
    for (Value out : outs) {
      Value o = observed(out);
      auto obs = o ? o.getDefiningOp<ObserveOp>() : ObserveOp();
      if (obs && obs.getName())
        return NameLoc::get(StringAttr::get(loc.getContext(), *obs.getName()),
                            loc);
    }
    return loc;
  }

  /// The weight width of the layer `op` with outputs `outs`: its
  /// `qnn.bits` attribute (with qnn.weight_granularity, if any), else
  /// layer-bits by an output's observer name, else weight-bits; a
  /// qnn.codebook attribute adds its codebook to any of them. 32 keeps the
  /// layer float. perTensor: one scale, whatever weight-granularity says.
  WeightWidth widthOf(Operation *op, ArrayRef<Value> outs) {
    WeightWidth w;
    w.bits = weightBits;
    w.perTensor = weightGranularity == "per-tensor";
    bool fromLayerBits = false;
    if (auto a = op->getAttrOfType<IntegerAttr>("qnn.bits")) {
      w.bits = a.getInt();
    } else {
      for (Value out : outs) {
        Value o = observed(out);
        auto obs = o ? o.getDefiningOp<ObserveOp>() : ObserveOp();
        if (!obs || !obs.getName())
          continue;
        if (auto it = layerBitsMap.find(*obs.getName()); it != layerBitsMap.end()) {
          bool perTensor = w.perTensor || it->second.perTensor;
          w = it->second;
          w.perTensor = perTensor;
          fromLayerBits = true;
          break;
        }
      }
    }
    if (auto g = op->getAttrOfType<StringAttr>(kGranularityAttr); g && !fromLayerBits)
      w.perTensor = g.getValue() == "per-tensor";
    (void)readCodebookAttr(op, w); // checked in runOnOperation
    return w;
  }

  /// The activation samples of `v`: its own, or those of the value it
  /// reshapes (a reshape keeps the order of the elements) or transposes
  /// (keeping the first dimension: the samples are permuted alike).
  const ActivationSamples *samplesOf(Value v, int depth = 0) {
    if (auto it = samplesOfValue.find(v); it != samplesOfValue.end())
      return it->second;
    Operation *def = v.getDefiningOp();
    if (depth > 16 || !def)
      return nullptr;
    if (isa<tosa::ReshapeOp>(def))
      return samplesOf(def->getOperand(0), depth + 1);
    auto tr = dyn_cast<tosa::TransposeOp>(def);
    if (!tr || tr.getPerms().empty() || tr.getPerms()[0] != 0)
      return nullptr;
    const ActivationSamples *in = samplesOf(tr.getInput1(), depth + 1);
    if (!in || in->shape.size() != tr.getPerms().size())
      return nullptr;
    ArrayRef<int32_t> perms = tr.getPerms();
    size_t rank = perms.size();
    ActivationSamples &out = derivedSamples.emplace_back();
    out.id = in->id;
    out.name = in->name;
    SmallVector<int64_t> inStride(rank, 1);
    for (size_t d = rank - 1; d > 0; --d)
      inStride[d - 1] = inStride[d] * in->shape[d];
    for (int32_t p : perms)
      out.shape.push_back(in->shape[p]);
    out.data.resize(in->data.size());
    SmallVector<int64_t> idx(rank, 0);
    for (size_t i = 0; i < out.data.size(); ++i) {
      int64_t src = 0;
      for (size_t d = 0; d < rank; ++d)
        src += idx[d] * inStride[perms[d]];
      out.data[i] = in->data[src];
      for (size_t d = rank; d-- > 0;) {
        if (++idx[d] < out.shape[d])
          break;
        idx[d] = 0;
      }
    }
    samplesOfValue[v] = &out;
    return &out;
  }

  /// weight-rounding=gptq: the rows of the layer `op`'s weights with the
  /// Gram matrix of their inputs, or std::nullopt (without gptq, for binary
  /// weights, and with an error when the samples are missing).
  std::optional<std::vector<GptqRows>> gptqPlan(Operation *op, Value x,
                                                ArrayRef<int64_t> wshape,
                                                bool fc, const WeightWidth &width) {
    if (!useGptq || width.bits < 2) // binary weights round to their sign
      return std::nullopt;
    const ActivationSamples *a = samplesOf(x);
    if (!a) {
      op->emitError() << "weight-rounding=gptq: the samples file " << samples
                      << " has no samples of this layer's input";
      gptqFailed = true;
      return std::nullopt;
    }
    std::vector<GptqRows> plan;
    if (fc) { // weights [N, K]
      int64_t n = wshape[0], k = wshape[1];
      int64_t per = 1;
      for (int64_t d : ArrayRef<int64_t>(a->shape).drop_front())
        per *= d;
      if (per % k != 0) {
        op->emitError() << "weight-rounding=gptq: the input samples of "
                        << fmtShape(a->shape) << " do not split into rows of "
                        << k;
        gptqFailed = true;
        return std::nullopt;
      }
      GptqRows g;
      g.k = k;
      for (int64_t i = 0; i < n * k; ++i)
        g.index.push_back(i);
      g.gram = cachedGram(gptqCache, *a, k, {0, k},
                          [&] { return rowGram(*a, k); });
      plan.push_back(std::move(g));
      return plan;
    }
    auto attr = [&](StringRef name) {
      return SmallVector<int64_t>(
          cast<DenseI64ArrayAttr>(op->getAttr(name)).asArrayRef());
    };
    SmallVector<int64_t> stride = attr("stride"), pad = attr("pad"),
                         dilation = attr("dilation");
    // What a convolution's Gram matrix depends on besides the samples.
    auto convKey = [&](int64_t kh, int64_t kw, int64_t c0, int64_t cn) {
      SmallVector<int64_t> key{1, kh, kw, c0, cn};
      llvm::append_range(key, stride);
      llvm::append_range(key, pad);
      llvm::append_range(key, dilation);
      return key;
    };
    auto xshape = cast<RankedTensorType>(x.getType()).getShape();
    if (a->shape.size() != 4 || xshape.size() != 4 ||
        !std::equal(xshape.begin() + 1, xshape.end(), a->shape.begin() + 1)) {
      op->emitError() << "weight-rounding=gptq: the input samples are "
                      << fmtShape(a->shape) << ", the input "
                      << fmtShape(xshape);
      gptqFailed = true;
      return std::nullopt;
    }
    if (isa<tosa::Conv2DOp>(op)) { // OHWI
      int64_t o = wshape[0], kh = wshape[1], kw = wshape[2], ci = wshape[3];
      GptqRows g;
      g.k = kh * kw * ci;
      for (int64_t i = 0; i < o * g.k; ++i)
        g.index.push_back(i);
      g.gram = cachedGram(gptqCache, *a, g.k, convKey(kh, kw, 0, ci), [&] {
        return convGram(*a, kh, kw, stride, pad, dilation, 0, ci);
      });
      plan.push_back(std::move(g));
      return plan;
    }
    // Depthwise, KH x KW x C x M: input channel c's own Gram matrix for
    // its M rows.
    int64_t kh = wshape[0], kw = wshape[1], c = wshape[2], m = wshape[3];
    for (int64_t ch = 0; ch < c; ++ch) {
      GptqRows g;
      g.k = kh * kw;
      for (int64_t r = 0; r < m; ++r)
        for (int64_t t = 0; t < g.k; ++t)
          g.index.push_back(t * c * m + ch * m + r);
      g.gram = cachedGram(gptqCache, *a, g.k, convKey(kh, kw, ch, 1), [&] {
        return convGram(*a, kh, kw, stride, pad, dilation, ch, 1);
      });
      plan.push_back(std::move(g));
    }
    return plan;
  }

  Value quantizeInput(RewriterBase &rw, Location loc, Value v, Type elem) {
    return QuantizeOp::create(rw, loc, withElem(v, elem), v);
  }

  WeightQuantOptions weightOptions(int64_t bits, bool perChannel) {
    WeightQuantOptions o;
    o.bits = bits;
    o.perChannel = perChannel;
    o.symmetric = weightRange == "symmetric";
    o.mseScale = weightScale == "mse";
    o.rng = stochasticRoundingSeed >= 0 ? &rng : nullptr;
    return o;
  }

  /// Quantized constant weights `w` (float, `shape`) with per-channel
  /// scales along `axis` (or one scale), as the options ask (quantize-
  /// WeightValues). Returns the quantized value and the scales, one per
  /// index of `axis`.
  std::pair<Value, SmallVector<double>>
  quantizeWeights(RewriterBase &rw, Location loc, ArrayRef<float> w,
                  ArrayRef<int64_t> shape, int64_t axis, WeightWidth width,
                  SmallVector<double> *dequantized = nullptr,
                  const std::vector<GptqRows> *plan = nullptr) {
    MLIRContext *ctx = rw.getContext();
    int64_t channels = axis >= 0 ? shape[axis] : 1;
    int64_t bits = width.bits;
    bool perChannel = !width.perTensor && axis >= 0;
    WeightValues v =
        quantizeWeightValues(w, shape, axis, weightOptions(bits, perChannel));
    bool wantCodebook = (useCodebook || width.isCodebook()) && bits > 1;
    // weight-rounding=gptq (rule N26): the scales and zero points stay, the
    // rounding changes. On the uniform grid of the original zero points,
    // then shifted as re-centring shifts (zps and q move together).
    ChannelIndex chOf(shape, axis, perChannel);
    SmallVector<int64_t> gridZps = v.zps;
    int64_t gridMin = v.wmin, gridMax = v.wmax;
    // Each row's scale and zero point (zpOf: channel -> zero point).
    auto rowParams = [&](const GptqRows &g, auto zpOf) {
      int64_t rows = static_cast<int64_t>(g.index.size()) / g.k;
      std::pair<SmallVector<double>, SmallVector<int64_t>> p;
      for (int64_t r = 0; r < rows; ++r) {
        int64_t c = chOf(g.index[r * g.k]);
        p.first.push_back(v.scales[c]);
        p.second.push_back(zpOf(c));
      }
      return p;
    };
    auto runGptq = [&](auto level, auto zpOf, auto store) {
      for (const GptqRows &g : *plan) {
        auto [sc, zp] = rowParams(g, zpOf);
        SmallVector<int64_t> out(w.size(), 0);
        std::string error;
        GptqOptions o;
        o.damp = gptqDamp;
        o.actOrder = gptqActOrder;
        auto rowLevel = [&](int64_t r, double u) -> int64_t {
          return level(g.index[r * g.k], u);
        };
        if (!gptqRound(w, g, sc, zp, rowLevel, o, out, error)) {
          emitError(loc) << "weight-rounding=gptq: " << error;
          gptqFailed = true;
          return;
        }
        for (int64_t i : g.index)
          store(i, out[i]);
      }
    };
    auto uniformGptq = [&]() {
      runGptq(
          [&](int64_t, double u) {
            return static_cast<int64_t>(std::clamp<double>(
                std::nearbyint(u), static_cast<double>(gridMin),
                static_cast<double>(gridMax)));
          },
          [&](int64_t c) { return gridZps[c]; },
          [&](int64_t i, int64_t q) {
            int64_t c = chOf(i);
            v.q[i] = static_cast<int8_t>(q - gridZps[c] + v.zps[c]);
          });
    };
    if (plan && !wantCodebook) // plan: 2 bits or more (gptqPlan)
      uniformGptq();
    if (dequantized)
      *dequantized = dequantizeWeightValues(v, shape, axis, perChannel);
    // Binary weights are {-1, +1} in a 2-bit storage type; asymmetric ones
    // narrower than 8 bits are re-centred to zero point 0, one bit wider.
    int64_t storageBits = std::max<int64_t>(bits, 2);
    if (weightRange == "asymmetric" && bits > 1 && bits < 8)
      storageBits = recenterWeights(v, shape, axis, perChannel, bits);
    SmallVector<double> &scales = v.scales;
    SmallVector<int64_t> &zps = v.zps;
    int64_t wmin = v.wmin, wmax = v.wmax;
    SmallVector<int8_t> &q = v.q;
    // The codebook option: the stored weights become indices into tables
    // of stored integers (rule N23.3) where that makes them smaller; the
    // real values the bias correction compares with are the decoded ones.
    // A layer's own codebook (qnn.codebook, layer-bits) overrides the
    // option's mode and bits.
    std::optional<Codebook> cb;
    if (wantCodebook) {
      SmallVector<int64_t> values(q.begin(), q.end());
      CodebookOptions o = codebookOptions;
      if (width.isCodebook()) {
        o.mode = width.ternary ? "ternary" : "kmeans";
        o.bits = width.codebookBits;
      }
      o.perChannel &= perChannel && axis >= 0;
      Codebook c;
      std::string error;
      if (!clusterValues(values, shape, std::max<int64_t>(axis, 0), zps, wmin,
                         wmax, static_cast<unsigned>(storageBits), o,
                         codebookRng, c, error)) {
        emitError(loc) << "codebook: " << error;
        codebookFailed = true;
      } else if (c.codebookBytes < c.uniformBytes || o.keepLarger) {
        if (plan) {
          // GPTQ over the table's entries: the nearest entry (not the
          // ternary threshold) with error feedback. A row lies in one
          // channel, so in one table.
          ChannelIndex tableOf(shape, std::max<int64_t>(axis, 0), c.tables > 1);
          auto entryOf = [&](int64_t t, double u) {
            int64_t best = 0;
            for (int64_t e = 1; e < c.entries; ++e)
              if (std::fabs(c.table[t * c.entries + e] - u) <
                  std::fabs(c.table[t * c.entries + best] - u))
                best = e;
            return best;
          };
          auto zpOf = [&](int64_t ch) { return v.zps[ch]; };
          auto roundToTables = [&] {
            runGptq(
                [&](int64_t first, double u) {
                  int64_t t = tableOf(first);
                  return c.table[t * c.entries + entryOf(t, u)];
                },
                zpOf,
                [&](int64_t i, int64_t value) {
                  int64_t t = tableOf(i);
                  int64_t e = entryOf(t, static_cast<double>(value));
                  c.indices[i] = static_cast<int8_t>(e);
                  c.decoded[i] = value;
                });
          };
          roundToTables();
          // The tables refit to the rounded weights (least squares on the
          // output error), then rounding again: kept while the output
          // error drops. Ternary tables keep their {-a, 0, +a} form.
          if (gptqTableUpdate && o.mode != "ternary" && !gptqFailed) {
            auto outputError = [&] {
              double e = 0;
              for (const GptqRows &g : *plan) {
                auto [sc, zp] = rowParams(g, zpOf);
                e += gptqError(w, g, sc, zp, c.decoded);
              }
              return e;
            };
            double bestError = outputError();
            for (int round = 0; round < 2 && !gptqFailed; ++round) {
              Codebook before = c;
              TableFit fit(c.tables, c.entries);
              for (const GptqRows &g : *plan) {
                auto [sc, zp] = rowParams(g, zpOf);
                fit.add(w, g, sc, zp,
                        [&](int64_t i) {
                          return std::pair<int64_t, int64_t>(tableOf(i),
                                                             c.indices[i]);
                        },
                        gptqDamp);
              }
              fit.solve(c.table, wmin, wmax);
              roundToTables();
              double e = outputError();
              if (!(e < bestError)) {
                c = std::move(before);
                break;
              }
              bestError = e;
            }
          }
        }
        for (auto [i, d] : llvm::enumerate(c.decoded))
          q[i] = static_cast<int8_t>(d);
        if (dequantized)
          *dequantized = dequantizeWeightValues(v, shape, axis, perChannel);
        cb = std::move(c);
        cbPerChannel = o.perChannel;
      }
    }
    if (plan && wantCodebook && !cb && !gptqFailed) {
      // The codebook was not smaller: the uniform weights, with GPTQ.
      uniformGptq();
      if (dequantized)
        *dequantized = dequantizeWeightValues(v, shape, axis, perChannel);
    }
    Type i8 = IntegerType::get(ctx, 8);
    Type storage = IntegerType::get(ctx, static_cast<unsigned>(storageBits));
    Type f32 = Float32Type::get(ctx);
    Type elem;
    if (perChannel)
      elem = quant::UniformQuantizedPerAxisType::get(
          quant::QuantizationFlags::Signed, storage, f32, scales, zps,
          static_cast<int32_t>(axis), wmin, wmax);
    else
      elem = quant::UniformQuantizedType::get(quant::QuantizationFlags::Signed,
                                              storage, f32, scales[0], zps[0],
                                              wmin, wmax);
    auto rawType = RankedTensorType::get(shape, i8);
    if (cb) {
      auto cbType = CodebookType::get(
          ctx, cb->bits, elem, cb->entries,
          DenseI64ArrayAttr::get(ctx, cb->table),
          cbPerChannel ? static_cast<int32_t>(axis) : -1);
      Value idx = arith::ConstantOp::create(
          rw, loc, DenseElementsAttr::get(rawType, ArrayRef<int8_t>(cb->indices)));
      Value cast = ContainerCastOp::create(
          rw, loc, RankedTensorType::get(shape, cbType), idx);
      Value wq = DecodeOp::create(rw, loc, RankedTensorType::get(shape, elem), cast);
      if (!perChannel)
        scales.assign(channels, scales[0]);
      return {wq, std::move(scales)};
    }
    auto raw = arith::ConstantOp::create(
        rw, loc, DenseElementsAttr::get(rawType, ArrayRef<int8_t>(q)));
    // Narrower weights stay one per byte: qnn.container_cast (rule N1.4).
    Value wq = storageBits == 8 ? quant::StorageCastOp::create(
                               rw, loc, RankedTensorType::get(shape, elem), raw)
                               .getResult()
                         : ContainerCastOp::create(
                               rw, loc, RankedTensorType::get(shape, elem), raw)
                               .getResult();
    if (!perChannel)
      scales.assign(channels, scales[0]);
    return {wq, std::move(scales)};
  }

  /// The i32 bias at scale s_x * s_w[c].
  Value quantizeBias(RewriterBase &rw, Location loc, ArrayRef<float> b,
                     double sx, ArrayRef<double> sw) {
    SmallVector<int32_t> q(sw.size());
    for (size_t c = 0; c < sw.size(); ++c) {
      double v = std::nearbyint(b[b.size() == 1 ? 0 : c] / (sx * sw[c]));
      q[c] = static_cast<int32_t>(std::clamp<double>(v, -2147483648.0, 2147483647.0));
    }
    auto type = RankedTensorType::get({static_cast<int64_t>(sw.size())},
                                      rw.getI32Type());
    return arith::ConstantOp::create(
        rw, loc, DenseElementsAttr::get(type, ArrayRef<int32_t>(q)));
  }

  /// The output of a layer with result `r`: the observed value it is
  /// replaced in, its type and the fused activation.
  struct Output {
    Value replace; // the float value the dequantized result replaces
    Type elem;
    Activation act = Activation::none;
  };
  std::optional<Output> outputOf(Value r, bool canFuse) {
    Value o = observed(r);
    if (!o)
      return std::nullopt;
    if (canFuse && o.hasOneUse()) {
      Operation *user = *o.getUsers().begin();
      if (std::optional<Activation> act = asActivation(user)) {
        Value co = observed(user->getResult(0));
        if (co)
          return Output{user->getResult(0), elemTypes.lookup(co), *act};
      }
    }
    return Output{r, elemTypes.lookup(o), Activation::none};
  }

  void finish(RewriterBase &rw, Location loc, Operation *qop,
              const Output &out) {
    // The value replaced is computed by the qnn op now (a fused clamp
    // included); the layers' own ops are recorded by their callers.
    if (Operation *def = out.replace.getDefiningOp())
      replaced.insert(def);
    Value dq = DequantizeOp::create(rw, loc, out.replace.getType(),
                                    qop->getResult(0));
    rw.replaceAllUsesWith(out.replace, dq);
  }

  LogicalResult quantizeLayer(RewriterBase &rw, Operation *op) {
    MLIRContext *ctx = rw.getContext();
    Location loc = op->getLoc();
    if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(op)) {
      Value x = op->getOperand(0);
      Type xt = typeOf(x);
      std::optional<SmallVector<float>> w = constantF32(op->getOperand(1));
      std::optional<SmallVector<float>> b = constantF32(op->getOperand(2));
      std::optional<Output> out = outputOf(op->getResult(0), true);
      if (!xt || !w || !b || !out || !out->elem)
        return failure();
      // By the layer's own output or, with a fused ReLU, the ReLU's.
      WeightWidth width = widthOf(op, {op->getResult(0), out->replace});
      if (width.bits == 32)
        return failure(); // kept float (qnn.bits / layer-bits)
      bool depthwise = isa<tosa::DepthwiseConv2DOp>(op);
      auto wshape = cast<RankedTensorType>(op->getOperand(1).getType()).getShape();
      // conv2d: OHWI, one scale per O; depthwise: KH x KW x C x M, per C
      // when M = 1.
      int64_t axis = depthwise ? depthwiseAxis(wshape) : 0;
      rw.setInsertionPoint(op);
      Value xq = quantizeInput(rw, loc, x, xt);
      SmallVector<double> wdq;
      std::optional<std::vector<GptqRows>> plan =
          gptqPlan(op, x, wshape, /*fc=*/false, width);
      auto [wq, sw] = quantizeWeights(rw, loc, *w, wshape, axis, width, &wdq,
                                      plan ? &*plan : nullptr);
      double sx = cast<quant::UniformQuantizedType>(xt).getScale();
      SmallVector<double> swOut;
      int64_t outC = cast<RankedTensorType>(op->getResult(0).getType()).getShape().back();
      int64_t inC = cast<RankedTensorType>(x.getType()).getShape().back();
      if (biasCorrection)
        if (const SmallVector<double> *mu = meansOf(x, inC)) {
          if (b->size() == 1)
            b->assign(outC, (*b)[0]);
          int64_t m = depthwise ? wshape[3] : 1;
          int64_t perO = wshape[1] * wshape[2] * wshape[3];
          correctBias(*b, *w, wdq, *mu, [&](size_t i) -> std::pair<int64_t, int64_t> {
            int64_t ii = static_cast<int64_t>(i);
            if (depthwise) // KH x KW x C x M: output c * M + m, input c
              return {ii % (inC * m), (ii / m) % inC};
            return {ii / perO, ii % wshape[3]}; // OHWI
          });
        }
      for (int64_t c = 0; c < outC; ++c)
        swOut.push_back(sw[depthwise && axis < 0 ? 0 : (depthwise ? c / wshape[3] : c)]);
      Value bias = quantizeBias(rw, loc, *b, sx, swOut);
      OperationState st(loc, depthwise ? DepthwiseConv2DOp::getOperationName()
                                       : Conv2DOp::getOperationName());
      st.addOperands({xq, wq, bias});
      st.addTypes(withElem(op->getResult(0), out->elem));
      st.addAttribute("stride", op->getAttr("stride"));
      st.addAttribute("pad", op->getAttr("pad"));
      st.addAttribute("dilation", op->getAttr("dilation"));
      st.addAttribute("activation", ActivationAttr::get(ctx, out->act));
      Operation *q = rw.create(st);
      replaced.insert(op);
      finish(rw, loc, q, *out);
      return success();
    }
    if (auto add = dyn_cast<tosa::AddOp>(op)) {
      Type at = typeOf(add.getInput1()), bt = typeOf(add.getInput2());
      if (!at || !bt || add.getInput1().getType() != add.getType() ||
          add.getInput2().getType() != add.getType())
        return failure();
      std::optional<Output> out = outputOf(add.getResult(), true);
      if (!out || !out->elem)
        return failure();
      rw.setInsertionPoint(op);
      Value a = quantizeInput(rw, loc, add.getInput1(), at);
      Value b = quantizeInput(rw, loc, add.getInput2(), bt);
      OperationState st(loc, AddOp::getOperationName());
      st.addOperands({a, b});
      st.addTypes(withElem(add.getResult(), out->elem));
      st.addAttribute("activation", ActivationAttr::get(ctx, out->act));
      replaced.insert(op);
      finish(rw, loc, rw.create(st), *out);
      return success();
    }
    if (isa<tosa::MaxPool2dOp, tosa::AvgPool2dOp>(op)) {
      // Pools keep their input's type (rules N12, N13).
      Value x = op->getOperand(0);
      Type xt = typeOf(x);
      if (!xt)
        return failure();
      bool isMax = isa<tosa::MaxPool2dOp>(op);
      if (!isMax) {
        auto avg = cast<tosa::AvgPool2dOp>(op);
        std::optional<SmallVector<float>> izp = constantF32(avg.getInputZp());
        std::optional<SmallVector<float>> ozp = constantF32(avg.getOutputZp());
        if (!izp || !ozp || (*izp)[0] != 0 || (*ozp)[0] != 0)
          return failure();
      }
      rw.setInsertionPoint(op);
      Value xq = quantizeInput(rw, loc, x, xt);
      OperationState st(loc, isMax ? MaxPool2DOp::getOperationName()
                                   : AvgPool2DOp::getOperationName());
      st.addOperands({xq});
      st.addTypes(withElem(op->getResult(0), xt));
      st.addAttribute("kernel", op->getAttr("kernel"));
      st.addAttribute("stride", op->getAttr("stride"));
      st.addAttribute("pad", op->getAttr("pad"));
      finish(rw, loc, rw.create(st), Output{op->getResult(0), xt});
      return success();
    }
    if (auto reshape = dyn_cast<tosa::ReshapeOp>(op))
      return quantizeFullyConnected(rw, reshape);
    return failure();
  }

  /// reshape [1, M, K] -> tosa.matmul with constant [1, K, N] -> reshape
  /// [M, N] (-> tosa.add of a constant bias): qnn.fully_connected.
  LogicalResult quantizeFullyConnected(RewriterBase &rw, tosa::ReshapeOp outer) {
    std::optional<FullyConnectedMatch> fc = matchFullyConnected(outer);
    if (!fc)
      return failure();
    Type xt = typeOf(fc->x);
    if (!xt)
      return failure();
    tosa::MatMulOp mm = fc->mm;
    ObserveOp mmObserver = fc->mmObserver;
    Value mmResult = fc->mmResult, x = fc->x, result = fc->result;
    Operation *addOp = fc->addOp;
    int64_t n = fc->n, k = fc->k;
    std::optional<Output> out = outputOf(result, true);
    if (!out && !addOp && mmObserver) {
      // No bias and the reshape is not observed: the matmul's observer
      // gives the type (a reshape moves values), a ReLU after the reshape
      // still fuses.
      out = Output{result, elemTypes.lookup(mmObserver.getResult()),
                   Activation::none};
      if (result.hasOneUse()) {
        Operation *user = *result.getUsers().begin();
        std::optional<Activation> act = asActivation(user);
        Value co = act ? observed(user->getResult(0)) : Value();
        if (co)
          out = Output{user->getResult(0), elemTypes.lookup(co), *act};
      }
    }
    if (!out || !out->elem)
      return failure();
    WeightWidth width = widthOf(mm, {result, out->replace, mmResult});
    if (width.bits == 32)
      return failure(); // kept float (qnn.bits / layer-bits)
    Location loc = layerLoc(outer.getLoc(), {result, out->replace, mmResult});
    rw.setInsertionPoint(addOp ? addOp : outer.getOperation());
    // Weights as [N, K], per output channel (axis 0).
    Value xq = quantizeInput(rw, loc, x, xt);
    SmallVector<double> wdq;
    std::optional<std::vector<GptqRows>> plan =
        gptqPlan(outer, x, {n, k}, /*fc=*/true, width);
    auto [wq, sw] = quantizeWeights(rw, loc, fc->wt, {n, k}, 0, width, &wdq,
                                    plan ? &*plan : nullptr);
    double sx = cast<quant::UniformQuantizedType>(xt).getScale();
    if (biasCorrection)
      if (const SmallVector<double> *mu = meansOf(x, k))
        correctBias(fc->bias, fc->wt, wdq, *mu, [&](size_t i) -> std::pair<int64_t, int64_t> {
          return {static_cast<int64_t>(i) / k, static_cast<int64_t>(i) % k};
        });
    Value b = quantizeBias(rw, loc, fc->bias, sx, sw);
    OperationState st(loc, FullyConnectedOp::getOperationName());
    st.addOperands({xq, wq, b});
    st.addTypes(withElem(out->replace, out->elem));
    st.addAttribute("activation", ActivationAttr::get(rw.getContext(), out->act));
    replaced.insert(mm);
    replaced.insert(outer);
    if (addOp)
      replaced.insert(addOp);
    finish(rw, loc, rw.create(st), *out);
    return success();
  }

  //===--------------------------------------------------------------------===//
  // Dynamic mode: fully connected layers with activations quantized at run
  // time (u8, per tensor, over [min(x, 0), max(x, 0)] of each call), weights
  // quantized here; everything else stays float. Observers and statistics
  // are not needed (observers present are removed).
  //===--------------------------------------------------------------------===//

  /// mode=weight-only: each fully connected layer becomes
  /// qnn.weight_only_fc (rule N25) with f32 activations and its weights
  /// quantized (and clustered) as in static mode; nothing else changes.
  void runWeightOnly(ModuleOp module) {
    IRRewriter rewriter(&getContext());
    SmallVector<tosa::ReshapeOp> outers;
    module.walk([&](tosa::ReshapeOp op) { outers.push_back(op); });
    bool failedLayer = false;
    for (tosa::ReshapeOp op : outers)
      if (op->getBlock() && failed(weightOnlyFullyConnected(rewriter, op)))
        failedLayer = true;
    SmallVector<ObserveOp> observers;
    module.walk([&](ObserveOp op) { observers.push_back(op); });
    for (ObserveOp op : observers)
      rewriter.replaceOp(op, op.getInput());
    eraseDeadOps(rewriter, module);
    if (failedLayer || codebookFailed)
      signalPassFailure();
  }

  LogicalResult weightOnlyFullyConnected(RewriterBase &rw, tosa::ReshapeOp outer) {
    std::optional<FullyConnectedMatch> fc = matchFullyConnected(outer);
    if (!fc)
      return success(); // not a fully connected layer
    SmallVector<Value> outs = {fc->result, fc->mmResult};
    WeightWidth width = widthOf(fc->mm, outs);
    if (width.bits == 32)
      return success(); // kept float
    if (width.bits == 1) {
      fc->mm->emitError() << "weight-only layers take 2 to 8 weight bits, "
                             "not binary weights";
      return failure();
    }
    Location loc = layerLoc(outer.getLoc(), outs);
    rw.setInsertionPoint(fc->addOp ? fc->addOp : outer.getOperation());
    auto [wq, scales] = quantizeWeights(rw, loc, fc->wt, {fc->n, fc->k}, 0, width);
    // The kernel reads the codebook indices themselves.
    if (auto decode = wq.getDefiningOp<DecodeOp>()) {
      wq = decode.getInput();
      rw.eraseOp(decode);
    }
    Value bias = arith::ConstantOp::create(
        rw, loc, DenseElementsAttr::get(
                     RankedTensorType::get({fc->n}, rw.getF32Type()),
                     ArrayRef<float>(fc->bias)));
    auto type = RankedTensorType::get({fc->m, fc->n}, rw.getF32Type());
    Value y = WeightOnlyFcOp::create(rw, loc, type, fc->x, wq, bias);
    rw.replaceAllUsesWith(fc->result, y); // [M, N] f32, as the layer's value
    return success();
  }

  void runDynamic(ModuleOp module) {
    IRRewriter rewriter(&getContext());
    SmallVector<ObserveOp> observers;
    module.walk([&](ObserveOp op) { observers.push_back(op); });
    for (ObserveOp op : observers)
      rewriter.replaceOp(op, op.getInput());
    SmallVector<tosa::ReshapeOp> outers;
    module.walk([&](tosa::ReshapeOp op) { outers.push_back(op); });
    for (tosa::ReshapeOp op : outers)
      if (op->getBlock())
        (void)dynamicFullyConnected(rewriter, op);
    eraseDeadOps(rewriter, module);
  }

  Value genericOp(OpBuilder &b, Location loc, RankedTensorType outType,
                  ArrayRef<std::pair<Value, AffineMap>> ins,
                  ArrayRef<utils::IteratorType> iters, Value init,
                  function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
    SmallVector<Value> operands;
    SmallVector<AffineMap> maps;
    for (auto [v, m] : ins) {
      operands.push_back(v);
      maps.push_back(m);
    }
    unsigned rank = outType.getRank();
    unsigned loops = iters.size();
    maps.push_back(rank == loops ? AffineMap::getMultiDimIdentityMap(loops, b.getContext())
                                 : AffineMap::get(loops, 0, {}, b.getContext()));
    if (!init)
      init = tensor::EmptyOp::create(b, loc, outType.getShape(),
                                     outType.getElementType());
    auto op = linalg::GenericOp::create(
        b, loc, TypeRange{outType}, operands, ValueRange{init}, maps, iters,
        /*doc=*/"", /*libraryCall=*/"",
        [&](OpBuilder &nb, Location nl, ValueRange args) {
          linalg::YieldOp::create(nb, nl, body(nb, nl, args));
        });
    return op.getResult(0);
  }

  LogicalResult dynamicFullyConnected(RewriterBase &rw, tosa::ReshapeOp outer) {
    MLIRContext *ctx = rw.getContext();
    std::optional<FullyConnectedMatch> fc = matchFullyConnected(outer);
    if (!fc)
      return failure();
    Value x = fc->x, result = fc->result;
    Operation *addOp = fc->addOp;
    int64_t m = fc->m, n = fc->n, k = fc->k;
    Location loc = outer.getLoc();
    rw.setInsertionPoint(addOp ? addOp : outer.getOperation());
    Type f32 = rw.getF32Type(), i8 = rw.getI8Type(), i32 = rw.getI32Type();
    auto scalarF32 = RankedTensorType::get({}, f32);
    auto par = utils::IteratorType::parallel, red = utils::IteratorType::reduction;
    auto id2 = AffineMap::getMultiDimIdentityMap(2, ctx);
    auto to0 = AffineMap::get(2, 0, {}, ctx);
    auto none0 = AffineMap::get(0, 0, {}, ctx);
    auto cstF = [&](OpBuilder &b, Location l, double v) -> Value {
      return arith::ConstantOp::create(b, l, b.getF32FloatAttr(static_cast<float>(v)));
    };
    // min(x, 0) and max(x, 0) over the whole tensor.
    auto reduce = [&](bool isMin) {
      Value zero = cstF(rw, loc, 0.0);
      Value e = tensor::EmptyOp::create(rw, loc, ArrayRef<int64_t>{}, f32);
      Value init = linalg::FillOp::create(rw, loc, zero, e).getResult(0);
      return genericOp(rw, loc, scalarF32, {{x, id2}}, {red, red}, init,
                       [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                         if (isMin)
                           return arith::MinimumFOp::create(b, l, a[0], a[1]);
                         return arith::MaximumFOp::create(b, l, a[0], a[1]);
                       });
    };
    Value lo = reduce(true), hi = reduce(false);
    // scale = (hi - lo) / 255 (1 when hi = lo); zero point =
    // round(clamp(-lo / scale, 0, 255)) (DynamicQuantizeLinear's formula).
    Value scale = genericOp(rw, loc, scalarF32, {{hi, none0}, {lo, none0}}, {}, {},
                            [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                              Value w = arith::SubFOp::create(b, l, a[0], a[1]);
                              Value eq = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, a[0], a[1]);
                              Value r = arith::SelectOp::create(b, l, eq, cstF(b, l, 1.0), w);
                              return arith::DivFOp::create(b, l, r, cstF(b, l, 255.0));
                            });
    Value zpf = genericOp(rw, loc, scalarF32, {{lo, none0}, {scale, none0}}, {}, {},
                          [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                            Value d = arith::DivFOp::create(b, l, a[0], a[1]);
                            Value neg = arith::SubFOp::create(b, l, cstF(b, l, 0.0), d);
                            Value c = arith::MaximumFOp::create(b, l, neg, cstF(b, l, 0.0));
                            c = arith::MinimumFOp::create(b, l, c, cstF(b, l, 255.0));
                            return math::RoundEvenOp::create(b, l, c);
                          });
    // x as u8 in an i8 container: clamp(roundeven(x / scale) + zp, 0, 255).
    auto xqType = RankedTensorType::get({m, k}, i8);
    Value xq = genericOp(rw, loc, xqType, {{x, id2}, {scale, to0}, {zpf, to0}}, {par, par}, {},
                         [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                           Value d = arith::DivFOp::create(b, l, a[0], a[1]);
                           Value r = math::RoundEvenOp::create(b, l, d);
                           Value v = arith::AddFOp::create(b, l, r, a[2]);
                           v = arith::MaxNumFOp::create(b, l, v, cstF(b, l, 0.0));
                           v = arith::MinNumFOp::create(b, l, v, cstF(b, l, 255.0));
                           Value iv = arith::FPToSIOp::create(b, l, i32, v);
                           return arith::TruncIOp::create(b, l, i8, iv);
                         });
    // Weights as [N, K], 8 bits, per output channel, symmetric, rounded to
    // nearest; the product runs with all scales 1 (an i32 result: rule
    // N6.0).
    WeightValues wv = quantizeWeightValues(fc->wt, {n, k}, 0, WeightQuantOptions());
    SmallVector<double> &sw = wv.scales;
    SmallVector<int8_t> &wq = wv.q;
    SmallVector<int32_t> colsum(n, 0);
    for (int64_t nn = 0; nn < n; ++nn)
      for (int64_t kk = 0; kk < k; ++kk)
        colsum[nn] += wq[nn * k + kk];
    Type u8one = quant::UniformQuantizedType::get(0, i8, f32, 1.0, 0, 0, 255);
    Type wone = quant::UniformQuantizedPerAxisType::get(
        quant::QuantizationFlags::Signed, i8, f32, SmallVector<double>(n, 1.0),
        SmallVector<int64_t>(n, 0), 0, -127, 127);
    Type accT = quant::UniformQuantizedType::get(quant::QuantizationFlags::Signed,
                                                 i32, f32, 1.0, 0, INT32_MIN, INT32_MAX);
    Value xqq = quant::StorageCastOp::create(rw, loc, RankedTensorType::get({m, k}, u8one), xq);
    Value wraw = arith::ConstantOp::create(
        rw, loc, DenseElementsAttr::get(RankedTensorType::get({n, k}, i8), ArrayRef<int8_t>(wq)));
    Value wqq = quant::StorageCastOp::create(rw, loc, RankedTensorType::get({n, k}, wone), wraw);
    OperationState st(loc, FullyConnectedOp::getOperationName());
    st.addOperands({xqq, wqq});
    st.addTypes(RankedTensorType::get({m, n}, accT));
    Value acc = rw.create(st)->getResult(0);
    Value acc32 = quant::StorageCastOp::create(rw, loc, RankedTensorType::get({m, n}, i32), acc);
    // y = f32(acc - zp * colsum[n]) * (scale * s_w[n]) + bias[n].
    auto vecF = [&](ArrayRef<float> v) -> Value {
      return arith::ConstantOp::create(
          rw, loc, DenseElementsAttr::get(RankedTensorType::get({n}, f32), v));
    };
    SmallVector<float> swf(sw.begin(), sw.end());
    Value swv = vecF(swf), bv = vecF(fc->bias);
    Value csv = arith::ConstantOp::create(
        rw, loc, DenseElementsAttr::get(RankedTensorType::get({n}, i32), ArrayRef<int32_t>(colsum)));
    auto byCol = AffineMap::get(2, 0, {rw.getAffineDimExpr(1)}, ctx);
    Value y = genericOp(rw, loc, cast<RankedTensorType>(result.getType()),
                        {{acc32, id2}, {csv, byCol}, {zpf, to0}, {scale, to0}, {swv, byCol}, {bv, byCol}},
                        {par, par}, {},
                        [&](OpBuilder &b, Location l, ValueRange a) -> Value {
                          Value zpi = arith::FPToSIOp::create(b, l, i32, a[2]);
                          Value corr = arith::MulIOp::create(b, l, zpi, a[1]);
                          Value t = arith::SubIOp::create(b, l, a[0], corr);
                          Value f = arith::SIToFPOp::create(b, l, f32, t);
                          Value s = arith::MulFOp::create(b, l, a[3], a[4]);
                          Value p = arith::MulFOp::create(b, l, f, s);
                          return arith::AddFOp::create(b, l, p, a[5]);
                        });
    rw.replaceAllUsesWith(result, y);
    return success();
  }
};

} // namespace
