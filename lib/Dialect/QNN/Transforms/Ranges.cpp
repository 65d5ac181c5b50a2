//===- Ranges.cpp - calibration statistics and range methods --------------===//

#include "qnn/Dialect/QNN/Transforms/Ranges.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir::qnn;

std::optional<std::map<int64_t, ObserverStats>>
mlir::qnn::readStatsFile(llvm::StringRef path, std::string &error) {
  auto fail = [&](const std::string &what) {
    error = path.str() + ": " + what;
    return std::nullopt;
  };
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buf =
      llvm::MemoryBuffer::getFile(path);
  if (!buf)
    return fail("cannot read the statistics file (" + buf.getError().message() +
                ")");
  llvm::Expected<llvm::json::Value> doc = llvm::json::parse((*buf)->getBuffer());
  if (!doc)
    return fail("not a JSON statistics file (" +
                llvm::toString(doc.takeError()) + ")");
  const llvm::json::Object *root = doc->getAsObject();
  if (!root || root->getString("format") != "qnn-calibration-stats")
    return fail("not a qnn calibration statistics file (no \"format\": "
                "\"qnn-calibration-stats\")");
  std::optional<int64_t> version = root->getInteger("version");
  if (version != 1)
    return fail("statistics format version " +
                (version ? std::to_string(*version) : std::string("missing")) +
                "; this qnn reads version 1");
  int64_t bins = root->getInteger("bins").value_or(2048);
  const llvm::json::Array *observers = root->getArray("observers");
  if (!observers)
    return fail("\"observers\" must be a list");
  std::map<int64_t, ObserverStats> out;
  for (size_t i = 0; i < observers->size(); ++i) {
    const llvm::json::Object *o = (*observers)[i].getAsObject();
    std::string where = "observer #" + std::to_string(i);
    if (!o)
      return fail(where + " is not an object");
    ObserverStats s;
    auto num = [&](llvm::StringRef key, double &dst) {
      std::optional<double> v = o->getNumber(key);
      if (!v)
        return false;
      dst = *v;
      return true;
    };
    std::optional<int64_t> id = o->getInteger("id");
    std::optional<int64_t> count = o->getInteger("count");
    std::optional<llvm::StringRef> name = o->getString("name");
    const llvm::json::Array *shape = o->getArray("shape");
    const llvm::json::Array *hist = o->getArray("hist");
    for (auto [key, ok] :
         {std::pair<const char *, bool>{"id", id.has_value()},
          {"name", name.has_value()},
          {"shape", shape != nullptr},
          {"count", count.has_value()},
          {"min", num("min", s.min)},
          {"max", num("max", s.max)},
          {"avg_min", num("avg_min", s.avgMin)},
          {"avg_max", num("avg_max", s.avgMax)},
          {"hist_lo", num("hist_lo", s.histLo)},
          {"hist_width", num("hist_width", s.histWidth)},
          {"hist", hist != nullptr}})
      if (!ok)
        return fail(where + ": \"" + key + "\" is missing or has the wrong type");
    s.id = *id;
    s.name = name->str();
    s.count = *count;
    for (const llvm::json::Value &d : *shape) {
      std::optional<int64_t> v = d.getAsInteger();
      if (!v)
        return fail(where + ": \"shape\" must hold integers");
      s.shape.push_back(*v);
    }
    where = "observer " + std::to_string(s.id) + " ('" + s.name + "')";
    if (static_cast<int64_t>(hist->size()) != bins)
      return fail(where + ": the histogram must hold " + std::to_string(bins) +
                  " counts >= 0");
    for (const llvm::json::Value &c : *hist) {
      std::optional<int64_t> v = c.getAsInteger();
      if (!v || *v < 0)
        return fail(where + ": the histogram must hold " + std::to_string(bins) +
                    " counts >= 0");
      s.hist.push_back(*v);
    }
    if (s.count && !(s.min <= s.max))
      return fail(where + ": min " + std::to_string(s.min) + " > max " +
                  std::to_string(s.max));
    if (s.histWidth < 0 || !std::isfinite(s.histWidth) ||
        !std::isfinite(s.histLo))
      return fail(where + ": the histogram's lo and width must be finite, "
                          "width >= 0");
    if (const llvm::json::Value *cm = o->get("channel_mean")) {
      const llvm::json::Array *means = cm->getAsArray();
      bool ok = means && !s.shape.empty() &&
                static_cast<int64_t>(means->size()) == s.shape.back();
      for (size_t i = 0; ok && i < means->size(); ++i) {
        std::optional<double> v = (*means)[i].getAsNumber();
        ok = v && std::isfinite(*v);
        if (ok)
          s.channelMean.push_back(*v);
      }
      if (!ok)
        return fail(where + ": \"channel_mean\" must hold one finite number "
                            "per channel (the shape's last dimension)");
    }
    if (out.count(s.id))
      return fail("observer id " + std::to_string(s.id) + " appears twice");
    out[s.id] = std::move(s);
  }
  return out;
}

