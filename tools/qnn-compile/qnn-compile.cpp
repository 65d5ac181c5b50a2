//===- qnn-compile.cpp - compile qnn IR to native code --------------------===//
//
// Reads a .mlir module, runs the qnn-to-llvm pipeline, translates to LLVM IR
// and writes, through LLVM's TargetMachine in this process, an object file,
// a shared library (the object linked with the system C compiler driver),
// assembly, LLVM IR or the lowered MLIR. The C ABI of the result is
// described in docs/abi.md. The work is done by qnn/Compiler (also behind
// the C API); this file parses the command line.
//
//===----------------------------------------------------------------------===//

#include "qnn/Compiler/Compiler.h"

#include "mlir/Support/FileUtilities.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using mlir::qnn::EmitKind;

namespace {

cl::OptionCategory category("qnn-compile options");

cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<input .mlir>"),
                                   cl::init("-"), cl::cat(category));
cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                    cl::value_desc("filename"),
                                    cl::cat(category));
cl::opt<EmitKind> emitKind(
    "emit",
    cl::desc("What to write (default: from the -o suffix: .so -> "
             "shared, .o -> obj, .s -> asm, .ll -> llvm)"),
    cl::values(clEnumValN(EmitKind::Object, "obj", "object file"),
               clEnumValN(EmitKind::Shared, "shared", "shared library"),
               clEnumValN(EmitKind::Assembly, "asm", "assembly"),
               clEnumValN(EmitKind::LLVMIR, "llvm", "LLVM IR"),
               clEnumValN(EmitKind::MLIR, "mlir",
                          "MLIR in the LLVM dialect, before translation")),
    cl::cat(category));
cl::opt<std::string> targetTriple("mtriple",
                                  cl::desc("Target triple (default: host)"),
                                  cl::cat(category));
cl::opt<std::string> targetCPU("mcpu", cl::desc("Target CPU (default: host)"),
                               cl::cat(category));
cl::opt<std::string>
    targetFeatures("mattr",
                   cl::desc("Target features, e.g. +avx512vnni (default: "
                            "those of the host when -mcpu is not given)"),
                   cl::cat(category));
cl::opt<std::string>
    requantMode("requant-mode",
                cl::desc("Requantization arithmetic: fixed-point (default) "
                         "or float (docs/numerics.md rule N6)"),
                cl::init("fixed-point"), cl::cat(category));
cl::opt<mlir::qnn::KernelChoice> kernels(
    "kernels", cl::desc("Which kernels implement the ops"),
    cl::init(mlir::qnn::KernelChoice::Reference),
    cl::values(clEnumValN(mlir::qnn::KernelChoice::Reference, "reference",
                          "the reference lowering for every op (default)"),
               clEnumValN(mlir::qnn::KernelChoice::Auto, "auto",
                          "optimized kernels where the target supports them "
                          "(conv2d, fully_connected, depthwise_conv2d), else "
                          "the reference")),
    cl::cat(category));
cl::opt<int> threads(
    "num-threads",
    cl::desc("Threads for the optimized kernels (--kernels=auto). N > 1 runs "
             "each kernel as an OpenMP parallel loop over N parts; the "
             "output then needs the OpenMP runtime (libomp), which shared "
             "libraries link with an rpath. Default 1"),
    cl::init(1), cl::cat(category));
cl::opt<bool> calibration(
    "calibration",
    cl::desc("Compile qnn.observe ops as calls of the calibration runtime "
             "(qnn_observe in libQNNCalibration.so, docs/calibration.md) "
             "instead of the identity"),
    cl::init(false), cl::cat(category));
cl::opt<unsigned> optLevel("O", cl::desc("LLVM optimization level 0-3"),
                           cl::init(2), cl::Prefix, cl::cat(category));
cl::opt<bool> packNarrowWeights(
    "pack-narrow-weights",
    cl::desc("With --kernels=auto, keep 2- to 4-bit weights packed in the "
             "library, decoded by the kernels (qnn-pack-narrow-weights; "
             "default true)"),
    cl::init(true), cl::cat(category));
cl::opt<std::string> kernelReport(
    "kernel-report",
    cl::desc("Write the kernel chosen for each conv, depthwise, fully "
             "connected and binary op to this file (JSON; docs/abi.md)"),
    cl::value_desc("filename"), cl::cat(category));
cl::opt<std::string>
    linkerDriver("linker",
                 cl::desc("C compiler driver used to link shared libraries "
                          "(default: $CC, else cc)"),
                 cl::cat(category));

} // namespace

int main(int argc, char **argv) {
  InitLLVM y(argc, argv);
  mlir::qnn::initializeTargets();
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "qnn-compile: compile a qnn module to native code for the host CPU\n");

  mlir::qnn::CompileOptions options;
  options.outputFilename = outputFilename;
  if (emitKind.getNumOccurrences())
    options.emit = emitKind;
  options.triple = targetTriple;
  options.cpu = targetCPU;
  options.features = targetFeatures;
  options.requantMode = requantMode;
  options.kernels = kernels;
  options.threads = threads;
  options.calibration = calibration;
  options.optLevel = optLevel;
  options.linker = linkerDriver;
  options.kernelReport = kernelReport;
  options.packNarrowWeights = packNarrowWeights;
  if (options.outputFilename.empty()) {
    WithColor::error(errs(), "qnn-compile") << "no output file: pass -o <file>\n";
    return 1;
  }
  std::string errorMessage;
  std::unique_ptr<MemoryBuffer> input =
      mlir::openInputFile(inputFilename, &errorMessage);
  if (!input) {
    WithColor::error(errs(), "qnn-compile") << errorMessage << "\n";
    return 1;
  }
  return mlir::qnn::compile(std::move(input), options, errs()) ? 0 : 1;
}
