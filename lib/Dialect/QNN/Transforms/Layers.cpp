//===- Layers.cpp - weighted layers and weight quantization ---------------===//

#include "qnn/Dialect/QNN/Transforms/Layers.h"
#include "qnn/Dialect/QNN/Transforms/Ranges.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::qnn;

std::optional<SmallVector<float>> mlir::qnn::constantF32(Value v) {
  DenseElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)) ||
      !attr.getElementType().isF32())
    return std::nullopt;
  return llvm::to_vector(attr.getValues<float>());
}

std::optional<FullyConnectedMatch>
mlir::qnn::matchFullyConnected(tosa::ReshapeOp outer) {
  FullyConnectedMatch fc;
  fc.mmResult = outer.getInput1();
  fc.mmObserver = fc.mmResult.getDefiningOp<ObserveOp>();
  if (fc.mmObserver)
    fc.mmResult = fc.mmObserver.getInput();
  fc.mm = fc.mmResult.getDefiningOp<tosa::MatMulOp>();
  if (!fc.mm || !fc.mm->hasOneUse())
    return std::nullopt;
  auto rtype = cast<RankedTensorType>(outer.getType());
  if (rtype.getRank() != 2 ||
      cast<RankedTensorType>(fc.mm.getType()).getShape()[0] != 1)
    return std::nullopt;
  auto inner = fc.mm.getA().getDefiningOp<tosa::ReshapeOp>();
  std::optional<SmallVector<float>> bw = constantF32(fc.mm.getB());
  std::optional<SmallVector<float>> azp = constantF32(fc.mm.getAZp());
  if (!inner || !bw || !azp || (*azp)[0] != 0)
    return std::nullopt;
  fc.x = inner.getInput1();
  auto xtype = cast<RankedTensorType>(fc.x.getType());
  if (xtype.getRank() != 2 || !xtype.getElementType().isF32())
    return std::nullopt;
  fc.m = rtype.getShape()[0];
  fc.n = rtype.getShape()[1];
  fc.k = cast<RankedTensorType>(fc.mm.getB().getType()).getShape()[1];
  fc.wt.resize(fc.n * fc.k);
  for (int64_t kk = 0; kk < fc.k; ++kk)
    for (int64_t nn = 0; nn < fc.n; ++nn)
      fc.wt[nn * fc.k + kk] = (*bw)[kk * fc.n + nn];
  fc.result = outer.getResult();
  fc.bias.assign(fc.n, 0.0f);
  if (fc.result.hasOneUse())
    if (auto add = dyn_cast<tosa::AddOp>(*fc.result.getUsers().begin())) {
      std::optional<SmallVector<float>> c = constantF32(add.getInput2());
      if (add.getInput1() == fc.result && c &&
          cast<RankedTensorType>(add.getInput2().getType()).getNumElements() ==
              fc.n) {
        fc.bias = *c;
        fc.addOp = add;
        fc.result = add.getResult();
      }
    }
  return fc;
}

namespace {
/// Rounded to f32, as the scale is stored.
double asF32(double x) { return static_cast<double>(static_cast<float>(x)); }

/// Channel c's values of `w`.
SmallVector<SmallVector<float>> byChannel(ArrayRef<float> w,
                                          const ChannelIndex &ch) {
  SmallVector<SmallVector<float>> out(ch.channels);
  for (size_t i = 0; i < w.size(); ++i)
    out[ch(i)].push_back(w[i]);
  return out;
}

/// Squared error of `w` quantized to nearest at (scale, zp) in [lo, hi].
double roundingError(ArrayRef<float> w, double scale, int64_t zp, int64_t lo,
                     int64_t hi) {
  double e = 0;
  for (float x : w) {
    double q = std::clamp<double>(std::nearbyint(x / scale) + zp, lo, hi);
    double d = x - (q - zp) * scale;
    e += d * d;
  }
  return e;
}
} // namespace