std::optional<RangeMethod> mlir::qnn::parseRangeMethod(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<RangeMethod>>(name)
      .Case("minmax", RangeMethod::MinMax)
      .Case("moving-average", RangeMethod::MovingAverage)
      .Case("percentile", RangeMethod::Percentile)
      .Case("entropy", RangeMethod::Entropy)
      .Case("mse", RangeMethod::MSE)
      .Default(std::nullopt);
}

namespace {

double center(const ObserverStats &s, size_t i) {
  return s.histLo + (static_cast<double>(i) + 0.5) * s.histWidth;
}

/// The value below which `fraction` of the counts lie, interpolated
/// linearly inside its bin.
double quantile(const ObserverStats &s, double fraction) {
  double total = 0;
  for (int64_t c : s.hist)
    total += static_cast<double>(c);
  double target = fraction * total, cum = 0;
  for (size_t i = 0; i < s.hist.size(); ++i) {
    double c = static_cast<double>(s.hist[i]);
    if (c > 0 && cum + c >= target) {
      double frac = (target - cum) / c;
      return s.histLo + (static_cast<double>(i) + frac) * s.histWidth;
    }
    cum += c;
  }
  return s.histLo + static_cast<double>(s.hist.size()) * s.histWidth;
}

/// TensorRT's entropy calibration on the histogram of |x|: the threshold T
/// whose clipped and `levels`-level quantized distribution is closest (in
/// KL divergence) to the observed one.
double entropyThreshold(const ObserverStats &s, int64_t levels) {
  const size_t nb = s.hist.size();
  double amax = std::max(std::fabs(s.min), std::fabs(s.max));
  if (amax == 0 || s.histWidth == 0 || nb == 0)
    return amax;
  // The histogram folded onto [0, amax) in nb bins (each source bin goes
  // where its center falls).
  std::vector<double> h(nb, 0.0);
  for (size_t i = 0; i < nb; ++i) {
    if (!s.hist[i])
      continue;
    size_t j = static_cast<size_t>(std::fabs(center(s, i)) / amax *
                                   static_cast<double>(nb));
    h[std::min(j, nb - 1)] += static_cast<double>(s.hist[i]);
  }
  // The spike of exact zeros a ReLU leaves would dominate the divergence;
  // like TensorRT's calibrator, the zero bin takes its neighbour's count.
  if (nb > 1)
    h[0] = h[1];
  size_t start = static_cast<size_t>(std::max<int64_t>(levels, 1));
  if (start >= nb)
    return amax;
  double bestKl = std::numeric_limits<double>::infinity();
  size_t best = nb;
  std::vector<double> p, q;
  double tail = 0;
  for (size_t i = nb; i > start; --i)
    tail += h[i - 1];
  // tail holds sum(h[start..nb)); walk i upward, moving counts out of it.
  double outside = tail;
  for (size_t i = start; i <= nb; ++i) {
    if (i > start)
      outside -= h[i - 1];
    p.assign(h.begin(), h.begin() + i);
    p[i - 1] += outside;
    // Quantize h[0..i) into `levels` bins, spreading each bin's total over
    // its nonzero source bins.
    q.assign(i, 0.0);
    double merged = static_cast<double>(i) / static_cast<double>(levels);
    for (int64_t k = 0; k < levels; ++k) {
      size_t lo = static_cast<size_t>(std::floor(k * merged));
      size_t hi = k + 1 == levels ? i
                                  : static_cast<size_t>(std::floor((k + 1) * merged));
      double total = 0;
      int64_t nonzero = 0;
      for (size_t j = lo; j < hi; ++j) {
        total += h[j];
        nonzero += h[j] != 0;
      }
      if (!nonzero)
        continue;
      for (size_t j = lo; j < hi; ++j)
        if (h[j] != 0)
          q[j] = total / static_cast<double>(nonzero);
    }
    double ps = 0, qs = 0;
    for (size_t j = 0; j < i; ++j) {
      ps += p[j];
      qs += q[j];
    }
    if (ps == 0 || qs == 0)
      continue;
    double kl = 0;
    for (size_t j = 0; j < i; ++j) {
      if (p[j] == 0)
        continue;
      double pj = p[j] / ps;
      double qj = q[j] > 0 ? q[j] / qs : 1e-12; // the clipped tail's bin
      kl += pj * std::log(pj / qj);
    }
    if (kl < bestKl) {
      bestKl = kl;
      best = i;
    }
  }
  return static_cast<double>(best) / static_cast<double>(nb) * amax;
}

/// The range [alpha * min, alpha * max] (alpha in 0.01 .. 1) with the
/// smallest expected squared quantization error over the histogram: values
/// inside lose scale^2 / 12, clipped ones their distance to the edge.
std::pair<double, double> mseRange(const ObserverStats &s, int64_t levels) {
  double lo0 = std::min(s.min, 0.0), hi0 = std::max(s.max, 0.0);
  if (hi0 == lo0 || s.histWidth == 0)
    return {lo0, hi0};
  double bestErr = std::numeric_limits<double>::infinity();
  std::pair<double, double> best{lo0, hi0};
  for (int k = 1; k <= 100; ++k) {
    double alpha = k / 100.0;
    double lo = lo0 * alpha, hi = hi0 * alpha;
    double scale = (hi - lo) / static_cast<double>(levels - 1);
    double err = 0;
    for (size_t i = 0; i < s.hist.size(); ++i) {
      if (!s.hist[i])
        continue;
      double c = center(s, i), n = static_cast<double>(s.hist[i]);
      if (c < lo)
        err += n * (c - lo) * (c - lo);
      else if (c > hi)
        err += n * (c - hi) * (c - hi);
      else
        err += n * scale * scale / 12.0;
    }
    if (err < bestErr) {
      bestErr = err;
      best = {lo, hi};
    }
  }
  return best;
}

} // namespace

