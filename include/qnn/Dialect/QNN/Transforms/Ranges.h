//===- Ranges.h - calibration statistics and range methods ------*- C++ -*-===//
//
// The statistics file that calibration writes (docs/calibration.md) and the
// range methods that turn an observer's statistics into the clipping range
// its activation is quantized over (docs/quantization.md).
//
//===----------------------------------------------------------------------===//
#ifndef QNN_DIALECT_QNN_TRANSFORMS_RANGES_H
#define QNN_DIALECT_QNN_TRANSFORMS_RANGES_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace mlir::qnn {

/// One observer's statistics.
struct ObserverStats {
  int64_t id = 0;
  std::string name;
  llvm::SmallVector<int64_t> shape;
  int64_t count = 0;
  double min = 0, max = 0, avgMin = 0, avgMax = 0;
  double histLo = 0, histWidth = 0;
  llvm::SmallVector<int64_t> hist;
  /// Optional: the mean of each channel (the shape's last dimension).
  llvm::SmallVector<double> channelMean;
};

/// Reads and validates a statistics file (format "qnn-calibration-stats",
/// version 1). On error returns std::nullopt and sets `error` to a message
/// naming the file and the culprit.
std::optional<std::map<int64_t, ObserverStats>>
readStatsFile(llvm::StringRef path, std::string &error);

enum class RangeMethod { MinMax, MovingAverage, Percentile, Entropy, MSE };

/// Parses "minmax", "moving-average", "percentile", "entropy", "mse".
std::optional<RangeMethod> parseRangeMethod(llvm::StringRef name);

struct RangeOptions {
  RangeMethod method = RangeMethod::MinMax;
  double percentile = 99.99; // percent of the values kept inside the range
  int64_t levels = 256;      // quantization levels of the activation type
};

/// The clipping range [lo, hi] of observer `s` under `options`; it always
/// contains 0 (so that 0 is exactly representable).
std::pair<double, double> computeRange(const ObserverStats &s,
                                       const RangeOptions &options);

/// Asymmetric uniform parameters for [lo, hi] (extended to hold 0) on the
/// integer range [qmin, qmax]: scale = (hi - lo) / (qmax - qmin) rounded to
/// f32, zero point = round(qmin - lo / scale) clamped to [qmin, qmax].
/// A range of width 0 gets scale 1.
std::pair<double, int64_t> chooseQuantParams(double lo, double hi, int64_t qmin,
                                             int64_t qmax);

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_RANGES_H
