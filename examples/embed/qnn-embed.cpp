//===- qnn-embed.cpp - qnn embedded in a C++ program ----------------------===//
//
// The example of docs/tutorial-compiler.md: a program that links qnn's
// libraries and, in process,
//   1. registers qnn's dialects (and the upstream ones) in its own context,
//   2. parses a module (float TOSA + qnn, or quantized qnn IR),
//   3. quantizes it with qnn's PTQ pipeline when given statistics, built
//      from the options struct exactly as `qnn-opt --qnn-ptq-pipeline` does,
//   4. walks the IR to list the quantized types qnn chose,
//   5. compiles it to a shared library with qnn's compiler API,
//   6. loads that library and calls each exported function on a fixed input
//      through the C ABI of docs/abi.md, printing the outputs.
//
//   qnn-embed MODEL.mlir OUT.so [STATS.json]
//
// Built with the project (CMake target qnn-embed, examples/embed/
// CMakeLists.txt) and run by test/Examples/embed.mlir.
//
//===----------------------------------------------------------------------===//

#include "qnn/Compiler/Compiler.h"
#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/InitAll.h"
#include "qnn/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <dlfcn.h>

#include <string>
#include <vector>

using namespace mlir;

namespace {

/// The element count of a static tensor of f32, or -1 for any other type.
int64_t f32Elements(Type t) {
  auto rt = dyn_cast<RankedTensorType>(t);
  if (!rt || !rt.hasStaticShape() || !rt.getElementType().isF32())
    return -1;
  return rt.getNumElements();
}

/// Calls `fn` (void fn(const float *in..., float *out...), docs/abi.md) with
/// the buffers in `args`; qnn's C ABI passes plain pointers, so the arity
/// alone picks the call.
bool callWithPointers(void *fn, std::vector<float *> &a) {
  using P = float *;
  switch (a.size()) {
  case 2:
    reinterpret_cast<void (*)(P, P)>(fn)(a[0], a[1]);
    return true;
  case 3:
    reinterpret_cast<void (*)(P, P, P)>(fn)(a[0], a[1], a[2]);
    return true;
  case 4:
    reinterpret_cast<void (*)(P, P, P, P)>(fn)(a[0], a[1], a[2], a[3]);
    return true;
  default:
    return false;
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 3 && argc != 4) {
    llvm::errs() << "usage: qnn-embed MODEL.mlir OUT.so [STATS.json]\n";
    return 2;
  }
  std::string modelPath = argv[1], libPath = argv[2];

  // 1. qnn in the embedder's own context.
  DialectRegistry registry;
  ::qnn::registerAllDialects(registry);
  MLIRContext context(registry);

  // 2. Parse; diagnostics go to stderr with file:line:col.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(modelPath, sourceMgr,
                                                           ParserConfig(&context));
  if (!module)
    return 1;

  // 3. Post-training quantization with the statistics of a calibration run
  //    (docs/calibration.md), as `qnn-opt --qnn-ptq-pipeline=...`.
  if (argc == 4) {
    PassManager pm(&context);
    mlir::qnn::QNNPTQOptions options;
    options.stats = argv[3];
    options.method = "percentile";
    mlir::qnn::buildQNNPTQPipeline(pm, options);
    if (failed(pm.run(*module)))
      return 1;
  }

  // 4. The quantized values: every qnn op's result types carry the scale and
  //    zero point qnn chose.
  module->walk([](Operation *op) {
    if (op->getDialect() && op->getDialect()->getNamespace() == "qnn") {
      llvm::outs() << op->getName() << " -> ";
      llvm::interleaveComma(op->getResultTypes(), llvm::outs());
      llvm::outs() << "\n";
    }
  });

  // 5. Compile the module (as text: the compiler parses its own copy) into a
  //    shared library for this CPU with the optimized kernels.
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  mlir::qnn::CompileOptions copts;
  copts.outputFilename = libPath;
  copts.kernels = mlir::qnn::KernelChoice::Auto;
  copts.toolName = "qnn-embed";
  mlir::qnn::initializeTargets();
  if (!mlir::qnn::compile(llvm::MemoryBuffer::getMemBufferCopy(text, modelPath), copts,
                          llvm::errs()))
    return 1;

  // 6. Load it and call every public function whose arguments and results
  //    are static f32 tensors, with inputs 0.25 * (i % 9 - 4).
  void *handle = dlopen(libPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    llvm::errs() << "qnn-embed: error: cannot load " << libPath << ": " << dlerror() << "\n";
    return 1;
  }
  int status = 0;
  for (auto fn : module->getOps<func::FuncOp>()) {
    if (fn.isPrivate() || fn.isExternal())
      continue;
    FunctionType type = fn.getFunctionType();
    std::vector<std::vector<float>> buffers;
    bool ok = true;
    for (Type t : llvm::concat<const Type>(type.getInputs(), type.getResults())) {
      int64_t n = f32Elements(t);
      ok &= n > 0;
      buffers.emplace_back(std::max<int64_t>(n, 0));
    }
    if (!ok) {
      llvm::outs() << "@" << fn.getName() << ": skipped (not all static f32 tensors)\n";
      continue;
    }
    for (size_t a = 0; a < type.getNumInputs(); ++a)
      for (size_t i = 0; i < buffers[a].size(); ++i)
        buffers[a][i] = 0.25f * static_cast<float>(static_cast<int>(i % 9) - 4);
    void *sym = dlsym(handle, fn.getName().str().c_str());
    std::vector<float *> ptrs;
    for (auto &b : buffers)
      ptrs.push_back(b.data());
    if (!sym || !callWithPointers(sym, ptrs)) {
      llvm::errs() << "qnn-embed: error: cannot call @" << fn.getName() << "\n";
      status = 1;
      continue;
    }
    for (size_t r = type.getNumInputs(); r < buffers.size(); ++r) {
      llvm::outs() << "@" << fn.getName() << " result " << r - type.getNumInputs() << ":";
      for (float v : buffers[r])
        llvm::outs() << " " << llvm::format("%.9g", v);
      llvm::outs() << "\n";
    }
  }
  dlclose(handle);
  return status;
}
