//===- qnn-opt.cpp - qnn optimizer driver ---------------------------------===//
//
// MlirOptMain with the qnn dialect, its passes and pipelines, and the
// upstream dialects and passes they use, plus qnn's test-only passes.
//
//===----------------------------------------------------------------------===//

#include "qnn/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

namespace qnn::test {
void registerTestPasses();
} // namespace qnn::test

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  qnn::registerAllDialects(registry);
  qnn::registerAllPasses();
  qnn::test::registerTestPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "qnn optimizer driver\n", registry));
}