std::pair<double, double> mlir::qnn::computeRange(const ObserverStats &s,
                                                   const RangeOptions &o) {
  double lo = s.min, hi = s.max;
  bool hasHist = s.histWidth > 0 && !s.hist.empty();
  switch (o.method) {
  case RangeMethod::MinMax:
    break;
  case RangeMethod::MovingAverage:
    lo = s.avgMin;
    hi = s.avgMax;
    break;
  case RangeMethod::Percentile:
    if (hasHist) {
      double keep = std::clamp(o.percentile, 0.0, 100.0) / 100.0;
      lo = std::max(s.min, quantile(s, 1.0 - keep));
      hi = std::min(s.max, quantile(s, keep));
    }
    break;
  case RangeMethod::Entropy:
    if (hasHist) {
      // One-sided data uses every level; two-sided data half per side.
      bool oneSided = s.min >= 0 || s.max <= 0;
      double t = entropyThreshold(s, oneSided ? o.levels : o.levels / 2);
      lo = std::max(s.min, -t);
      hi = std::min(s.max, t);
    }
    break;
  case RangeMethod::MSE:
    if (hasHist)
      std::tie(lo, hi) = mseRange(s, o.levels);
    break;
  }
  return {std::min(lo, 0.0), std::max(hi, 0.0)};
}

std::pair<double, int64_t> mlir::qnn::chooseQuantParams(double lo, double hi,
                                                         int64_t qmin,
                                                         int64_t qmax) {
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  if (!(hi > lo))
    return {1.0, std::clamp<int64_t>(0, qmin, qmax)};
  double scale = static_cast<float>((hi - lo) / static_cast<double>(qmax - qmin));
  if (scale <= 0)
    scale = std::numeric_limits<float>::min();
  double zp = std::nearbyint(static_cast<double>(qmin) - lo / scale);
  return {scale, static_cast<int64_t>(std::clamp<double>(zp, qmin, qmax))};
}
