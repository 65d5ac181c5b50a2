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

/// Options of the `qnn-to-llvm` pipeline.
struct QNNToLLVMOptions : public PassPipelineOptions<QNNToLLVMOptions> {
  PassOptions::Option<std::string> requantMode{
      *this, "requant-mode",
      llvm::cl::desc("Requantization arithmetic: 'fixed-point' (default, "
                     "rule N6.1) or 'float' (rule N6.2)"),
      llvm::cl::init("fixed-point")};
  PassOptions::Option<bool> barePtrCallConv{
      *this, "bare-ptr-call-conv",
      llvm::cl::desc("Pass tensors as plain pointers (the documented C ABI, "
                     "docs/abi.md); off gives MLIR memref descriptors"),
      llvm::cl::init(true)};
};

/// qnn (quantized) -> linalg/tensor -> bufferized loops -> LLVM dialect.
/// Function results become caller-allocated output arguments.
void buildQNNToLLVMPipeline(OpPassManager &pm, const QNNToLLVMOptions &options);

/// Registers `--qnn-to-llvm` with the pass registry.
void registerQNNPipelines();

} // namespace mlir::qnn

#endif // QNN_PIPELINES_PIPELINES_H