WeightValues mlir::qnn::quantizeWeightValues(ArrayRef<float> w,
                                             ArrayRef<int64_t> shape,
                                             int64_t axis,
                                             const WeightQuantOptions &o) {
  ChannelIndex ch(shape, axis, o.perChannel);
  int64_t n = ch.channels;
  WeightValues out;
  out.scales.assign(n, 0.0);
  out.zps.assign(n, 0);
  out.q.resize(w.size());
  if (o.bits == 1) {
    // Binary: sign(w) (0 -> +1) times alpha = mean |w| of the channel.
    SmallVector<double> sum(n, 0.0);
    SmallVector<int64_t> count(n, 0);
    for (size_t i = 0; i < w.size(); ++i) {
      sum[ch(i)] += std::fabs(w[i]);
      ++count[ch(i)];
    }
    for (int64_t c = 0; c < n; ++c)
      out.scales[c] = sum[c] > 0 ? asF32(sum[c] / count[c]) : 1.0;
    for (size_t i = 0; i < w.size(); ++i)
      out.q[i] = w[i] < 0 ? -1 : 1;
    out.wmin = -1, out.wmax = 1;
    return out;
  }
  int64_t top = (int64_t{1} << (o.bits - 1)) - 1;
  out.wmin = o.symmetric ? -top : -top - 1;
  out.wmax = top;
  SmallVector<double> lo(n, 0.0), hi(n, 0.0);
  for (size_t i = 0; i < w.size(); ++i) {
    int64_t c = ch(i);
    lo[c] = std::min<double>(lo[c], w[i]);
    hi[c] = std::max<double>(hi[c], w[i]);
  }
  auto paramsAt = [&](int64_t c, double r) -> std::pair<double, int64_t> {
    if (o.symmetric) {
      double m = std::max(std::fabs(lo[c]), std::fabs(hi[c])) * r;
      return {m > 0 ? asF32(m / static_cast<double>(top)) : 1.0, 0};
    }
    return chooseQuantParams(lo[c] * r, hi[c] * r, out.wmin, out.wmax);
  };
  SmallVector<SmallVector<float>> values;
  if (o.mseScale)
    values = byChannel(w, ch);
  for (int64_t c = 0; c < n; ++c) {
    std::pair<double, int64_t> best = paramsAt(c, 1.0);
    if (o.mseScale) {
      double bestErr = roundingError(values[c], best.first, best.second,
                                     out.wmin, out.wmax);
      for (int step = 1; step <= 80; ++step) {
        std::pair<double, int64_t> p = paramsAt(c, 1.0 - 0.01 * step);
        double e = roundingError(values[c], p.first, p.second, out.wmin,
                                 out.wmax);
        if (e < bestErr)
          bestErr = e, best = p;
      }
    }
    std::tie(out.scales[c], out.zps[c]) = best;
  }
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (size_t i = 0; i < w.size(); ++i) {
    int64_t c = ch(i);
    double x = w[i] / out.scales[c];
    double r = o.rng ? std::floor(x + uniform(*o.rng)) : std::nearbyint(x);
    out.q[i] = static_cast<int8_t>(std::clamp<double>(
        r + static_cast<double>(out.zps[c]), out.wmin, out.wmax));
  }
  return out;
}

int64_t mlir::qnn::recenterWeights(WeightValues &v, ArrayRef<int64_t> shape,
                                   int64_t axis, bool perChannel,
                                   int64_t bits) {
  ChannelIndex ch(shape, axis, perChannel);
  for (size_t i = 0; i < v.q.size(); ++i)
    v.q[i] = static_cast<int8_t>(v.q[i] - v.zps[ch(i)]);
  for (int64_t &z : v.zps)
    z = 0;
  v.wmax = (int64_t{1} << bits) - 1;
  v.wmin = -v.wmax;
  return bits + 1;
}

SmallVector<double> mlir::qnn::dequantizeWeightValues(const WeightValues &v,
                                                      ArrayRef<int64_t> shape,
                                                      int64_t axis,
                                                      bool perChannel) {
  ChannelIndex ch(shape, axis, perChannel);
  SmallVector<double> out(v.q.size());
  for (size_t i = 0; i < v.q.size(); ++i) {
    int64_t c = ch(i);
    out[i] = static_cast<double>(v.q[i] - v.zps[c]) * v.scales[c];
  }
  return out;
}

double mlir::qnn::weightSQNR(ArrayRef<float> w, ArrayRef<int64_t> shape,
                             int64_t axis, const WeightQuantOptions &o) {
  WeightValues v = quantizeWeightValues(w, shape, axis, o);
  return sqnrOf(w, dequantizeWeightValues(v, shape, axis, o.perChannel));
}

double mlir::qnn::sqnrOf(ArrayRef<float> w, ArrayRef<double> dq) {
  double sig = 0, err = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    double d = w[i] - dq[i];
    sig += static_cast<double>(w[i]) * w[i];
    err += d * d;
  }
  return err == 0 ? std::numeric_limits<double>::infinity() : sig / err;
}

