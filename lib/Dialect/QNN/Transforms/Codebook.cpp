//===- Codebook.cpp - k-means and ternary codebooks of stored weights -----===//

#include "qnn/Dialect/QNN/Transforms/Codebook.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

using namespace mlir;
using namespace mlir::qnn;
using llvm::ArrayRef;
using llvm::SmallVector;

namespace {

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

} // namespace

std::string mlir::qnn::checkCodebookOptions(const CodebookOptions &o) {
  auto bad = [](llvm::StringRef option, const std::string &value,
                llvm::StringRef expected) {
    return (option + " '" + value + "' is not supported; expected " + expected)
        .str();
  };
  if (o.mode != "kmeans" && o.mode != "ternary")
    return bad("mode", o.mode, "kmeans or ternary");
  if (o.init != "linear" && o.init != "kmeans++" && o.init != "optimal")
    return bad("init", o.init, "linear, kmeans++ or optimal");
  if (o.bits < 1 || o.bits > 8)
    return bad("bits", std::to_string(o.bits), "1 to 8");
  if (o.maxIterations < 1)
    return bad("max-iterations", std::to_string(o.maxIterations), "at least 1");
  if (!(o.threshold >= 0.0) || !std::isfinite(o.threshold))
    return bad("threshold", std::to_string(o.threshold), "a finite value >= 0");
  return "";
}

std::string mlir::qnn::parseCodebookOptions(llvm::StringRef spec,
                                            CodebookOptions &o) {
  SmallVector<llvm::StringRef> items;
  spec.split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    std::pair<llvm::StringRef, llvm::StringRef> kv = item.trim().split('=');
    llvm::StringRef key = kv.first, value = kv.second;
    auto asInt = [&](int64_t &dst) {
      return !value.getAsInteger(10, dst);
    };
    auto asBool = [&](bool &dst) {
      if (value == "true" || value == "1")
        dst = true;
      else if (value == "false" || value == "0")
        dst = false;
      else
        return false;
      return true;
    };
    bool ok = true;
    if (key == "mode")
      o.mode = value.str();
    else if (key == "bits")
      ok = asInt(o.bits);
    else if (key == "granularity") {
      ok = value == "per-channel" || value == "per-layer";
      o.perChannel = value == "per-channel";
    } else if (key == "init")
      o.init = value.str();
    else if (key == "seed")
      ok = asInt(o.seed);
    else if (key == "max-iterations")
      ok = asInt(o.maxIterations);
    else if (key == "threshold")
      ok = !value.getAsDouble(o.threshold);
    else if (key == "asymmetric")
      ok = asBool(o.asymmetric);
    else if (key == "keep-larger")
      ok = asBool(o.keepLarger);
    else
      return ("unknown codebook option '" + key +
              "'; known: mode, bits, granularity, init, seed, "
              "max-iterations, threshold, asymmetric, keep-larger")
          .str();
    if (!ok)
      return ("codebook option " + key + " has a bad value '" + value + "'")
          .str();
  }
  return checkCodebookOptions(o);
}

