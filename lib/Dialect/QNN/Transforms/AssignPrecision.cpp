//===- AssignPrecision.cpp - per-layer weight widths under a budget -------===//
//
// qnn-assign-precision: for every weighted layer, a weight width from the
// candidates, minimizing an accuracy proxy under a size and/or latency
// budget (a multiple-choice knapsack, solved exactly), written as qnn.bits
// attributes for qnn-quantize (docs/mixed-precision.md).
//
//===----------------------------------------------------------------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Codebook.h"
#include "qnn/Dialect/QNN/Transforms/Layers.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace mlir::qnn {
#define GEN_PASS_DEF_QNNASSIGNPRECISION
#include "qnn/Dialect/QNN/Transforms/Passes.h.inc"
} // namespace mlir::qnn

using namespace mlir;
using namespace mlir::qnn;

namespace {

/// One measured point of the profile: the model with one layer at one
/// width (or, for the base, every layer at 8 bits).
struct Measured {
  double nsr = 0, kl = 0, latencyUs = 0;
  bool hasLatency = false;
};

struct Profile {
  Measured base;
  // layer name -> width ("4", "4t": WeightWidth::str()) -> point
  std::map<std::string, std::map<std::string, Measured>> layers;
};

/// Reads a profile (format "qnn-precision-profile", version 1); on error,
/// sets `error` to a message naming the file and the culprit.
std::optional<Profile> readProfile(StringRef path, std::string &error) {
  auto fail = [&](const std::string &what) -> std::optional<Profile> {
    error = path.str() + ": " + what;
    return std::nullopt;
  };
  auto buf = llvm::MemoryBuffer::getFile(path);
  if (!buf)
    return fail("cannot read the profile (" + buf.getError().message() + ")");
  llvm::Expected<llvm::json::Value> doc = llvm::json::parse((*buf)->getBuffer());
  if (!doc)
    return fail("not a JSON profile (" + llvm::toString(doc.takeError()) + ")");
  const llvm::json::Object *root = doc->getAsObject();
  if (!root || root->getString("format") != "qnn-precision-profile")
    return fail("not a qnn precision profile (no \"format\": "
                "\"qnn-precision-profile\")");
  if (root->getInteger("version") != 1)
    return fail("profile format version is not 1");
  auto point = [&](const llvm::json::Value *v, const std::string &where,
                   Measured &m) -> bool {
    const llvm::json::Object *o = v ? v->getAsObject() : nullptr;
    if (!o) {
      error = path.str() + ": " + where + " must be an object";
      return false;
    }
    std::optional<double> nsr = o->getNumber("nsr"), kl = o->getNumber("kl");
    if (!nsr || !kl || !std::isfinite(*nsr) || !std::isfinite(*kl) ||
        *nsr < 0 || *kl < 0) {
      error = path.str() + ": " + where +
              " needs finite, non-negative \"nsr\" and \"kl\"";
      return false;
    }
    m.nsr = *nsr, m.kl = *kl;
    if (std::optional<double> t = o->getNumber("latency_us")) {
      if (!std::isfinite(*t) || *t <= 0) {
        error = path.str() + ": " + where + " has a non-positive latency_us";
        return false;
      }
      m.latencyUs = *t, m.hasLatency = true;
    }
    return true;
  };
  Profile p;
  if (!point(root->get("base"), "\"base\"", p.base))
    return std::nullopt;
  const llvm::json::Object *layers = root->getObject("layers");
  if (!layers)
    return fail("\"layers\" must be an object keyed by layer name");
  for (const auto &[name, widths] : *layers) {
    const llvm::json::Object *w = widths.getAsObject();
    if (!w)
      return fail("layer '" + name.str() + "' must map widths to points");
    for (const auto &[bitsKey, v] : *w) {
      std::optional<WeightWidth> width = parseWeightWidth(bitsKey);
      if (!width)
        return fail("layer '" + name.str() + "': width '" + bitsKey.str() +
                    "' is not 1 to 8, 32, 1t to 8t, kmeans1 to kmeans7 or "
                    "ternary");
      Measured m;
      if (!point(&v, "layer '" + name.str() + "' width " + bitsKey.str(), m))
        return std::nullopt;
      p.layers[name.str()][width->str()] = m;
    }
  }
  return p;
}

/// One layer's option: a width with its costs and sensitivity.
struct Choice {
  WeightWidth width;
  int64_t bytes = 0;
  double latency = 0; // us, relative to all 8 bits
  double cost = 0;    // the metric's additive term
  double weightSqnrDb = 0;
};

struct Layer {
  WeightedLayer w;
  std::string name;
  SmallVector<Choice> choices; // allowed ones
  SmallVector<std::string> constraints;
  bool pinned = false;
};

/// A (partial) assignment on the Pareto frontier.
struct Entry {
  int64_t bytes = 0;
  double latency = 0, cost = 0;
  SmallVector<int8_t> pick; // index into each layer's choices
};

/// A width in the report: the number of bits, or "4t" with one scale per
/// tensor, "kmeans4", "ternary" (as layer-bits and the profile spell it).
llvm::json::Value widthJson(const WeightWidth &w) {
  if (w.perTensor || w.isCodebook())
    return w.str();
  return w.bits;
}

double dB(double ratio) {
  if (ratio <= 0)
    return std::numeric_limits<double>::infinity();
  return -10.0 * std::log10(ratio);
}

/// Keeps the entries no other entry beats in every one of bytes, latency
/// (when `useLatency`) and cost; among equal ones, the first.
void prune(std::vector<Entry> &entries, bool useLatency) {
  std::sort(entries.begin(), entries.end(),
                   [](const Entry &a, const Entry &b) {
                     if (a.bytes != b.bytes)
                       return a.bytes < b.bytes;
                     if (a.latency != b.latency)
                       return a.latency < b.latency;
                     if (a.cost != b.cost)
                       return a.cost < b.cost;
                     return a.pick < b.pick;
                   });
  std::vector<Entry> kept;
  double best = std::numeric_limits<double>::infinity();
  for (Entry &e : entries) {
    if (!useLatency) {
      if (e.cost < best) {
        best = e.cost;
        kept.push_back(std::move(e));
      }
      continue;
    }
    bool dominated = llvm::any_of(kept, [&](const Entry &k) {
      return k.bytes <= e.bytes && k.latency <= e.latency && k.cost <= e.cost;
    });
    if (!dominated)
      kept.push_back(std::move(e));
  }
  entries = std::move(kept);
}

/// Whether qnn-pack-narrow-weights and the kernels keep the 2- to 4-bit
/// weights of `w` packed (qnn-select-kernels' conditions for decoding a
/// codebook): conv2d and fully_connected need input channels in multiples
/// of 4; depthwise_conv2d a channel multiplier of 1.
bool canPackNarrow(const WeightedLayer &w) {
  if (w.kind == "depthwise_conv2d")
    return w.shape.size() == 4 && w.shape[3] == 1;
  return !w.shape.empty() && w.shape.back() % 4 == 0;
}

/// The weight bytes a library compiled with qnn-compile --kernels=auto for
/// an AVX2 or AVX-512 target stores for `w` at `bits` (2 to 8), as its
/// kernels lay them out (storage=library, docs/mixed-precision.md#cost).
/// Asymmetric weights (`asymmetric`) below 8 bits are re-centred one bit
/// wider (qnn-quantize), so b bits pack as b + 1-bit indices, and 4 bits
/// as 4-bit indices with a table per channel (`perTensor`: one table) on
/// conv2d and fully_connected layers of at least 64 weights per channel.
/// - conv2d and fully_connected: the int8 kernels' packed order, output
///   channels in blocks of 16 and input channels in groups of 4 (padding
///   stored as zeros), a byte each; packed (at most 4-bit indices, input
///   channels a multiple of 4), indices of that width in the same order
///   and a 64-byte table, or 16 bytes per padded channel for tables per
///   channel;
/// - depthwise_conv2d with a channel multiplier of 1 (the dwvec kernel):
///   i16 weights, channels in blocks of 16 and taps in pairs; packed, 2- or
///   4-bit slots in the same order and the table, where there are more
///   than 16 channels (a single block's decode is folded back into i16
///   constants);
/// - else, and for 8 bits with zero points (the reference lowering), a
///   byte per weight.
int64_t libraryBytes(const WeightedLayer &w, int64_t bits, bool asymmetric,
                     bool perTensor) {
  auto roundUp = [](int64_t v, int64_t m) { return (v + m - 1) / m * m; };
  int64_t n = static_cast<int64_t>(w.weights.size());
  ArrayRef<int64_t> s = w.shape;
  if (bits == 8 && asymmetric)
    return n;
  int64_t index = asymmetric && bits < 4 ? bits + 1 : bits;
  bool packs = index <= 4 && canPackNarrow(w);
  bool channelTables = asymmetric && bits == 4 && !perTensor;
  // qnn-pack-narrow-weights gives tables per channel only to conv2d and
  // fully_connected layers of at least 64 weights per channel.
  if (channelTables && (w.kind == "depthwise_conv2d" || n < 64 * w.channels))
    packs = false;
  auto tableBytes = [&](int64_t channels) {
    return channelTables ? 16 * roundUp(channels, 16) : 64;
  };
  if (w.kind == "depthwise_conv2d" && s.size() == 4 && s[3] == 1) {
    int64_t taps = roundUp(s[0] * s[1], 2), channels = roundUp(s[2], 16);
    if (!packs || s[2] <= 16)
      return taps * channels * 2;
    return taps * channels * (index <= 2 ? 2 : 4) / 8 + tableBytes(s[2]);
  }
  if ((w.kind == "conv2d" || w.kind == "fully_connected") && s.size() >= 2) {
    int64_t taps = 1;
    for (int64_t d : s.drop_front().drop_back())
      taps *= d;
    int64_t slots = roundUp(s.front(), 16) * taps * roundUp(s.back(), 4);
    return packs ? slots * index / 8 + tableBytes(s.front()) : slots;
  }
  return n;
}

struct AssignPrecisionPass
    : public qnn::impl::QNNAssignPrecisionBase<AssignPrecisionPass> {
  using Base::Base;

  std::optional<Profile> profileData;
  std::mt19937_64 cbRng;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto fail = [&](const Twine &msg) {
      module.emitError() << msg;
      signalPassFailure();
    };
    // Options.
    if (weightGranularity != "per-channel" && weightGranularity != "per-tensor")
      return fail("weight-granularity must be per-channel or per-tensor, got '" +
                  weightGranularity + "'");
    // With per-tensor scales by default, "4t" is "4".
    bool perTensorDefault = weightGranularity == "per-tensor";
    SmallVector<WeightWidth> widths;
    SmallVector<StringRef> parts;
    StringRef(candidates).split(parts, ',', -1, /*KeepEmpty=*/false);
    for (StringRef s : parts) {
      std::optional<WeightWidth> w = parseWeightWidth(s);
      if (!w)
        return fail("candidates entry '" + s +
                    "' must be 32 (float), 1 to 8 bits, 1t to 8t (one "
                    "scale per tensor), kmeans1 to kmeans7 or ternary (a "
                    "codebook of the 8-bit weights), each with an optional t");
      w->perTensor &= !perTensorDefault;
      if (!llvm::is_contained(widths, *w))
        widths.push_back(*w);
    }
    if (widths.empty())
      return fail("candidates is empty");
    CodebookOptions cbOptions;
    if (std::string error = parseCodebookOptions(codebook, cbOptions); !error.empty())
      return fail("codebook: " + error);
    cbRng.seed(static_cast<uint64_t>(cbOptions.seed));
    if (metric != "analytic" && metric != "sqnr" && metric != "loss")
      return fail("metric must be analytic, sqnr or loss, got '" + metric + "'");
    if (weightScale != "max" && weightScale != "mse")
      return fail("weight-scale must be max or mse, got '" + weightScale + "'");
    if (weightRange != "symmetric" && weightRange != "asymmetric")
      return fail("weight-range must be symmetric or asymmetric, got '" +
                  weightRange + "'");
    if (storage != "packed" && storage != "library")
      return fail("storage must be packed or library, got '" + storage + "'");
    if (budgetBytes < 0 || budgetRatio < 0 || latencyBudgetUs < 0 ||
        latencyBudgetRatio < 0)
      return fail("budgets must not be negative");
    bool sizeBudget = budgetBytes > 0 || budgetRatio > 0;
    bool latencyBudget = latencyBudgetUs > 0 || latencyBudgetRatio > 0;
    if (!sizeBudget && !latencyBudget)
      return fail("no budget: give budget-bytes, budget-ratio, "
                  "latency-budget-us or latency-budget-ratio");
    if (budgetBytes > 0 && budgetRatio > 0)
      return fail("give budget-bytes or budget-ratio, not both");
    if (latencyBudgetUs > 0 && latencyBudgetRatio > 0)
      return fail("give latency-budget-us or latency-budget-ratio, not both");
    if (!profile.empty()) {
      std::string error;
      profileData = readProfile(profile, error);
      if (!profileData)
        return fail(error);
    }
    if (metric != "analytic" && !profileData)
      return fail("metric=" + metric +
                  " is measured: give profile=<file> (qnn.profile_precision)");
    if (latencyBudget &&
        (!profileData || !profileData->base.hasLatency))
      return fail("a latency budget needs measured latencies: give "
                  "profile=<file> with latency_us (qnn.profile_precision)");
    bool withLatency = profileData && profileData->base.hasLatency;

    bool observed = false;
    module.walk([&](ObserveOp) { observed = true; });
    if (!observed)
      return fail("no qnn.observe ops: run qnn-insert-calibration first (the "
                  "layers are named by their observers)");

    // Layers, names, constraints and options.
    std::vector<Layer> layers;
    for (WeightedLayer &w : collectWeightedLayers(module)) {
      Layer l;
      l.w = std::move(w);
      for (Value v : l.w.outputs) {
        for (Operation *u : v.getUsers())
          if (auto o = dyn_cast<ObserveOp>(u))
            if (o.getName()) {
              l.name = o.getName()->str();
              break;
            }
        if (!l.name.empty())
          break;
      }
      layers.push_back(std::move(l));
    }
    if (layers.empty())
      return fail("no layers with constant weights to assign widths to");
    auto inputObserved = [](Value v) {
      for (int depth = 0; depth < 16 && v; ++depth) {
        if (v.getDefiningOp<ObserveOp>() ||
            llvm::any_of(v.getUsers(), [](Operation *u) { return isa<ObserveOp>(u); }))
          return true;
        Operation *def = v.getDefiningOp();
        if (!def || !isa<tosa::ReshapeOp, tosa::TransposeOp, tosa::SliceOp>(def))
          return false;
        v = def->getOperand(0);
      }
      return false;
    };
    int64_t int8Bytes = 0;
    for (size_t i = 0; i < layers.size(); ++i) {
      Layer &l = layers[i];
      std::string where = l.name.empty() ? "layer " + std::to_string(i) : "'" + l.name + "'";
      int64_t n = static_cast<int64_t>(l.w.weights.size());
      bool asym = weightRange == "asymmetric";
      auto bytesAt = [&](WeightWidth w) {
        if (w.bits == 32)
          return 4 * n;
        bool perChannel = !w.perTensor && !perTensorDefault && l.w.axis >= 0;
        int64_t scales = perChannel ? l.w.shape[l.w.axis] : 1;
        int64_t perScale = !countScales ? 0 : (asym && w.bits != 1) ? 5 : 4;
        // storage=library: what qnn-compile --kernels=auto stores.
        if (storage == "library" && w.bits >= 2)
          return libraryBytes(l.w, w.bits, asym, !perChannel) +
                 perScale * scales;
        return (n * w.bits + 7) / 8 + perScale * scales;
      };
      int64_t bits8 = bytesAt(WeightWidth{8, false});
      WeightWidth pinnedWidth;
      auto bitsAttr = l.w.op->getAttrOfType<IntegerAttr>("qnn.bits");
      Attribute cbAttr = l.w.op->getAttr(kCodebookAttr);
      if (bitsAttr || cbAttr) {
        if (bitsAttr)
          pinnedWidth.bits = bitsAttr.getInt();
        if (!(pinnedWidth.bits == 32 || (pinnedWidth.bits >= 1 && pinnedWidth.bits <= 8))) {
          l.w.op->emitError() << "'qnn.bits' must be 1 to 8 or 32, got "
                              << pinnedWidth.bits;
          return signalPassFailure();
        }
        if (failed(readCodebookAttr(l.w.op, pinnedWidth)))
          return signalPassFailure();
        if (cbAttr) {
          if (pinnedWidth.bits != 8) {
            l.w.op->emitError() << "'" << kCodebookAttr << "' with 'qnn.bits' "
                                << pinnedWidth.bits
                                << ": qnn-assign-precision sizes codebooks of "
                                   "8-bit weights only";
            return signalPassFailure();
          }
        }
        if (auto g = l.w.op->getAttrOfType<StringAttr>(kGranularityAttr))
          pinnedWidth.perTensor = g.getValue() == "per-tensor" &&
                                  !perTensorDefault && pinnedWidth.bits != 32;
        l.pinned = true;
        l.constraints.push_back(std::string(cbAttr ? "qnn.codebook" : "qnn.bits") +
                                " set: kept at " + pinnedWidth.str());
      } else if (l.name.empty() || !inputObserved(l.w.input)) {
        pinnedWidth.bits = 32;
        l.pinned = true;
        l.constraints.push_back("input or output not observed: qnn-quantize "
                                "keeps it float");
      }
      int8Bytes += bits8;
      SmallVector<WeightWidth> allowed;
      if (l.pinned) {
        allowed.push_back(pinnedWidth);
      } else {
        for (WeightWidth b : widths) {
          if (b.bits == 1 && !binaryFirstLast && (i == 0 || i + 1 == layers.size())) {
            l.constraints.push_back("binary refused (" + b.str() +
                                    "): first or last weighted layer");
            continue;
          }
          allowed.push_back(b);
        }
      }
      const std::map<std::string, Measured> *measured = nullptr;
      if (profileData) {
        auto it = profileData->layers.find(l.name);
        if (it != profileData->layers.end())
          measured = &it->second;
        else if (!l.pinned && (metric != "analytic" || latencyBudget))
          return fail("the profile " + profile + " has no layer " + where +
                      ": it was measured on another model");
      }
      for (WeightWidth b : allowed) {
        Choice c;
        c.width = b;
        c.bytes = bytesAt(b);
        WeightQuantOptions o;
        o.bits = b.bits == 32 ? 8 : b.bits;
        o.perChannel = !b.perTensor && !perTensorDefault;
        o.mseScale = weightScale == "mse";
        o.symmetric = weightRange == "symmetric";
        double sqnr = std::numeric_limits<double>::infinity();
        if (b.isCodebook()) {
          // Clustered as qnn-quantize will, with the same options, so the
          // sizes and the analytic metric are its own (kmeans++ draws from
          // one generator here and there, in a different order).
          CodebookOptions co = cbOptions;
          co.mode = b.ternary ? "ternary" : "kmeans";
          co.bits = b.codebookBits;
          Codebook cb;
          std::string error;
          if (!clusterFloatWeights(l.w.weights, l.w.shape, l.w.axis, o, co,
                                   cbRng, cb, sqnr, error)) {
            l.constraints.push_back(b.str() + " refused: " + error);
            continue;
          }
          if (cb.codebookBytes >= cb.uniformBytes && !co.keepLarger) {
            // qnn-quantize keeps such a layer uniform.
            l.constraints.push_back(
                b.str() + " not smaller than 8 bits (" +
                std::to_string(cb.codebookBytes) + " against " +
                std::to_string(cb.uniformBytes) + " bytes): left out");
            if (!l.pinned)
              continue;
            c.width.codebookBits = 0, c.width.ternary = false;
            sqnr = weightSQNR(l.w.weights, l.w.shape, l.w.axis, o);
          } else {
            c.bytes += cb.codebookBytes - cb.uniformBytes;
          }
        } else if (b.bits != 32) {
          sqnr = weightSQNR(l.w.weights, l.w.shape, l.w.axis, o);
        }
        c.weightSqnrDb = 10.0 * std::log10(sqnr);
        c.cost = std::isinf(sqnr) ? 0.0 : 1.0 / sqnr;
        const Measured *m = nullptr;
        if (measured) {
          auto it = measured->find(b.str());
          if (it != measured->end())
            m = &it->second;
        }
        bool needMeasured = metric != "analytic" || latencyBudget;
        if (!m && l.pinned) {
          // A fixed width the profile did not measure: the same in every
          // assignment, so it adds nothing to the measured deltas.
          if (metric != "analytic")
            c.cost = 0.0;
          l.choices.push_back(c);
          continue;
        }
        if (!m && needMeasured) {
          l.constraints.push_back(b.str() + " not in the profile: left out");
          continue;
        }
        if (m) {
          if (metric == "sqnr")
            c.cost = m->nsr - profileData->base.nsr;
          else if (metric == "loss")
            c.cost = m->kl - profileData->base.kl;
          if (withLatency && m->hasLatency)
            c.latency = m->latencyUs - profileData->base.latencyUs;
        }
        l.choices.push_back(c);
      }
      if (l.choices.empty())
        return fail(where + " has no allowed width (candidates " + candidates +
                    ")");
    }

    // The dynamic program: the Pareto frontier of partial assignments.
    std::vector<Entry> frontier(1);
    for (Layer &l : layers) {
      std::vector<Entry> next;
      next.reserve(frontier.size() * l.choices.size());
      for (const Entry &e : frontier)
        for (size_t c = 0; c < l.choices.size(); ++c) {
          Entry n = e;
          n.bytes += l.choices[c].bytes;
          n.latency += l.choices[c].latency;
          n.cost += l.choices[c].cost;
          n.pick.push_back(static_cast<int8_t>(c));
          next.push_back(std::move(n));
        }
      // Latency is a dimension only under a latency budget: timings are
      // noisy, and a size-only choice should not depend on them.
      prune(next, latencyBudget);
      if (next.size() > 2000000)
        return fail("the Pareto frontier grew past 2,000,000 assignments; "
                    "give fewer candidates");
      frontier = std::move(next);
    }
    int64_t maxBytes = budgetBytes > 0 ? static_cast<int64_t>(budgetBytes)
                       : budgetRatio > 0
                           ? static_cast<int64_t>(std::floor(budgetRatio * int8Bytes))
                           : std::numeric_limits<int64_t>::max();
    double baseLatency = withLatency ? profileData->base.latencyUs : 0.0;
    double maxLatency = latencyBudgetUs > 0 ? latencyBudgetUs
                        : latencyBudgetRatio > 0 ? latencyBudgetRatio * baseLatency
                                                 : std::numeric_limits<double>::infinity();
    const Entry *best = nullptr;
    for (const Entry &e : frontier) {
      if (e.bytes > maxBytes || baseLatency + e.latency > maxLatency)
        continue;
      if (!best || e.cost < best->cost ||
          (e.cost == best->cost && e.bytes < best->bytes))
        best = &e;
    }
    if (!best) {
      int64_t minBytes = std::numeric_limits<int64_t>::max();
      double minLatency = std::numeric_limits<double>::infinity();
      for (const Entry &e : frontier) {
        minBytes = std::min(minBytes, e.bytes);
        minLatency = std::min(minLatency, baseLatency + e.latency);
      }
      std::string msg = "no assignment fits the budget";
      if (sizeBudget)
        msg += " of " + std::to_string(maxBytes) + " weight bytes (the smallest is " +
               std::to_string(minBytes) + "; all layers at 8 bits: " +
               std::to_string(int8Bytes) + ")";
      if (latencyBudget) {
        std::string s;
        llvm::raw_string_ostream os(s);
        os << (sizeBudget ? " and" : "") << " of " << llvm::format("%.1f", maxLatency)
           << " us (the fastest is " << llvm::format("%.1f", minLatency)
           << " us; all layers at 8 bits: " << llvm::format("%.1f", baseLatency)
           << " us)";
        msg += s;
      }
      return fail(msg);
    }
    Builder b(module.getContext());
    for (size_t i = 0; i < layers.size(); ++i) {
      if (layers[i].pinned)
        continue;
      const WeightWidth &w = layers[i].choices[best->pick[i]].width;
      Operation *op = layers[i].w.op;
      op->setAttr("qnn.bits", b.getI64IntegerAttr(w.bits));
      if (w.isCodebook())
        op->setAttr(kCodebookAttr, b.getStringAttr(w.codebookName()));
      else
        op->removeAttr(kCodebookAttr);
      if (w.perTensor)
        op->setAttr(kGranularityAttr, b.getStringAttr("per-tensor"));
      else
        op->removeAttr(kGranularityAttr);
    }
    if (!report.empty() &&
        failed(writeReport(layers, frontier, *best, int8Bytes, maxBytes,
                           baseLatency, maxLatency, withLatency)))
      return signalPassFailure();
  }

