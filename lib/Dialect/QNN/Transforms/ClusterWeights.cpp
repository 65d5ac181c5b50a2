//===- ClusterWeights.cpp - codebook (k-means, ternary) weights -----------===//
//
// qnn-cluster-weights turns the constant quantized weights of conv2d,
// depthwise_conv2d and fully_connected into indices into a codebook of stored
// integers (rule N23); qnn-decode-codebooks folds the decode of constant
// indices back into constant weights for the int8 kernels.
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <cmath>
#include <functional>
#include <map>
#include <random>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNCLUSTERWEIGHTS
#define GEN_PASS_DEF_QNNDECODECODEBOOKS
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// The stored integers of an i8 container (rule N1.4) as their storage
/// type reads them.
SmallVector<int64_t> storedValues(DenseIntElementsAttr raw, bool isSigned) {
  SmallVector<int64_t> out;
  out.reserve(raw.getNumElements());
  for (const APInt &v : raw.getValues<APInt>())
    out.push_back(isSigned ? v.getSExtValue() : v.getZExtValue());
  return out;
}

/// Counts of each distinct value.
using Histogram = std::map<int64_t, int64_t>;

/// Nearest entry of the sorted `table` to `v` (the lower one on a tie).
int64_t nearest(ArrayRef<int64_t> table, double v) {
  int64_t best = 0;
  for (int64_t i = 1; i < static_cast<int64_t>(table.size()); ++i)
    if (std::abs(table[i] - v) < std::abs(table[best] - v))
      best = i;
  return best;
}

/// One-dimensional k-means (Lloyd) of the histogram `h` into at most `k`
/// stored integers in [qmin, qmax], sorted; fewer when the histogram has
/// fewer distinct values or centroids round to the same integer.
SmallVector<int64_t> kmeansTable(const Histogram &h, int64_t k, bool plusPlus,
                                 std::mt19937_64 &rng, int64_t maxIterations,
                                 int64_t qmin, int64_t qmax) {
  SmallVector<double> xs;
  SmallVector<double> ns;
  for (auto [v, n] : h) {
    xs.push_back(static_cast<double>(v));
    ns.push_back(static_cast<double>(n));
  }
  size_t m = xs.size();
  if (static_cast<int64_t>(m) <= k)
    return SmallVector<int64_t>(llvm::map_range(h, [](auto p) { return p.first; }));
  SmallVector<double> c;
  if (!plusPlus) {
    for (int64_t i = 0; i < k; ++i)
      c.push_back(xs.front() + (xs.back() - xs.front()) * static_cast<double>(i) /
                                   static_cast<double>(k - 1));
  } else {
    // k-means++ (Arthur and Vassilvitskii): each next centroid is a value
    // drawn with probability proportional to its count times its squared
    // distance to the nearest centroid so far.
    std::discrete_distribution<size_t> first(ns.begin(), ns.end());
    c.push_back(xs[first(rng)]);
    while (static_cast<int64_t>(c.size()) < k) {
      SmallVector<double> w(m);
      for (size_t j = 0; j < m; ++j) {
        double d = INFINITY;
        for (double ci : c)
          d = std::min(d, (xs[j] - ci) * (xs[j] - ci));
        w[j] = ns[j] * d;
      }
      std::discrete_distribution<size_t> next(w.begin(), w.end());
      c.push_back(xs[next(rng)]);
    }
    llvm::sort(c);
  }
  SmallVector<int64_t> assign(m, -1);
  for (int64_t it = 0; it < maxIterations; ++it) {
    bool changed = false;
    for (size_t j = 0; j < m; ++j) {
      int64_t best = 0;
      for (int64_t i = 1; i < k; ++i)
        if (std::abs(xs[j] - c[i]) < std::abs(xs[j] - c[best]))
          best = i;
      changed |= assign[j] != best;
      assign[j] = best;
    }
    if (!changed)
      break;
    SmallVector<double> sum(k, 0.0), cnt(k, 0.0);
    for (size_t j = 0; j < m; ++j) {
      sum[assign[j]] += ns[j] * xs[j];
      cnt[assign[j]] += ns[j];
    }
    for (int64_t i = 0; i < k; ++i) {
      if (cnt[i] > 0) {
        c[i] = sum[i] / cnt[i];
        continue;
      }
      // An empty cluster moves to the value that costs the most where it
      // is (count times squared distance), so every level is used.
      size_t worst = 0;
      double cost = -1;
      for (size_t j = 0; j < m; ++j) {
        double d = xs[j] - c[assign[j]];
        if (ns[j] * d * d > cost && llvm::count(c, xs[j]) == 0) {
          cost = ns[j] * d * d;
          worst = j;
        }
      }
      c[i] = xs[worst];
    }
  }
  SmallVector<int64_t> table;
  SmallVector<bool> used(k, false);
  for (int64_t a : assign)
    used[a] = true;
  for (int64_t i = 0; i < k; ++i)
    if (used[i])
      table.push_back(std::clamp<int64_t>(
          static_cast<int64_t>(std::nearbyint(c[i])), qmin, qmax));
  llvm::sort(table);
  table.erase(std::unique(table.begin(), table.end()), table.end());
  return table;
}

