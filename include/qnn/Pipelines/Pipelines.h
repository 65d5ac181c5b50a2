//===- Pipelines.h - named qnn pass pipelines -------------------*- C++ -*-===//
//
// Pipelines are library functions taking an options struct, so that tools
// and embedders build exactly what `qnn-opt --qnn-to-llvm` runs.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_PIPELINES_PIPELINES_H
#define QNN_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::qnn {

/// Which kernels the pipeline uses.
enum class KernelChoice { Reference, Auto };

/// Options of the `qnn-to-llvm` pipeline.
struct QNNToLLVMOptions : public PassPipelineOptions<QNNToLLVMOptions> {
  PassOptions::Option<std::string> requantMode{
      *this, "requant-mode",
      llvm::cl::desc("Requantization arithmetic: 'fixed-point' (default, "
                     "rule N6.1) or 'float' (rule N6.2)"),
      llvm::cl::init("fixed-point")};
  PassOptions::Option<KernelChoice> kernels{
      *this, "kernels", llvm::cl::desc("Which kernels implement the ops"),
      llvm::cl::init(KernelChoice::Reference),
      llvm::cl::values(
          clEnumValN(KernelChoice::Reference, "reference",
                     "every op takes the reference lowering (default)"),
          clEnumValN(KernelChoice::Auto, "auto",
                     "qnn-select-kernels picks optimized kernels for the "
                     "target-features; other ops take the reference"))};
  PassOptions::Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc("LLVM target features for kernel selection, e.g. "
                     "'+avx512f,+avx512bw,+avx512vnni'"),
      llvm::cl::init("")};
  PassOptions::Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads for the optimized kernels (kernels=auto): N > 1 "
                     "splits each kernel's output into N parts run as an "
                     "OpenMP parallel loop (the compiled code then needs "
                     "libomp); 1 (default) is single-threaded"),
      llvm::cl::init(1)};
  PassOptions::Option<bool> calibration{
      *this, "calibration",
      llvm::cl::desc("Lower qnn.observe to calls of the calibration runtime "
                     "(qnn-lower-observers; the code then needs "
                     "libQNNCalibration) instead of the identity"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> packNarrowWeights{
      *this, "pack-narrow-weights",
      llvm::cl::desc("With kernels=auto, hold 2- to 4-bit weights as codebook "
                     "indices (qnn-pack-narrow-weights), which the kernels "
                     "that decode codebooks keep packed (default on)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> barePtrCallConv{
      *this, "bare-ptr-call-conv",
      llvm::cl::desc("Pass tensors as plain pointers (the documented C ABI, "
                     "docs/abi.md); off gives MLIR memref descriptors"),
      llvm::cl::init(true)};
};

/// Options of the `qnn-ptq-pipeline` (those of qnn-quantize).
struct QNNPTQOptions : public PassPipelineOptions<QNNPTQOptions> {
  PassOptions::Option<std::string> stats{
      *this, "stats",
      llvm::cl::desc("The calibration statistics file (docs/calibration.md)")};
  PassOptions::Option<std::string> method{
      *this, "method",
      llvm::cl::desc("Range method: minmax (default), moving-average, "
                     "percentile, entropy, mse"),
      llvm::cl::init("minmax")};
  PassOptions::Option<double> percentile{
      *this, "percentile",
      llvm::cl::desc("Percent of the values the percentile range keeps"),
      llvm::cl::init(99.99)};
  PassOptions::Option<std::string> activationType{
      *this, "activation-type",
      llvm::cl::desc("Activation storage: u8 (default) or i8"),
      llvm::cl::init("u8")};
  PassOptions::Option<std::string> weightGranularity{
      *this, "weight-granularity",
      llvm::cl::desc("per-channel (default) or per-tensor weight scales"),
      llvm::cl::init("per-channel")};
  PassOptions::Option<std::string> weightRange{
      *this, "weight-range",
      llvm::cl::desc("symmetric (default, narrow range) or asymmetric weights"),
      llvm::cl::init("symmetric")};
  PassOptions::Option<int64_t> stochasticRoundingSeed{
      *this, "stochastic-rounding-seed",
      llvm::cl::desc("Round weights stochastically with this seed (-1: to "
                     "nearest)"),
      llvm::cl::init(-1)};
  PassOptions::Option<int64_t> weightBits{
      *this, "weight-bits",
      llvm::cl::desc("Weight bits of every layer: 1 (binary), 2 to 8, or 32 "
                     "(float)"),
      llvm::cl::init(8)};
  PassOptions::Option<bool> biasCorrection{
      *this, "bias-correction",
      llvm::cl::desc("Correct biases for the mean shift of weight rounding "
                     "(needs per-channel means in the statistics)"),
      llvm::cl::init(false)};
  PassOptions::Option<std::string> weightScale{
      *this, "weight-scale",
      llvm::cl::desc("Weight clipping per channel: max (default) or mse"),
      llvm::cl::init("max")};
  PassOptions::Option<std::string> codebook{
      *this, "codebook",
      llvm::cl::desc("Codebook weights, KEY=VALUE,... (qnn-quantize's "
                     "codebook option)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> weightRounding{
      *this, "weight-rounding",
      llvm::cl::desc("nearest (default) or gptq (qnn-quantize's "
                     "weight-rounding; needs samples)"),
      llvm::cl::init("nearest")};
  PassOptions::Option<std::string> samples{
      *this, "samples",
      llvm::cl::desc("Activation samples file for weight-rounding=gptq"),
      llvm::cl::init("")};
  PassOptions::Option<double> gptqDamp{
      *this, "gptq-damp",
      llvm::cl::desc("weight-rounding=gptq: diagonal damping (default 0.01)"),
      llvm::cl::init(0.01)};
  PassOptions::Option<bool> gptqActOrder{
      *this, "gptq-act-order",
      llvm::cl::desc("weight-rounding=gptq: largest inputs first (default)"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> gptqCache{
      *this, "gptq-cache",
      llvm::cl::desc("weight-rounding=gptq: directory of reusable Gram "
                     "matrices"),
      llvm::cl::init("")};
  PassOptions::Option<bool> gptqTableUpdate{
      *this, "gptq-table-update",
      llvm::cl::desc("weight-rounding=gptq: refit codebook tables to the "
                     "rounded weights (default)"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> layerBits{
      *this, "layer-bits",
      llvm::cl::desc("Per-layer weight bits, NAME=BITS,... (NAME: the "
                     "layer output's observer name)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> mode{
      *this, "mode",
      llvm::cl::desc("static (default) or dynamic (fully connected layers "
                     "with run-time activation ranges; no statistics)"),
      llvm::cl::init("static")};
  PassOptions::Option<bool> keepObservers{
      *this, "keep-observers",
      llvm::cl::desc("Keep the observers of values the quantized program "
                     "still computes (per-layer error reports)"),
      llvm::cl::init(false)};
};

/// Float TOSA + qnn (the importer's form) -> quantized qnn:
/// qnn-fold-batchnorm, qnn-insert-calibration (the same ids as the
/// calibration run), qnn-quantize with `options`.
void buildQNNPTQPipeline(OpPassManager &pm, const QNNPTQOptions &options);

/// Kernel selection as `qnn-to-llvm` runs it with kernels=auto:
/// qnn-pack-narrow-weights (when `packNarrowWeights`), then
/// qnn-select-kernels for `targetFeatures`.
void buildQNNKernelSelectionPipeline(OpPassManager &pm,
                                     llvm::StringRef targetFeatures,
                                     bool packNarrowWeights);

/// qnn (quantized) -> linalg/tensor -> bufferized loops -> LLVM dialect.
/// Function results become caller-allocated output arguments.
void buildQNNToLLVMPipeline(OpPassManager &pm, const QNNToLLVMOptions &options);

/// Registers `--qnn-to-llvm` and `--qnn-ptq-pipeline` with the pass registry.
void registerQNNPipelines();

} // namespace mlir::qnn

#endif // QNN_PIPELINES_PIPELINES_H
