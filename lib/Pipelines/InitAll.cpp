//===- InitAll.cpp - register qnn and upstream dialects and passes --------===//

#include "qnn/InitAll.h"
#include "qnn/Conversion/Passes.h"
#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"
#include "qnn/Pipelines/Pipelines.h"
#include "qnn/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"

void qnn::registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::qnn::QNNDialect>();
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
}

void qnn::registerAllPasses() {
  mlir::registerAllPasses();
  mlir::qnn::registerQNNConversionPasses();
  mlir::qnn::registerQNNPasses();
  mlir::qnn::registerQNNTransformsPasses();
  mlir::qnn::registerQNNPipelines();
}