/// The k-clustering of the histogram `h` with the least squared error,
/// exactly (1-D clusters are runs of the sorted values): dynamic
/// programming over prefix sums, cost[j][i] = min over a of
/// cost[j-1][a] + SSE(values a..i-1), the argmin monotone in i (divide and
/// conquer). Returns the clusters' means, rounded half to even and
/// clamped to [qmin, qmax], sorted and merged.
SmallVector<int64_t> optimalTable(const Histogram &h, int64_t k, int64_t qmin,
                                  int64_t qmax) {
  SmallVector<double> xs, ns;
  for (auto [v, n] : h) {
    xs.push_back(static_cast<double>(v));
    ns.push_back(static_cast<double>(n));
  }
  int64_t m = static_cast<int64_t>(xs.size());
  if (m <= k)
    return SmallVector<int64_t>(llvm::map_range(h, [](auto p) { return p.first; }));
  // Prefix sums of n, n x, n x^2 (exact in double: integers below 2^53).
  SmallVector<double> s0(m + 1, 0), s1(m + 1, 0), s2(m + 1, 0);
  for (int64_t j = 0; j < m; ++j) {
    s0[j + 1] = s0[j] + ns[j];
    s1[j + 1] = s1[j] + ns[j] * xs[j];
    s2[j + 1] = s2[j] + ns[j] * xs[j] * xs[j];
  }
  auto sse = [&](int64_t a, int64_t b) { // values [a, b)
    double n = s0[b] - s0[a], s = s1[b] - s1[a];
    return n > 0 ? (s2[b] - s2[a]) - s * s / n : 0.0;
  };
  SmallVector<double> prev(m + 1, INFINITY), cur(m + 1, INFINITY);
  SmallVector<SmallVector<int64_t>> from(k + 1, SmallVector<int64_t>(m + 1, 0));
  prev[0] = 0;
  for (int64_t j = 1; j <= k; ++j) {
    std::fill(cur.begin(), cur.end(), INFINITY);
    // cur[i] for i in [lo, hi], the optimal split in [optLo, optHi].
    std::function<void(int64_t, int64_t, int64_t, int64_t)> solve =
        [&](int64_t lo, int64_t hi, int64_t optLo, int64_t optHi) {
          if (lo > hi)
            return;
          int64_t mid = (lo + hi) / 2, best = optLo;
          double bestCost = INFINITY;
          for (int64_t a = optLo; a <= std::min(mid - 1, optHi); ++a) {
            double c = prev[a] + sse(a, mid);
            if (c < bestCost) {
              bestCost = c;
              best = a;
            }
          }
          cur[mid] = bestCost;
          from[j][mid] = best;
          solve(lo, mid - 1, optLo, best);
          solve(mid + 1, hi, best, optHi);
        };
    solve(j, m, j - 1, m - 1);
    std::swap(prev, cur);
  }
  SmallVector<int64_t> table;
  for (int64_t j = k, i = m; j > 0; --j) {
    int64_t a = from[j][i];
    double mean = (s1[i] - s1[a]) / (s0[i] - s0[a]);
    table.push_back(std::clamp<int64_t>(static_cast<int64_t>(std::nearbyint(mean)),
                                        qmin, qmax));
    i = a;
  }
  llvm::sort(table);
  table.erase(std::unique(table.begin(), table.end()), table.end());
  return table;
}