namespace {
/// The first observer of `v`, through nothing else.
ObserveOp observerOf(Value v) {
  for (Operation *user : v.getUsers())
    if (auto o = dyn_cast<ObserveOp>(user))
      return o;
  return {};
}

/// Appends the ReLU / ReLU6 clamp that is the only user of `v`'s observed
/// value (or of `v`), which qnn-quantize fuses.
void appendFusedClamp(Value v, SmallVector<Value> &outs) {
  Value o = v;
  if (ObserveOp obs = observerOf(v))
    o = obs.getResult();
  if (o.hasOneUse())
    if (auto clamp = dyn_cast<tosa::ClampOp>(*o.getUsers().begin()))
      outs.push_back(clamp.getResult());
}
} // namespace

std::vector<WeightedLayer> mlir::qnn::collectWeightedLayers(ModuleOp module) {
  std::vector<WeightedLayer> layers;
  module.walk([&](Operation *op) {
    if (isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp>(op)) {
      std::optional<SmallVector<float>> w = constantF32(op->getOperand(1));
      if (!w || !constantF32(op->getOperand(2)))
        return;
      WeightedLayer l;
      l.op = op;
      bool depthwise = isa<tosa::DepthwiseConv2DOp>(op);
      l.kind = depthwise ? "depthwise_conv2d" : "conv2d";
      l.weights = std::move(*w);
      l.shape = llvm::to_vector(
          cast<RankedTensorType>(op->getOperand(1).getType()).getShape());
      l.axis = depthwise ? depthwiseAxis(l.shape) : 0;
      auto out = cast<RankedTensorType>(op->getResult(0).getType());
      l.channels = out.getShape().back();
      // Each output element takes one weight per (kh, kw, input channel)
      // (conv2d: the weight's last three dimensions; depthwise: KH x KW).
      int64_t perOutput = depthwise ? l.shape[0] * l.shape[1]
                                    : l.shape[1] * l.shape[2] * l.shape[3];
      // Per image: the output's elements past the batch dimension.
      l.macs = out.getDimSize(1) * out.getDimSize(2) * l.channels * perOutput;
      l.input = op->getOperand(0);
      l.outputs.push_back(op->getResult(0));
      appendFusedClamp(op->getResult(0), l.outputs);
      layers.push_back(std::move(l));
      return;
    }
    auto reshape = dyn_cast<tosa::ReshapeOp>(op);
    if (!reshape)
      return;
    std::optional<FullyConnectedMatch> fc = matchFullyConnected(reshape);
    if (!fc)
      return;
    WeightedLayer l;
    l.op = fc->mm;
    l.kind = "fully_connected";
    l.weights = fc->wt;
    l.shape = {fc->n, fc->k};
    l.axis = 0;
    l.channels = fc->n;
    l.macs = fc->n * fc->k; // per row (image)
    l.input = fc->x;
    l.outputs.push_back(fc->result);
    appendFusedClamp(fc->result, l.outputs);
    l.outputs.push_back(fc->mmResult);
    layers.push_back(std::move(l));
  });
  return layers;
}

bool mlir::qnn::parseCodebookWidth(StringRef s, WeightWidth &w) {
  s = s.trim();
  if (s == "ternary") {
    w.ternary = true;
    w.codebookBits = 2;
    return true;
  }
  int64_t b = 0;
  if (!s.consume_front("kmeans") || s.getAsInteger(10, b) || b < 1 || b > 7)
    return false;
  w.ternary = false;
  w.codebookBits = b;
  return true;
}

LogicalResult mlir::qnn::readCodebookAttr(Operation *op, WeightWidth &w) {
  Attribute a = op->getAttr(kCodebookAttr);
  if (!a)
    return success();
  auto c = dyn_cast<StringAttr>(a);
  if (c && parseCodebookWidth(c.getValue(), w))
    return success();
  return op->emitError() << "'" << kCodebookAttr
                         << "' must be \"kmeans1\" to \"kmeans7\" or "
                            "\"ternary\", got "
                         << a;
}

std::optional<WeightWidth> mlir::qnn::parseWeightWidth(StringRef s) {
  s = s.trim();
  WeightWidth w;
  w.perTensor = s.consume_back("t");
  if (!s.empty() && !llvm::isDigit(s.front()))
    return parseCodebookWidth(s, w) ? std::optional<WeightWidth>(w) : std::nullopt;
  if (s.empty() || s.getAsInteger(10, w.bits))
    return std::nullopt;
  if (!(w.bits == 32 || (w.bits >= 1 && w.bits <= 8)) ||
      (w.bits == 32 && w.perTensor))
    return std::nullopt;
  return w;
}
