//===- qnn-opt.cpp - qnn optimizer driver ---------------------------------===//
//
// MlirOptMain with the qnn dialect, its passes and pipelines, and the
// upstream dialects and passes they use, plus qnn's test-only passes.
//
//===----------------------------------------------------------------------===//

#include "qnn/InitAll.h"
#include "qnn/Tools/ParserGuard.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/ToolOutputFile.h"

namespace qnn::test {
void registerTestPasses();
} // namespace qnn::test

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  qnn::registerAllDialects(registry);
  qnn::registerAllPasses();
  qnn::test::registerTestPasses();
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "qnn optimizer driver\n", registry);

  // Interactive standard input: leave it to MlirOptMain, which does not
  // block options such as --show-dialects on reading it.
  if (inputFilename == "-" && llvm::sys::Process::FileDescriptorIsDisplayed(0))
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));

  std::string errorMessage;
  std::unique_ptr<llvm::MemoryBuffer> file =
      mlir::openInputFile(inputFilename, &errorMessage);
  if (!file) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  if (qnn::hasKnownParserCrash(*file))
    return 1;
  // A named file is read again by MlirOptMain, which also handles
  // --show-dialects and friends; standard input can only be read once.
  if (inputFilename != "-")
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));
  mlir::MlirOptMainConfig config =
      mlir::MlirOptMainConfig::createFromCLOptions();
  std::unique_ptr<llvm::ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &errorMessage);
  if (!output) {
    llvm::errs() << errorMessage << "\n";
    return 1;
  }
  if (mlir::failed(
          mlir::MlirOptMain(output->os(), std::move(file), registry, config)))
    return 1;
  output->keep();
  return 0;
}