/// Mean of |u| over the values of `h` (offset by -z) that `keep` accepts.
template <typename Pred>
double meanAbs(const Histogram &h, int64_t z, Pred keep) {
  double sum = 0, n = 0;
  for (auto [v, c] : h) {
    double u = static_cast<double>(v - z);
    if (keep(u)) {
      sum += std::abs(u) * static_cast<double>(c);
      n += static_cast<double>(c);
    }
  }
  return n > 0 ? sum / n : 0.0;
}

struct ClusterWeightsPass
    : public qnn::impl::QNNClusterWeightsBase<ClusterWeightsPass> {
  using QNNClusterWeightsBase::QNNClusterWeightsBase;

  LogicalResult checkOptions(Operation *root) {
    auto bad = [&](StringRef option, StringRef value, StringRef expected) {
      return root->emitError() << "qnn-cluster-weights: " << option << " '"
                               << value << "' is not supported; expected "
                               << expected;
    };
    if (mode != "kmeans" && mode != "ternary")
      return bad("mode", mode, "kmeans or ternary");
    if (granularity != "per-channel" && granularity != "per-layer")
      return bad("granularity", granularity, "per-channel or per-layer");
    if (init != "linear" && init != "kmeans++" && init != "optimal")
      return bad("init", init, "linear, kmeans++ or optimal");
    if (bits < 1 || bits > 8)
      return bad("bits", std::to_string(bits), "1 to 8");
    if (maxIterations < 1)
      return bad("max-iterations", std::to_string(maxIterations), "at least 1");
    if (!(threshold >= 0.0) || !std::isfinite(threshold))
      return bad("threshold", std::to_string(threshold),
                 "a finite value >= 0");
    return success();
  }

  void runOnOperation() override {
    Operation *root = getOperation();
    if (failed(checkOptions(root)))
      return signalPassFailure();
    std::mt19937_64 rng(static_cast<uint64_t>(seed));
    bool ok = true;
    root->walk([&](Operation *op) {
      int32_t axis;
      if (isa<Conv2DOp, FullyConnectedOp>(op))
        axis = 0;
      else if (isa<DepthwiseConv2DOp>(op))
        axis = 2;
      else
        return;
      if (failed(cluster(op, op->getOpOperand(1), axis, rng)))
        ok = false;
    });
    if (!ok)
      signalPassFailure();
  }

  LogicalResult cluster(Operation *op, OpOperand &weight, int32_t axis,
                        std::mt19937_64 &rng) {
    Value w = weight.get();
    if (w.getDefiningOp<DecodeOp>())
      return success(); // already a codebook
    Operation *view = w.getDefiningOp();
    if (!view || !isa<quant::StorageCastOp, ContainerCastOp>(view)) {
      op->emitRemark() << "qnn-cluster-weights: weights are not constants; "
                          "left as they are";
      return success();
    }
    auto cst = view->getOperand(0).getDefiningOp<arith::ConstantOp>();
    auto raw = cst ? dyn_cast<DenseIntElementsAttr>(cst.getValue()) : nullptr;
    if (!raw) {
      op->emitRemark() << "qnn-cluster-weights: weights are not constants; "
                          "left as they are";
      return success();
    }
    auto wType = cast<RankedTensorType>(w.getType());
    QuantParams q = *getQuantParams(wType);
    ArrayRef<int64_t> shape = wType.getShape();
    SmallVector<int64_t> values = storedValues(raw, q.isSigned);
    int64_t channels = shape[axis];
    int64_t inner = 1;
    for (size_t d = axis + 1; d < shape.size(); ++d)
      inner *= shape[d];
    auto channelOf = [&](int64_t i) { return (i / inner) % channels; };
    bool perChannel = granularity == "per-channel";
    bool ternary = mode == "ternary";
    int64_t tables = perChannel ? channels : 1;
    if (ternary && !perChannel) {
      for (int64_t c = 1; c < channels; ++c)
        if (q.zeroPoint(c) != q.zeroPoint(0))
          return op->emitError()
                 << "qnn-cluster-weights: a per-layer ternary table needs one "
                    "zero point, but the weights' zero points differ by "
                    "channel; use granularity=per-channel";
    }
    SmallVector<Histogram> hist(tables);
    for (auto [i, v] : llvm::enumerate(values))
      ++hist[perChannel ? channelOf(i) : 0][v];
    int64_t entries = 0;
    SmallVector<SmallVector<int64_t>> tableOf(tables);
    SmallVector<double> deltas(tables, 0.0);
    for (int64_t t = 0; t < tables; ++t) {
      if (ternary) {
        int64_t z = q.zeroPoint(t);
        double delta = threshold * meanAbs(hist[t], z, [](double) { return true; });
        double ap, an;
        if (asymmetric) {
          ap = meanAbs(hist[t], z, [&](double u) { return u > delta; });
          an = meanAbs(hist[t], z, [&](double u) { return u < -delta; });
        } else {
          ap = an = meanAbs(hist[t], z,
                            [&](double u) { return std::abs(u) > delta; });
        }
        auto at = [&](double a) {
          return std::clamp<int64_t>(z + static_cast<int64_t>(std::nearbyint(a)),
                                     q.qmin, q.qmax);
        };
        tableOf[t] = {at(-an), z, at(ap)};
        deltas[t] = delta;
      } else {
        tableOf[t] = init == "optimal"
                         ? optimalTable(hist[t], int64_t{1} << bits, q.qmin, q.qmax)
                         : kmeansTable(hist[t], int64_t{1} << bits,
                                       init == "kmeans++", rng, maxIterations,
                                       q.qmin, q.qmax);
      }
      entries = std::max<int64_t>(entries, tableOf[t].size());
    }
    // Tables of one codebook have one size: shorter ones repeat their last
    // entry, which no index selects.
    SmallVector<int64_t> flat;
    for (SmallVector<int64_t> &t : tableOf) {
      SmallVector<int64_t> padded(t);
      padded.resize(entries, t.back());
      flat.append(padded);
    }
    SmallVector<int8_t> idx(values.size());
    for (auto [i, v] : llvm::enumerate(values)) {
      int64_t t = perChannel ? channelOf(i) : 0;
      if (ternary) {
        double u = static_cast<double>(v - q.zeroPoint(t));
        idx[i] = u > deltas[t] ? 2 : u < -deltas[t] ? 0 : 1;
      } else {
        idx[i] = static_cast<int8_t>(nearest(tableOf[t], static_cast<double>(v)));
      }
    }
    unsigned indexBits = ternary ? 2 : static_cast<unsigned>(bits);
    // A codebook pays its tables: where they cost more than the narrower
    // indices save (9 weights per channel of a depthwise layer, say), the
    // layer keeps its uniform weights.
    int64_t count = static_cast<int64_t>(values.size());
    int64_t codebookBytes = (count * indexBits + 7) / 8 + tables * entries;
    int64_t uniformBytes = (count * q.width + 7) / 8;
    if (codebookBytes >= uniformBytes && !keepLarger) {
      op->emitRemark() << "qnn-cluster-weights: a codebook would take "
                       << codebookBytes << " bytes, the " << q.width
                       << "-bit weights take " << uniformBytes
                       << "; left as they are (keep-larger=true clusters "
                          "anyway)";
      return success();
    }
    MLIRContext *ctx = op->getContext();
    Type elemQ = wType.getElementType();
    auto cbType = CodebookType::getChecked(
        [&] { return op->emitError(); }, ctx, indexBits, elemQ, entries,
        DenseI64ArrayAttr::get(ctx, flat), perChannel ? axis : -1);
    if (!cbType)
      return failure();
    OpBuilder b(op);
    Location loc = op->getLoc();
    auto idxType = RankedTensorType::get(shape, b.getI8Type());
    Value idxCst = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(idxType, ArrayRef<int8_t>(idx)));
    Value cb = ContainerCastOp::create(b, loc, RankedTensorType::get(shape, cbType),
                                       idxCst);
    Value decoded = DecodeOp::create(b, loc, wType, cb);
    weight.set(decoded);
    if (view->use_empty()) {
      view->erase();
      if (cst->use_empty())
        cst->erase();
    }
    return success();
  }
};

