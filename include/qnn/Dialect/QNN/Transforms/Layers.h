//===- Layers.h - weighted layers and weight quantization -------*- C++ -*-===//
//
// What qnn-quantize and qnn-assign-precision both need: the layers with
// constant weights as the importer writes them (conv2d, depthwise conv2d,
// the fully connected form), and the weight quantizer (docs/quantization.md,
// docs/mixed-precision.md).
//
//===----------------------------------------------------------------------===//
#ifndef QNN_DIALECT_QNN_TRANSFORMS_LAYERS_H
#define QNN_DIALECT_QNN_TRANSFORMS_LAYERS_H

#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <random>
#include <string>
#include <vector>

namespace mlir::qnn {

/// The values of an f32 constant, or std::nullopt.
std::optional<llvm::SmallVector<float>> constantF32(Value v);

/// The fully connected layer as the importer writes it, from its outer
/// reshape: reshape [1, M, K] -> tosa.matmul with constant [1, K, N] (and
/// input zero point 0) -> reshape [M, N] -> optionally tosa.add of a
/// constant bias of N values. Looks through a qnn.observe on the matmul's
/// result.
struct FullyConnectedMatch {
  tosa::MatMulOp mm;
  ObserveOp mmObserver; // on the matmul's result, if any
  Value mmResult;                  // the matmul's result
  Value x;                         // [M, K], f32
  llvm::SmallVector<float> wt;     // weights as [N, K]
  llvm::SmallVector<float> bias;
  Operation *addOp = nullptr;
  Value result; // the layer's value: the bias add's, else the reshape's
  int64_t m = 0, n = 0, k = 0;
};
std::optional<FullyConnectedMatch> matchFullyConnected(tosa::ReshapeOp outer);

/// How weights are quantized. `bits` 2 to 8: symmetric narrow range
/// [-(2^(b-1) - 1), 2^(b-1) - 1] (2: ternary) or asymmetric
/// [-2^(b-1), 2^(b-1) - 1]. `bits` 1: binary, {-1, +1} times
/// alpha = mean |w| per channel (XNOR-Net's scale), always symmetric.
/// `mseScale`: each channel's clipping range is the fraction of max |w|
/// (1.00, 0.99, ..., 0.20) whose quantized weights have the least squared
/// error, instead of max |w| itself. `rng` non-null: stochastic rounding.
struct WeightQuantOptions {
  int64_t bits = 8;
  bool perChannel = true;
  bool symmetric = true;
  bool mseScale = false;
  std::mt19937_64 *rng = nullptr;
};

/// The scale index of flat weight index i: its index along `axis` when
/// per channel (and axis >= 0), else 0.
struct ChannelIndex {
  int64_t channels = 1, inner = 1;
  bool perChannel = false;
  ChannelIndex(llvm::ArrayRef<int64_t> shape, int64_t axis, bool perChannelOpt) {
    perChannel = perChannelOpt && axis >= 0;
    channels = perChannel ? shape[axis] : 1;
    for (size_t d = axis + 1; perChannel && d < shape.size(); ++d)
      inner *= shape[d];
  }
  int64_t operator()(size_t i) const {
    return perChannel ? static_cast<int64_t>(i / inner) % channels : 0;
  }
};

/// Quantized weights: integer values (one per byte), one scale and zero
/// point per channel (or one in all) and the integer range.
struct WeightValues {
  llvm::SmallVector<int8_t> q;
  llvm::SmallVector<double> scales;
  llvm::SmallVector<int64_t> zps;
  int64_t wmin = 0, wmax = 0;
};

/// The weights `w` of `shape` quantized with one scale per index of `axis`
/// (when perChannel and axis >= 0) or one in all.
WeightValues quantizeWeightValues(llvm::ArrayRef<float> w,
                                  llvm::ArrayRef<int64_t> shape, int64_t axis,
                                  const WeightQuantOptions &options);

/// Asymmetric weights of b < 8 bits held as q - z with zero point 0: the
/// same real values on a symmetric grid one bit wider,
/// [-(2^b - 1), 2^b - 1], so that kernels that need weight zero points of
/// 0 take them (docs/mixed-precision.md). Returns the new storage width.
int64_t recenterWeights(WeightValues &v, llvm::ArrayRef<int64_t> shape,
                        int64_t axis, bool perChannel, int64_t bits);

/// The real values of quantized weights `v` (as quantizeWeightValues made
/// them for `shape`, `axis`, `perChannel`).
llvm::SmallVector<double> dequantizeWeightValues(const WeightValues &v,
                                                 llvm::ArrayRef<int64_t> shape,
                                                 int64_t axis, bool perChannel);

/// sum w^2 / sum (w - dequantized w)^2 of the weights at those options
/// (infinite when the error is 0).
double weightSQNR(llvm::ArrayRef<float> w, llvm::ArrayRef<int64_t> shape,
                  int64_t axis, const WeightQuantOptions &options);

/// sum w^2 / sum (w - dq)^2 (infinite when the error is 0).
double sqnrOf(llvm::ArrayRef<float> w, llvm::ArrayRef<double> dq);

/// A layer's weight width as qnn-quantize's layer-bits, qnn-assign-
/// precision's candidates and the precision profile spell it: "BITS" (1 to
/// 8, or 32 for float) with the pass's weight-granularity, or "BITSt" with
/// one scale for the whole tensor (docs/mixed-precision.md).
struct WeightWidth {
  int64_t bits = 8;
  bool perTensor = false; // "t": one scale, whatever weight-granularity says
  // A codebook over the stored integers (rule N23.3): k-means with 2^B
  // entries ("kmeansB") or ternary ("ternary"); 0: uniform weights.
  int64_t codebookBits = 0;
  bool ternary = false;
  bool isCodebook() const { return codebookBits > 0; }
  bool operator==(const WeightWidth &o) const {
    return bits == o.bits && perTensor == o.perTensor &&
           codebookBits == o.codebookBits && ternary == o.ternary;
  }
  /// The codebook as qnn.codebook spells it: "kmeans4", "ternary".
  std::string codebookName() const {
    return ternary ? std::string("ternary") : "kmeans" + std::to_string(codebookBits);
  }
  /// "8", "4t", "kmeans4", "kmeans4t", "ternary", "ternaryt".
  std::string str() const {
    return (isCodebook() ? codebookName() : std::to_string(bits)) +
           (perTensor ? "t" : "");
  }
};

/// Parses "BITS" or "BITSt" (not "32t"), "kmeansB" (B = 1 to 7: a k-means
/// codebook of the 8-bit weights) or "ternary", each with an optional "t";
/// std::nullopt when malformed.
std::optional<WeightWidth> parseWeightWidth(llvm::StringRef s);

/// Parses a qnn.codebook attribute's value, "kmeansB" (B = 1 to 7) or
/// "ternary", into `w`'s codebook fields; false when malformed.
bool parseCodebookWidth(llvm::StringRef s, WeightWidth &w);

/// The attribute that carries a layer's codebook choice to qnn-quantize
/// next to qnn.bits: qnn.codebook = "kmeans4" or "ternary".
inline constexpr llvm::StringLiteral kCodebookAttr = "qnn.codebook";

/// Reads `op`'s qnn.codebook attribute, if any, into `w`'s codebook fields;
/// reports a malformed one on `op` and fails.
mlir::LogicalResult readCodebookAttr(mlir::Operation *op, WeightWidth &w);

/// The attribute that carries a layer's per-tensor choice to qnn-quantize
/// next to qnn.bits: qnn.weight_granularity = "per-tensor" or "per-channel".
inline constexpr llvm::StringLiteral kGranularityAttr = "qnn.weight_granularity";

/// A layer with constant weights that qnn-quantize can quantize.
struct WeightedLayer {
  Operation *op = nullptr; // takes the qnn.bits attribute: the conv, or the
                           // fully connected layer's tosa.matmul
  std::string kind;        // conv2d, depthwise_conv2d, fully_connected
  llvm::SmallVector<float> weights;
  llvm::SmallVector<int64_t> shape; // of `weights`
  int64_t axis = 0;                 // the per-channel axis, -1 for none
  int64_t channels = 1;             // output channels (bias length)
  int64_t macs = 0;                 // multiply-accumulates per image
  Value input;                      // the float input
  llvm::SmallVector<Value> outputs; // the layer's value, then any fused ReLU
};

/// The weighted layers of `module` in program order.
std::vector<WeightedLayer> collectWeightedLayers(ModuleOp module);

/// The per-channel axis of a depthwise weight KH x KW x C x M: C when
/// M = 1, else none.
inline int64_t depthwiseAxis(llvm::ArrayRef<int64_t> wshape) {
  return wshape[3] == 1 ? 2 : -1;
}

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_TRANSFORMS_LAYERS_H