bool mlir::qnn::clusterValues(ArrayRef<int64_t> values, ArrayRef<int64_t> shape,
                              int64_t axis, ArrayRef<int64_t> zps, int64_t qmin,
                              int64_t qmax, unsigned width,
                              const CodebookOptions &o, std::mt19937_64 &rng,
                              Codebook &out, std::string &error) {
  int64_t channels = shape[axis];
  int64_t inner = 1;
  for (size_t d = axis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  auto channelOf = [&](int64_t i) { return (i / inner) % channels; };
  auto zp = [&](int64_t c) { return zps[zps.size() == 1 ? 0 : c]; };
  bool ternary = o.mode == "ternary";
  int64_t tables = o.perChannel ? channels : 1;
  if (ternary && !o.perChannel)
    for (int64_t c = 1; c < channels; ++c)
      if (zp(c) != zp(0)) {
        error = "a per-layer ternary table needs one zero point, but the "
                "weights' zero points differ by channel; use "
                "granularity=per-channel";
        return false;
      }
  SmallVector<Histogram> hist(tables);
  for (auto [i, v] : llvm::enumerate(values))
    ++hist[o.perChannel ? channelOf(i) : 0][v];
  int64_t entries = 0;
  SmallVector<SmallVector<int64_t>> tableOf(tables);
  SmallVector<double> deltas(tables, 0.0);
  for (int64_t t = 0; t < tables; ++t) {
    if (ternary) {
      int64_t z = zp(t);
      double delta =
          o.threshold * meanAbs(hist[t], z, [](double) { return true; });
      double ap, an;
      if (o.asymmetric) {
        ap = meanAbs(hist[t], z, [&](double u) { return u > delta; });
        an = meanAbs(hist[t], z, [&](double u) { return u < -delta; });
      } else {
        ap = an = meanAbs(hist[t], z,
                          [&](double u) { return std::abs(u) > delta; });
      }
      auto at = [&](double a) {
        return std::clamp<int64_t>(z + static_cast<int64_t>(std::nearbyint(a)),
                                   qmin, qmax);
      };
      tableOf[t] = {at(-an), z, at(ap)};
      deltas[t] = delta;
    } else {
      int64_t k = int64_t{1} << o.bits;
      tableOf[t] = o.init == "optimal"
                       ? optimalTable(hist[t], k, qmin, qmax)
                       : kmeansTable(hist[t], k, o.init == "kmeans++", rng,
                                     o.maxIterations, qmin, qmax);
    }
    entries = std::max<int64_t>(entries, tableOf[t].size());
  }
  out = Codebook();
  out.bits = ternary ? 2 : static_cast<unsigned>(o.bits);
  out.entries = entries;
  out.tables = tables;
  // Tables of one codebook have one size: shorter ones repeat their last
  // entry, which no index selects.
  for (SmallVector<int64_t> &t : tableOf) {
    SmallVector<int64_t> padded(t);
    padded.resize(entries, t.back());
    out.table.append(padded);
  }
  for (auto [i, v] : llvm::enumerate(values)) {
    int64_t t = o.perChannel ? channelOf(i) : 0;
    int64_t k;
    if (ternary) {
      double u = static_cast<double>(v - zp(channelOf(i)));
      k = u > deltas[t] ? 2 : u < -deltas[t] ? 0 : 1;
    } else {
      k = nearest(tableOf[t], static_cast<double>(v));
    }
    out.indices.push_back(static_cast<int8_t>(k));
    out.decoded.push_back(tableOf[t][k]);
  }
  int64_t count = static_cast<int64_t>(values.size());
  out.codebookBytes = (count * out.bits + 7) / 8 + tables * entries;
  out.uniformBytes = (count * width + 7) / 8;
  return true;
}

bool mlir::qnn::clusterFloatWeights(ArrayRef<float> w, ArrayRef<int64_t> shape,
                                    int64_t axis, const WeightQuantOptions &wo,
                                    CodebookOptions o, std::mt19937_64 &rng,
                                    Codebook &out, double &sqnr,
                                    std::string &error) {
  bool perChannel = wo.perChannel && axis >= 0;
  WeightValues v = quantizeWeightValues(w, shape, axis, wo);
  SmallVector<int64_t> values(v.q.begin(), v.q.end());
  o.perChannel &= perChannel;
  if (!clusterValues(values, shape, std::max<int64_t>(axis, 0), v.zps, v.wmin,
                     v.wmax, static_cast<unsigned>(std::max<int64_t>(wo.bits, 2)),
                     o, rng, out, error))
    return false;
  for (auto [i, d] : llvm::enumerate(out.decoded))
    v.q[i] = static_cast<int8_t>(d);
  sqnr = sqnrOf(w, dequantizeWeightValues(v, shape, axis, perChannel));
  return true;
}
