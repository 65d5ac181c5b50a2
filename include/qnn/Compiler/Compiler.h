//===- Compiler.h - qnn modules to native code, as a library ---*- C++ -*-===//
//
// What `qnn-compile` does, callable from C++ (and, through lib/CAPI, from C
// and Python): parse a module, run the qnn-to-llvm pipeline, translate to
// LLVM IR and write an object file, a shared library, assembly, LLVM IR or
// the lowered MLIR. Nothing is left behind on failure.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_COMPILER_COMPILER_H
#define QNN_COMPILER_COMPILER_H

#include "qnn/Pipelines/Pipelines.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>

namespace mlir::qnn {

/// What a compilation writes.
enum class EmitKind { Object, Shared, Assembly, LLVMIR, MLIR };

struct CompileOptions {
  std::string outputFilename;    // "-" for standard output
  std::optional<EmitKind> emit;  // default: from the output's suffix
  std::string triple;            // default: the host
  std::string cpu;               // default: the host CPU ("native" too)
  std::string features;          // default: the host's with the host CPU
  std::string requantMode = "fixed-point";
  KernelChoice kernels = KernelChoice::Reference;
  int threads = 1;
  bool calibration = false;      // qnn.observe calls the calibration runtime
  unsigned optLevel = 2;
  std::string linker;            // default: $CC, else cc
  std::string kernelReport;      // where to write the kernel choices ("")
  bool packNarrowWeights = true; // 2-4-bit weights stay packed (kernels=auto)
  std::string toolName = "qnn-compile"; // prefix of error messages
};

/// `kernelReport`, when set, receives the kernel chosen for each op that
/// may take one (JSON, format "qnn-kernel-report", version 1; docs/tools.md),
/// written once the output is.

/// The kind written for `options`: --emit, else the output suffix (.so
/// shared, .s asm, .ll llvm, .mlir mlir, anything else an object).
EmitKind getEmitKind(const CompileOptions &options);

/// Registers LLVM's targets; call once before compile().
void initializeTargets();

/// Compiles `input` (its buffer identifier names it in diagnostics) into
/// `options.outputFilename`. Every error, the module's diagnostics
/// included, is printed to `diag` as "file:line:col: error: ..." or
/// "TOOL: error: ..."; returns false then, having written nothing.
bool compile(std::unique_ptr<llvm::MemoryBuffer> input,
             const CompileOptions &options, llvm::raw_ostream &diag);

} // namespace mlir::qnn

#endif // QNN_COMPILER_COMPILER_H
