//===- CAPI.cpp - C API of the qnn compiler -------------------------------===//

#include "qnn-c/qnn.h"
#include "qnn/Compiler/Compiler.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <cstring>
#include <mutex>

using namespace mlir::qnn;

// The library exports these and nothing else (hidden visibility otherwise).
#define QNN_C_API extern "C" __attribute__((visibility("default")))

namespace {

char *copyString(const std::string &s) {
  char *out = static_cast<char *>(std::malloc(s.size() + 1));
  if (out)
    std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

/// Parses "key=value key=value"; returns an error message or "".
std::string parseOptions(const char *text, CompileOptions &o) {
  if (!text)
    return "";
  llvm::SmallVector<llvm::StringRef> words;
  llvm::StringRef(text).split(words, ' ', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef word : words) {
    auto [key, value] = word.split('=');
    if (!word.contains('='))
      return "option '" + word.str() + "' is not of the form key=value";
    unsigned n = 0;
    if (key == "kernels") {
      if (value == "auto")
        o.kernels = KernelChoice::Auto;
      else if (value == "reference")
        o.kernels = KernelChoice::Reference;
      else
        return "kernels must be 'auto' or 'reference', got '" + value.str() + "'";
    } else if (key == "threads") {
      if (value.getAsInteger(10, n) || n < 1)
        return "threads must be an integer >= 1, got '" + value.str() + "'";
      o.threads = n;
    } else if (key == "requant-mode") {
      if (value != "fixed-point" && value != "float")
        return "requant-mode must be 'fixed-point' or 'float', got '" +
               value.str() + "'";
      o.requantMode = value.str();
    } else if (key == "emit") {
      if (value == "obj")
        o.emit = EmitKind::Object;
      else if (value == "shared")
        o.emit = EmitKind::Shared;
      else if (value == "asm")
        o.emit = EmitKind::Assembly;
      else if (value == "llvm")
        o.emit = EmitKind::LLVMIR;
      else if (value == "mlir")
        o.emit = EmitKind::MLIR;
      else
        return "emit must be obj, shared, asm, llvm or mlir, got '" +
               value.str() + "'";
    } else if (key == "mcpu") {
      o.cpu = value.str();
    } else if (key == "mattr") {
      o.features = value.str();
    } else if (key == "mtriple") {
      o.triple = value.str();
    } else if (key == "opt") {
      if (value.getAsInteger(10, n) || n > 3)
        return "opt must be 0 to 3, got '" + value.str() + "'";
      o.optLevel = n;
    } else if (key == "linker") {
      o.linker = value.str();
    } else if (key == "kernel-report") {
      o.kernelReport = value.str();
    } else if (key == "pack-narrow-weights") {
      // 0 / 1 as the other flags; false / true as qnn-compile spells it.
      if (value != "0" && value != "1" && value != "false" && value != "true")
        return "pack-narrow-weights must be 0 or 1, got '" + value.str() + "'";
      o.packNarrowWeights = value == "1" || value == "true";
    } else if (key == "calibration") {
      if (value != "0" && value != "1")
        return "calibration must be 0 or 1, got '" + value.str() + "'";
      o.calibration = value == "1";
    } else {
      return "unknown option '" + key.str() +
             "' (known: kernels, threads, requant-mode, emit, mcpu, mattr, "
             "mtriple, opt, linker, calibration, kernel-report, "
             "pack-narrow-weights)";
    }
  }
  return "";
}

int compileBuffer(std::unique_ptr<llvm::MemoryBuffer> input,
                  const char *outputPath, const char *options, char **error) {
  static std::once_flag once;
  std::call_once(once, initializeTargets);
  if (error)
    *error = nullptr;
  CompileOptions o;
  o.toolName = "qnn";
  std::string message = parseOptions(options, o);
  if (message.empty() && (!outputPath || !*outputPath))
    message = "no output path";
  if (!message.empty()) {
    if (error)
      *error = copyString("qnn: error: " + message + "\n");
    return 1;
  }
  o.outputFilename = outputPath;
  std::string diagnostics;
  llvm::raw_string_ostream os(diagnostics);
  bool ok = compile(std::move(input), o, os);
  os.flush();
  if (!ok && error)
    *error = copyString(diagnostics);
  return ok ? 0 : 1;
}

} // namespace

QNN_C_API int qnnCompileString(const char *text, size_t length,
                                const char *outputPath, const char *options,
                                char **error) {
  if (!text) {
    if (error)
      *error = copyString("qnn: error: no module text\n");
    return 1;
  }
  return compileBuffer(llvm::MemoryBuffer::getMemBufferCopy(
                           llvm::StringRef(text, length), "<input>"),
                       outputPath, options, error);
}

QNN_C_API int qnnCompileFile(const char *inputPath, const char *outputPath,
                              const char *options, char **error) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(inputPath ? inputPath : "");
  if (!buffer) {
    if (error)
      *error = copyString(std::string("qnn: error: cannot read '") +
                          (inputPath ? inputPath : "") +
                          "': " + buffer.getError().message() + "\n");
    return 1;
  }
  return compileBuffer(std::move(*buffer), outputPath, options, error);
}

QNN_C_API void qnnFreeString(char *message) { std::free(message); }

QNN_C_API const char *qnnVersion(void) {
  return "0.4.0 (LLVM " LLVM_VERSION_STRING ")";
}
