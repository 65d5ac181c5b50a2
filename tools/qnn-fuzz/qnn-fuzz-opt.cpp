//===- qnn-fuzz-opt.cpp - libFuzzer target: parse, verify, lower ----------===//
//
// What qnn-opt does with an input, as a libFuzzer target (issue 9): the
// known-parser-crash guard, parsing with every dialect qnn-opt registers,
// verification, and, for a module that verifies, the reference pipeline
// `qnn-to-llvm` (the lowering every qnn-compile runs). Diagnostics are
// swallowed: an error is a fine outcome, a crash, a sanitizer report, a
// timeout or unbounded memory is a bug. Built with -DQNN_ENABLE_FUZZERS=ON
// (scripts/fuzz.sh); seeded with the lit tests' inputs.
//
//===----------------------------------------------------------------------===//

#include "qnn/InitAll.h"
#include "qnn/Pipelines/Pipelines.h"
#include "qnn/Tools/ParserGuard.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdint>
#include <cstdlib>

using namespace mlir;

static const DialectRegistry &registry() {
  static DialectRegistry *r = [] {
    auto *reg = new DialectRegistry();
    ::qnn::registerAllDialects(*reg);
    return reg;
  }();
  return *r;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A null-terminated copy, as qnn-opt's file buffers are: MLIR's lexer
  // relies on the terminator (libFuzzer's data has none).
  std::unique_ptr<llvm::MemoryBuffer> buffer =
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(reinterpret_cast<const char *>(data), size), "input");
  std::string guardMessage;
  llvm::raw_string_ostream guardOs(guardMessage);
  if (::qnn::hasKnownParserCrash(*buffer, guardOs))
    return 0;

  // A fresh context per input: uniqued types and attributes would otherwise
  // accumulate over millions of inputs.
  MLIRContext context(registry(), MLIRContext::Threading::DISABLED);
  context.allowUnregisteredDialects(false);
  ScopedDiagnosticHandler swallow(&context, [](Diagnostic &) {
    return success();
  });
  ParserConfig config(&context);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(sourceMgr, config);
  if (!module || failed(verify(*module)))
    return 0;
  PassManager pm(&context);
  mlir::qnn::QNNToLLVMOptions options;
  mlir::qnn::buildQNNToLLVMPipeline(pm, options);
  (void)pm.run(*module);
  return 0;
}