  /// The metric's proxy for an assignment with summed cost `cost`, as
  /// reported: the predicted output SQNR in dB, or the predicted KL.
  double proxy(double cost, const Profile *p) const {
    if (metric == "analytic")
      return dB(cost);
    if (metric == "sqnr")
      return dB(p->base.nsr + cost);
    return p->base.kl + cost;
  }

  LogicalResult writeReport(const std::vector<Layer> &layers, ArrayRef<Entry> frontier,
                            const Entry &best, int64_t int8Bytes,
                            int64_t maxBytes, double baseLatency,
                            double maxLatency, bool withLatency) {
    ModuleOp module = getOperation();
    const Profile *pp = profileData ? &*profileData : nullptr;
    std::string proxyName = metric == "loss" ? "predicted KL divergence"
                                             : "predicted output SQNR (dB)";
    if (std::error_code ec = llvm::sys::fs::create_directories(report)) {
      module.emitError() << "cannot create the report directory '" << report
                         << "': " << ec.message();
      return failure();
    }
    llvm::json::Array jl;
    for (size_t i = 0; i < layers.size(); ++i) {
      const Layer &l = layers[i];
      llvm::json::Array choices;
      for (const Choice &c : l.choices)
        choices.push_back(llvm::json::Object{
            {"bits", widthJson(c.width)},
            {"bytes", c.bytes},
            {"latency_us", c.latency},
            {"cost", c.cost},
            {"weight_sqnr_db", std::isfinite(c.weightSqnrDb)
                                   ? llvm::json::Value(c.weightSqnrDb)
                                   : llvm::json::Value(nullptr)}});
      llvm::json::Array constraints;
      for (const std::string &c : l.constraints)
        constraints.push_back(c);
      llvm::json::Array shape;
      for (int64_t d : l.w.shape)
        shape.push_back(d);
      jl.push_back(llvm::json::Object{
          {"name", l.name},
          {"kind", l.w.kind},
          {"shape", std::move(shape)},
          {"weights", static_cast<int64_t>(l.w.weights.size())},
          {"macs", l.w.macs},
          {"choices", std::move(choices)},
          {"constraints", std::move(constraints)},
          {"chosen", widthJson(l.choices[best.pick[i]].width)}});
    }
    auto finiteOrNull = [](double v) {
      return std::isfinite(v) ? llvm::json::Value(v) : llvm::json::Value(nullptr);
    };
    llvm::json::Array pareto;
    for (const Entry &e : frontier) {
      llvm::json::Array bits;
      for (size_t i = 0; i < layers.size(); ++i)
        bits.push_back(widthJson(layers[i].choices[e.pick[i]].width));
      pareto.push_back(llvm::json::Object{
          {"bytes", e.bytes},
          {"latency_us", baseLatency + e.latency},
          {"cost", e.cost},
          {"proxy", finiteOrNull(proxy(e.cost, pp))},
          {"bits", std::move(bits)}});
    }
    llvm::json::Object root{
        {"format", "qnn-precision-report"},
        {"version", 1},
        {"metric", metric},
        {"proxy_name", proxyName},
        {"candidates", candidates},
        {"int8_bytes", int8Bytes},
        {"budget_bytes", maxBytes == std::numeric_limits<int64_t>::max()
                             ? llvm::json::Value(nullptr)
                             : llvm::json::Value(maxBytes)},
        {"base_latency_us", withLatency ? llvm::json::Value(baseLatency)
                                        : llvm::json::Value(nullptr)},
        {"budget_latency_us", finiteOrNull(maxLatency)},
        {"chosen", llvm::json::Object{{"bytes", best.bytes},
                                      {"latency_us", baseLatency + best.latency},
                                      {"cost", best.cost},
                                      {"proxy", finiteOrNull(proxy(best.cost, pp))}}},
        {"layers", std::move(jl)},
        {"pareto", std::move(pareto)}};
    SmallString<256> jsonPath(report), mdPath(report);
    llvm::sys::path::append(jsonPath, "precision.json");
    llvm::sys::path::append(mdPath, "precision.md");
    std::error_code ec;
    llvm::raw_fd_ostream js(jsonPath, ec);
    if (ec) {
      module.emitError() << "cannot write '" << jsonPath << "': " << ec.message();
      return failure();
    }
    js << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << "\n";
    llvm::raw_fd_ostream md(mdPath, ec);
    if (ec) {
      module.emitError() << "cannot write '" << mdPath << "': " << ec.message();
      return failure();
    }
    md << "# Mixed-precision assignment\n\n"
       << "Metric `" << metric << "`; candidates " << candidates << ". Weight bytes "
       << best.bytes << " of " << int8Bytes << " at 8 bits ("
       << llvm::format("%.1f", 100.0 * best.bytes / int8Bytes) << "%)";
    if (maxBytes != std::numeric_limits<int64_t>::max())
      md << ", budget " << maxBytes;
    if (withLatency)
      md << "; latency " << llvm::format("%.1f", baseLatency + best.latency)
         << " us, 8 bits " << llvm::format("%.1f", baseLatency) << " us";
    md << ". " << proxyName << ": "
       << llvm::format("%.4g", proxy(best.cost, pp)) << ".\n\n"
       << "| layer | kind | weights | MACs/image | width | bytes | weight SQNR (dB) "
          "| options (width: bytes, cost) | constraints |\n"
       << "|---|---|---|---|---|---|---|---|---|\n";
    for (size_t i = 0; i < layers.size(); ++i) {
      const Layer &l = layers[i];
      const Choice &c = l.choices[best.pick[i]];
      md << "| `" << l.name << "` | " << l.w.kind << " | " << l.w.weights.size()
         << " | " << l.w.macs << " | " << (c.width.bits == 32 ? "f32" : c.width.str())
         << " | " << c.bytes << " | ";
      if (std::isfinite(c.weightSqnrDb))
        md << llvm::format("%.1f", c.weightSqnrDb);
      else
        md << "exact";
      md << " | ";
      for (size_t k = 0; k < l.choices.size(); ++k)
        md << (k ? "; " : "") << l.choices[k].width.str() << ": " << l.choices[k].bytes
           << ", " << llvm::format("%.3g", l.choices[k].cost);
      md << " | " << llvm::join(l.constraints, "; ") << " |\n";
    }
    return success();
  }
};

} // namespace