struct DecodeCodebooksPass
    : public qnn::impl::QNNDecodeCodebooksBase<DecodeCodebooksPass> {
  void runOnOperation() override {
    SmallVector<DecodeOp> decodes;
    getOperation()->walk([&](DecodeOp op) { decodes.push_back(op); });
    for (DecodeOp op : decodes) {
      auto view = op.getInput().getDefiningOp<ContainerCastOp>();
      auto cst = view ? view.getInput().getDefiningOp<arith::ConstantOp>()
                      : nullptr;
      auto raw = cst ? dyn_cast<DenseIntElementsAttr>(cst.getValue()) : nullptr;
      if (!raw)
        continue;
      // Layers whose kernel decodes in registers keep the decode.
      auto decodesInRegisters = [](OpOperand &use) {
        auto config = use.getOwner()->getAttrOfType<DictionaryAttr>(kKernelAttrName);
        return config && config.get("decode");
      };
      if (llvm::all_of(op->getUses(), decodesInRegisters))
        continue;
      auto in = op.getInput().getType();
      auto cb = cast<CodebookType>(in.getElementType());
      ArrayRef<int64_t> shape = in.getShape();
      int64_t inner = 1;
      if (!cb.isPerTensor())
        for (size_t d = cb.getAxis() + 1; d < shape.size(); ++d)
          inner *= shape[d];
      int64_t tables = cb.getNumTables();
      int64_t mask = (int64_t{1} << cb.getBits()) - 1;
      SmallVector<int8_t> out;
      out.reserve(raw.getNumElements());
      int64_t i = 0;
      for (const APInt &v : raw.getValues<APInt>()) {
        int64_t t = cb.isPerTensor() ? 0 : (i / inner) % tables;
        int64_t k = std::min<int64_t>(static_cast<int64_t>(v.getZExtValue()) & mask,
                                      cb.getEntries() - 1);
        out.push_back(static_cast<int8_t>(cb.getTableOf(t)[k]));
        ++i;
      }
      OpBuilder b(op);
      auto rawType = RankedTensorType::get(shape, b.getI8Type());
      Value c = arith::ConstantOp::create(
          b, op.getLoc(), DenseElementsAttr::get(rawType, ArrayRef<int8_t>(out)));
      unsigned width = getQuantParams(op.getType())->width;
      Value w = width == 8
                    ? quant::StorageCastOp::create(b, op.getLoc(), op.getType(), c)
                          .getResult()
                    : ContainerCastOp::create(b, op.getLoc(), op.getType(), c)
                          .getResult();
      op.getResult().replaceUsesWithIf(
          w, [&](OpOperand &use) { return !decodesInRegisters(use); });
      if (!op.use_empty())
        continue;
      op.erase();
      if (view.use_empty()) {
        view.erase();
        if (cst->use_empty())
          cst->erase();
      }
    }
  }
};

} // namespace
