//===- Pipelines.cpp - named qnn pass pipelines ---------------------------===//

#include "qnn/Pipelines/Pipelines.h"
#include "qnn/Conversion/Passes.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"
#include "qnn/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Tosa/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::qnn::buildQNNKernelSelectionPipeline(OpPassManager &pm,
                                                llvm::StringRef targetFeatures,
                                                bool packNarrowWeights) {
  // 2- to 4-bit weights as codebook indices, which the kernels that decode
  // codebooks keep packed.
  if (packNarrowWeights)
    pm.addPass(createQNNPackNarrowWeights());
  QNNSelectKernelsOptions selectOptions;
  selectOptions.targetFeatures = targetFeatures.str();
  pm.addPass(createQNNSelectKernels(selectOptions));
}

void mlir::qnn::buildQNNToLLVMPipeline(OpPassManager &pm,
                                       const QNNToLLVMOptions &options) {
  if (options.calibration)
    pm.addPass(createQNNLowerObservers());
  if (options.kernels == KernelChoice::Auto)
    buildQNNKernelSelectionPipeline(pm, options.targetFeatures,
                                    options.packNarrowWeights);
  // Constant codebook weights become constant int8 weights (rule N23),
  // except where the chosen kernel decodes them in registers.
  pm.addPass(createQNNDecodeCodebooks());
  if (options.kernels == KernelChoice::Auto) {
    ConvertQNNToVNNIOptions vnniOptions;
    vnniOptions.requantMode = options.requantMode;
    vnniOptions.threads = options.threads;
    pm.addPass(createConvertQNNToVNNI(vnniOptions));
  }
  ConvertQNNToLinalgOptions convOptions;
  convOptions.requantMode = options.requantMode;
  pm.addPass(createConvertQNNToLinalg(convOptions));
  // TOSA float ops (the importer's output form, next to qnn ops) become
  // linalg on tensors with upstream's tosa-to-linalg pipeline, and
  // tosa.const / reshape-like ops arith and tensor ops. They run after the
  // qnn conversion: the pipeline canonicalizes, which would fold
  // quant.dcast(quant.qcast(x)) to x and skip the rounding of rules N2, N3.
  // No tosa-validate: its level checks count a !tosa.shape's elements
  // against the rank limit and reject a rank-4 tosa.pad (8 pad values); the
  // ops' verifiers still run.
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions{},
                              TosaToLinalgNamedOptions{}, std::nullopt);
  pm.addNestedPass<func::FuncOp>(createTosaToTensorPass());
  pm.addNestedPass<func::FuncOp>(createTosaToArithPass());
  pm.addPass(createCanonicalizerPass());

  // A tensor returned twice gets a copy: buffer-results-to-out-params
  // crashes on one.
  pm.addPass(createDistinctResults());
  // The caller's input buffers are never written (docs/abi.md).
  pm.addPass(createReadOnlyArguments());
  bufferization::OneShotBufferizePassOptions bufOptions;
  bufOptions.bufferizeFunctionBoundaries = true;
  bufOptions.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufOptions));
  bufferization::BufferResultsToOutParamsPassOptions outOptions;
  outOptions.hoistStaticAllocs = true;
  outOptions.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outOptions));
  bufferization::BufferDeallocationPipelineOptions deallocOptions;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOptions);

  bool parallel = options.kernels == KernelChoice::Auto && options.threads > 1;
  if (parallel) {
    // The in-place parallel_insert_slice of a kernel's scf.forall leaves a
    // copy of each slice onto itself; CSE and canonicalization remove it.
    pm.addPass(createCSEPass());
    pm.addPass(createCanonicalizerPass());
  }
  pm.addPass(createExpandMemRefCopy());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  if (parallel) {
    pm.addPass(createForallToParallelLoopPass());
    ConvertSCFToOpenMPPassOptions ompOptions;
    ompOptions.numThreads = static_cast<unsigned>(options.threads);
    pm.addPass(createConvertSCFToOpenMPPass(ompOptions));
    pm.addPass(createInlineAllocaScopes());
  }
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  ConvertQNNVectorToLLVMOptions vectorOptions;
  vectorOptions.targetFeatures = options.targetFeatures;
  pm.addPass(createConvertQNNVectorToLLVM(vectorOptions));
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  ConvertFuncToLLVMPassOptions funcOptions;
  funcOptions.useBarePtrCallConv = options.barePtrCallConv;
  pm.addPass(createConvertFuncToLLVMPass(funcOptions));
  pm.addPass(createConvertIndexToLLVMPass());
  if (parallel)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createForwardLoopAnnotations());
  pm.addPass(createCanonicalizerPass());
}

void mlir::qnn::buildQNNPTQPipeline(OpPassManager &pm,
                                     const QNNPTQOptions &options) {
  QNNFoldBatchNormOptions fold;
  pm.addPass(createQNNFoldBatchNorm(fold));
  pm.addPass(createQNNInsertCalibration());
  QNNQuantizeOptions q;
  q.stats = options.stats;
  q.method = options.method;
  q.percentile = options.percentile;
  q.activationType = options.activationType;
  q.weightGranularity = options.weightGranularity;
  q.weightRange = options.weightRange;
  q.stochasticRoundingSeed = options.stochasticRoundingSeed;
  q.keepObservers = options.keepObservers;
  q.mode = options.mode;
  q.weightBits = options.weightBits;
  q.weightScale = options.weightScale;
  q.biasCorrection = options.biasCorrection;
  q.layerBits = options.layerBits;
  q.codebook = options.codebook;
  q.weightRounding = options.weightRounding;
  q.samples = options.samples;
  q.gptqDamp = options.gptqDamp;
  q.gptqActOrder = options.gptqActOrder;
  q.gptqTableUpdate = options.gptqTableUpdate;
  q.gptqCache = options.gptqCache;
  pm.addPass(createQNNQuantize(q));
  pm.addPass(createCanonicalizerPass());
}

void mlir::qnn::registerQNNPipelines() {
  PassPipelineRegistration<QNNPTQOptions>(
      "qnn-ptq-pipeline",
      "Post-training quantization of a float module with the statistics of "
      "its calibration: fold batch norm, observe, quantize",
      buildQNNPTQPipeline);
  PassPipelineRegistration<QNNToLLVMOptions>(
      "qnn-to-llvm",
      "Lower quantized qnn IR through the reference lowering to the LLVM "
      "dialect with the C ABI of docs/abi.md",
      buildQNNToLLVMPipeline);
}
