//===- Gptq.h - weight rounding with second-order error feedback -*- C++ -*-===//
//
// qnn-quantize's weight-rounding=gptq (docs/quantization.md, rule N26 of
// docs/numerics.md): the weights of a row are rounded one after the other,
// and each rounding error is spread over the row's weights not yet rounded
// so that the layer's output on the calibration inputs changes least
// (GPTQ, Frantar et al. 2022, after Optimal Brain Quantization). What it
// needs: activation samples of each layer's input (the samples file), the
// Gram matrix of the layer's input vectors made from them, and a rounding
// rule per row (a uniform grid or a codebook's table).
//
//===----------------------------------------------------------------------===//
#ifndef QNN_DIALECT_QNN_TRANSFORMS_GPTQ_H
#define QNN_DIALECT_QNN_TRANSFORMS_GPTQ_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlir::qnn {

/// One observer's activation samples: `shape` is the observer's shape with
/// the first (batch) dimension replaced by the number of samples.
struct ActivationSamples {
  int64_t id = 0;
  std::string name;
  llvm::SmallVector<int64_t> shape;
  std::vector<float> data;
};

/// Reads a samples file (docs/calibration.md, "Activation samples"), by
/// observer id, or sets `error` naming the file and what is wrong.
std::optional<std::map<int64_t, ActivationSamples>>
readSamplesFile(llvm::StringRef path, std::string &error);

/// The Gram matrix (k x k, row major, divided by the number of vectors) of
/// the input vectors of a 2-D convolution over NHWC samples `x` (shape
/// [S, H, W, C]): one vector per sample and output position, in the order
/// (kh, kw, c) for the channels [c0, c0 + cn), zeros where the window lies
/// in the padding. k = kh * kw * cn. `pad` is top, bottom, left, right.
std::vector<double> convGram(const ActivationSamples &x, int64_t kh,
                             int64_t kw, llvm::ArrayRef<int64_t> stride,
                             llvm::ArrayRef<int64_t> pad,
                             llvm::ArrayRef<int64_t> dilation, int64_t c0,
                             int64_t cn);

/// The Gram matrix (k x k) of the rows of `x` viewed as [S * rest / k, k].
std::vector<double> rowGram(const ActivationSamples &x, int64_t k);

/// The k x k Gram matrix `compute()` returns for the samples `x` and the
/// layer parameters `params`, read from the directory `cacheDir` when an
/// earlier run stored it there (qnn-quantize's gptq-cache), else computed
/// and stored. The key is a hash of the samples' shape and values and of
/// `params`; the file repeats the key, and one that does not match, holds
/// another k, is cut short or cannot be written is passed over (the matrix
/// is computed). An empty `cacheDir` computes.
std::vector<double>
cachedGram(llvm::StringRef cacheDir, const ActivationSamples &x, int64_t k,
           llvm::ArrayRef<int64_t> params,
           llvm::function_ref<std::vector<double>()> compute);

struct GptqOptions {
  double damp = 0.01;     // added to the diagonal, times its mean
  bool actOrder = true;   // round the inputs with the largest mean square first
};

/// Rows of a weight tensor that share one Gram matrix.
struct GptqRows {
  int64_t k = 0;                    // weights per row
  llvm::SmallVector<int64_t> index; // rows * k flat indices into the weights
  std::vector<double> gram;         // k * k, row major
};

/// Rounds the weights `w` of the rows `g` with error feedback. Row r's
/// real weight x is at u = x / scale[r] + zp[r] on the stored grid;
/// `level(r, u)` returns the allowed stored integer nearest to u. Writes
/// the stored integers into `out` (indexed like `w`). Fails, with `error`
/// set, when the damped Gram matrix is not positive definite.
bool gptqRound(llvm::ArrayRef<float> w, const GptqRows &g,
               llvm::ArrayRef<double> scale, llvm::ArrayRef<int64_t> zp,
               llvm::function_ref<int64_t(int64_t, double)> level,
               const GptqOptions &o, llvm::MutableArrayRef<int64_t> out,
               std::string &error);

/// The output error sum_r s_r^2 (x_r - q_r)^T H (x_r - q_r) of the rows `g`
/// stored as the integers `q` (indexed like `w`), where x_r = w_r / s_r +
/// zp_r is row r's place on the stored grid: what gptqRound reduces.
double gptqError(llvm::ArrayRef<float> w, const GptqRows &g,
                 llvm::ArrayRef<double> scale, llvm::ArrayRef<int64_t> zp,
                 llvm::ArrayRef<int64_t> q);

/// A least-squares update of codebook tables (rule N26): with each weight's
/// entry fixed, the entry values that minimise gptqError, from the normal
/// equations of all the rows added (H damped as gptqRound damps it).
class TableFit {
public:
  TableFit(int64_t tables, int64_t entries);
  /// Adds the rows `g`; `slot(i)` is the (table, entry) weight i uses.
  void add(llvm::ArrayRef<float> w, const GptqRows &g,
           llvm::ArrayRef<double> scale, llvm::ArrayRef<int64_t> zp,
           llvm::function_ref<std::pair<int64_t, int64_t>(int64_t)> slot,
           double damp);
  /// Replaces `table` (tables * entries) by the fitted values, rounded to
  /// integers in [qmin, qmax]; an entry no weight uses keeps its value.
  void solve(llvm::MutableArrayRef<int64_t> table, int64_t qmin,
             int64_t qmax) const;

private:
  int64_t tables, entries;
  std::vector<double> m, b; // per table: entries^2 and entries
};

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_GPTQ_H
