//===- Codebook.h - k-means and ternary codebooks of stored weights -*- C++ -*-===//
//
// The clustering behind qnn-cluster-weights and qnn-quantize's codebook
// option (rule N23.3): the stored integers of a layer's weights become
// indices into tables of stored integers.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_DIALECT_QNN_TRANSFORMS_CODEBOOK_H
#define QNN_DIALECT_QNN_TRANSFORMS_CODEBOOK_H

#include "qnn/Dialect/QNN/Transforms/Layers.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <random>
#include <string>

namespace mlir::qnn {

struct CodebookOptions {
  std::string mode = "kmeans"; // kmeans or ternary
  int64_t bits = 4;            // index bits for kmeans (ternary: 2)
  bool perChannel = true;      // one table per channel, else one in all
  std::string init = "linear"; // linear, kmeans++ or optimal
  int64_t seed = 0;
  int64_t maxIterations = 300;
  double threshold = 0.7;      // ternary: delta = threshold * mean|q - z|
  bool asymmetric = false;     // ternary: separate alpha+ and alpha-
  bool keepLarger = false;     // cluster even when not smaller
};

/// An error message for options out of range, or "" when they are valid.
std::string checkCodebookOptions(const CodebookOptions &o);

/// Parses "key=value,key=value" (qnn-quantize's codebook option; keys as
/// qnn-cluster-weights' options) into `o`; returns an error message or "".
std::string parseCodebookOptions(llvm::StringRef spec, CodebookOptions &o);

/// A layer's clustered weights.
struct Codebook {
  unsigned bits = 0;                 // index bits
  int64_t entries = 0;               // entries per table (padded alike)
  int64_t tables = 0;                // 1, or one per index of the axis
  llvm::SmallVector<int64_t> table;  // tables * entries stored integers
  llvm::SmallVector<int8_t> indices; // one per weight
  llvm::SmallVector<int64_t> decoded;// table[index] per weight
  int64_t codebookBytes = 0;         // indices at `bits` bits + 1 per entry
  int64_t uniformBytes = 0;          // the stored weights at their width
};

/// Clusters the stored integers `values` of a weight tensor of `shape`
/// whose channels lie along `axis`, with zero points `zps` (one, or one
/// per channel), storage range [qmin, qmax] and width `width` bits. Fails
/// with `error` set when a per-layer ternary table would need one zero
/// point and the channels' differ.
bool clusterValues(llvm::ArrayRef<int64_t> values, llvm::ArrayRef<int64_t> shape,
                   int64_t axis, llvm::ArrayRef<int64_t> zps, int64_t qmin,
                   int64_t qmax, unsigned width, const CodebookOptions &o,
                   std::mt19937_64 &rng, Codebook &out, std::string &error);

/// The codebook qnn-quantize makes of the float weights `w` (`shape`,
/// channels along `axis`, -1 for none) quantized as `wo` says (8 bits:
/// no re-centring) and clustered as `o` says (per channel only where `wo`
/// is), with the SQNR of the decoded real weights against `w` in `sqnr`
/// (infinity when exact). qnn-assign-precision's codebook candidates.
bool clusterFloatWeights(llvm::ArrayRef<float> w, llvm::ArrayRef<int64_t> shape,
                         int64_t axis, const WeightQuantOptions &wo,
                         CodebookOptions o, std::mt19937_64 &rng, Codebook &out,
                         double &sqnr, std::string &error);

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_CODEBOOK_H
