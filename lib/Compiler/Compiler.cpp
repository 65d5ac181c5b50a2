//===- Compiler.cpp - qnn modules to native code, as a library ------------===//
//
// Reads a .mlir module, runs the qnn-to-llvm pipeline, translates to LLVM IR
// and writes, through LLVM's TargetMachine in this process, an object file,
// a shared library (the object linked with the system C compiler driver),
// assembly, LLVM IR or the lowered MLIR. The C ABI of the result is
// described in docs/abi.md.
//
// Nothing is left behind on failure: outputs are written only once the
// module has lowered, through files that delete themselves unless kept; a
// shared library is linked under a temporary name and renamed into place.
//
//===----------------------------------------------------------------------===//

#include "qnn/Compiler/Compiler.h"
#include "qnn/InitAll.h"
#include "qnn/Pipelines/Pipelines.h"
#include "qnn/Tools/ParserGuard.h"

#include "qnn/Dialect/QNN/IR/QNN.h"
#include "qnn/Dialect/QNN/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"

using namespace llvm;
using mlir::qnn::CompileOptions;
using mlir::qnn::EmitKind;

namespace {

/// Element types with a documented C container (docs/abi.md). Binary
/// values exist only packed, inside tensors.
bool hasCContainer(mlir::Type t, bool inTensor) {
  if (t.isF32() || t.isInteger(8) || t.isInteger(16) || t.isInteger(32) ||
      t.isInteger(64))
    return true;
  if (mlir::isa<mlir::quant::UniformQuantizedType,
                mlir::quant::UniformQuantizedPerAxisType>(t))
    return true;
  return inTensor && mlir::isa<mlir::qnn::BinaryType>(t);
}

/// The C ABI of docs/abi.md: arguments are statically shaped tensors or
/// scalars with a C container; results are all such tensors (returned
/// through caller-allocated buffers) or a single scalar returned by value.
mlir::LogicalResult checkSignatures(mlir::ModuleOp module) {
  bool ok = true;
  module.walk([&](mlir::func::FuncOp f) {
    if (f.isPrivate())
      return;
    auto check = [&](mlir::Type t, StringRef what, unsigned idx) {
      auto tensor = mlir::dyn_cast<mlir::RankedTensorType>(t);
      bool fits = false;
      if (tensor)
        fits = hasCContainer(tensor.getElementType(), true) &&
               tensor.hasStaticShape() &&
               !llvm::is_contained(tensor.getShape(), 0);
      else if (!mlir::isa<mlir::ShapedType>(t))
        fits = hasCContainer(t, false);
      if (fits)
        return;
      f.emitError() << "function @" << f.getSymName() << " " << what << " #"
                    << idx << " has type " << t
                    << ", which has no C ABI: use statically shaped, non-empty "
                       "tensors of f32, i8, i16, i32, i64, uniform quantized "
                       "or binary types, or scalars of the non-binary ones "
                       "(docs/abi.md)";
      ok = false;
    };
    for (auto [i, t] : llvm::enumerate(f.getArgumentTypes()))
      check(t, "argument", i);
    for (auto [i, t] : llvm::enumerate(f.getResultTypes()))
      check(t, "result", i);
    unsigned scalars = llvm::count_if(f.getResultTypes(), [](mlir::Type t) {
      return !mlir::isa<mlir::ShapedType>(t);
    });
    if (scalars > 0 && f.getNumResults() > 1) {
      f.emitError() << "function @" << f.getSymName()
                    << " mixes a scalar result with other results; the C ABI "
                       "returns either one scalar by value or only tensors "
                       "through output buffers (docs/abi.md)";
      ok = false;
    }
  });
  return mlir::success(ok);
}

/// The target features qnn-select-kernels reads.
constexpr StringLiteral kKernelFeatures[] = {"+avx2",       "+avx512f",
                                             "+avx512bw",   "+avx512vnni",
                                             "+avx512vbmi", "+avx512vpopcntdq"};

/// The ops kernel selection may give a kernel (qnn-select-kernels).
bool mayTakeKernel(mlir::Operation *op) {
  return mlir::isa<mlir::qnn::Conv2DOp, mlir::qnn::DepthwiseConv2DOp,
                   mlir::qnn::FullyConnectedOp, mlir::qnn::WeightOnlyFcOp,
                   mlir::qnn::BConv2DOp, mlir::qnn::BFullyConnectedOp>(op);
}

/// The kernel report of `module` after kernel selection: one entry per op
/// that may take a kernel, in program order, with its function, name,
/// location and kernel (the `qnn.kernel` dictionary, or "reference").
std::string renderKernelReport(mlir::ModuleOp module, StringRef features) {
  std::string text;
  raw_string_ostream os(text);
  json::OStream j(os, 1);
  j.object([&] {
    j.attribute("format", "qnn-kernel-report");
    j.attribute("version", 1);
    // Only the features kernel selection reads (qnn-select-kernels).
    j.attributeArray("target_features", [&] {
      for (StringRef f : kKernelFeatures)
        if (mlir::qnn::hasTargetFeature(features, f))
          j.value(f);
    });
    j.attributeArray("ops", [&] {
      module.walk([&](mlir::Operation *op) {
        if (!mayTakeKernel(op))
          return;
        auto f = op->getParentOfType<mlir::FunctionOpInterface>();
        std::string loc;
        raw_string_ostream locOs(loc);
        op->getLoc().print(locOs);
        j.object([&] {
          j.attribute("function", f ? f.getName() : "");
          j.attribute("op", op->getName().getStringRef());
          j.attribute("name", mlir::qnn::getLocName(op->getLoc()));
          j.attribute("loc", loc);
          auto kernel = op->getAttrOfType<mlir::DictionaryAttr>(
              mlir::qnn::kKernelAttrName);
          if (!kernel) {
            j.attribute("kernel", "reference");
            return;
          }
          j.attributeObject("kernel", [&] {
            for (mlir::NamedAttribute a : kernel) {
              if (auto i = mlir::dyn_cast<mlir::IntegerAttr>(a.getValue()))
                j.attribute(a.getName().strref(), i.getInt());
              else if (auto s = mlir::dyn_cast<mlir::StringAttr>(a.getValue()))
                j.attribute(a.getName().strref(), s.getValue());
              else {
                std::string v;
                raw_string_ostream vOs(v);
                a.getValue().print(vOs);
                j.attribute(a.getName().strref(), v);
              }
            }
          });
        });
      });
    });
  });
  os << "\n";
  return text;
}

/// One compilation: its options and where errors go.
struct Compilation {
  const CompileOptions &opts;
  raw_ostream &diag;
  std::string kernelReport; // the report's text, once kernels are chosen

  bool fail(const Twine &msg) {
    WithColor::error(diag, opts.toolName) << msg << "\n";
    return false;
  }
std::unique_ptr<TargetMachine> createTargetMachine(std::string &triple) {
  bool host = opts.triple.empty();
  triple = host ? sys::getDefaultTargetTriple() : opts.triple;
  std::string error;
  const Target *target = TargetRegistry::lookupTarget(Triple(triple), error);
  if (!target) {
    fail("unknown target triple '" + triple + "': " + error);
    return nullptr;
  }
  std::string cpu = opts.cpu;
  std::string features = opts.features;
  if (cpu == "native")
    cpu.clear();
  if (cpu.empty() && host) {
    cpu = sys::getHostCPUName().str();
    if (features.empty()) {
      SubtargetFeatures f;
      for (const auto &[name, enabled] : sys::getHostCPUFeatures())
        f.AddFeature(name, enabled);
      features = f.getString();
    }
  }
  if (!cpu.empty()) {
    std::unique_ptr<MCSubtargetInfo> sti(
        target->createMCSubtargetInfo(Triple(triple), "", ""));
    if (sti && !sti->isCPUStringValid(cpu)) {
      fail("unknown CPU '" + cpu + "' for target '" + triple +
           "' (llc -mtriple=" + triple + " -mcpu=help lists them)");
      return nullptr;
    }
  }
  TargetOptions options;
  // f32 results must follow docs/numerics.md operation by operation.
  options.AllowFPOpFusion = FPOpFusion::Strict;
  unsigned optLevel = opts.optLevel;
  CodeGenOptLevel level = optLevel == 0   ? CodeGenOptLevel::None
                          : optLevel == 1 ? CodeGenOptLevel::Less
                          : optLevel == 2 ? CodeGenOptLevel::Default
                                          : CodeGenOptLevel::Aggressive;
  return std::unique_ptr<TargetMachine>(
      target->createTargetMachine(Triple(triple), cpu, features, options,
                                  Reloc::PIC_, std::nullopt, level));
}

/// The features kernel selection cares about, as the code generator sees
/// them for the chosen CPU and -mattr (a named CPU such as haswell implies
/// features its feature string does not spell out).
std::string getKernelFeatures(TargetMachine *tm) {
  const MCSubtargetInfo *sti = tm->getMCSubtargetInfo();
  std::string out = tm->getTargetFeatureString().str();
  // The kernels are x86 kernels; other targets do not know these names.
  if (!tm->getTargetTriple().isX86())
    return out;
  for (StringRef f : kKernelFeatures) {
    if (sti && sti->checkFeatures(f))
      out += (out.empty() ? "" : ",") + f.str();
  }
  return out;
}

void optimize(Module &module, TargetMachine *tm) {
  unsigned optLevel = opts.optLevel;
  if (optLevel == 0)
    return;
  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PassBuilder pb(tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  OptimizationLevel level = optLevel == 1   ? OptimizationLevel::O1
                            : optLevel == 2 ? OptimizationLevel::O2
                                            : OptimizationLevel::O3;
  pb.buildPerModuleDefaultPipeline(level).run(module, mam);
}

/// Runs the system compiler driver to link `object` into `output`;
/// `display` is the name errors give for the output.
bool linkShared(StringRef object, StringRef output, StringRef display) {
  // The driver may carry arguments, as $CC often does ("ccache cc").
  std::string driverLine = opts.linker;
  if (driverLine.empty())
    if (const char *cc = std::getenv("CC"))
      driverLine = cc;
  if (driverLine.empty())
    driverLine = "cc";
  SmallVector<StringRef> words;
  StringRef(driverLine).split(words, ' ', -1, /*KeepEmpty=*/false);
  if (words.empty())
    words.push_back("cc");
  ErrorOr<std::string> path = sys::findProgramByName(words.front());
  if (!path) {
    fail("cannot find the linker driver '" + words.front() +
         "' (set --linker or $CC)");
    return false;
  }
  SmallVector<StringRef> args = {*path};
  args.append(words.begin() + 1, words.end());
  args.append({"-shared", "-o", output, object, "-lm"});
  std::string ompDir, ompRpath;
  if (opts.threads > 1) {
    // Parallel kernels call the OpenMP runtime (__kmpc_*).
    ompDir = "-L" QNN_OPENMP_LIBRARY_DIR;
    ompRpath = "-Wl,-rpath," QNN_OPENMP_LIBRARY_DIR;
    args.append({ompDir, "-lomp", ompRpath});
  }
  std::string errMsg;
  int rc = sys::ExecuteAndWait(*path, args, std::nullopt, {}, 0, 0, &errMsg);
  if (rc != 0) {
    fail("linking '" + display + "' with '" + *path + "' failed" +
         (errMsg.empty() ? "" : ": " + errMsg));
    return false;
  }
  return true;
}

  bool run(std::unique_ptr<MemoryBuffer> input) {
  EmitKind kind = mlir::qnn::getEmitKind(opts);
  const std::string &outputFilename = opts.outputFilename;
  std::string inputFilename = input->getBufferIdentifier().str();

  mlir::DialectRegistry registry;
  qnn::registerAllDialects(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Diagnostics point at the source; the generic form of the op adds noise.
  context.printOpOnDiagnostic(false);

  std::string errorMessage;
  if (qnn::hasKnownParserCrash(*input, diag))
    return false;
  SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(input), SMLoc());
  mlir::SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context, diag);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse '" + inputFilename + "'");

  // The C ABI (docs/abi.md) covers a fixed set of argument types; anything
  // else is refused here, by name, rather than given an undocumented layout.
  if (failed(checkSignatures(*module)))
    return fail("'" + inputFilename + "' has functions outside the C ABI");

  // Private functions are not part of the C ABI (docs/abi.md): remember
  // them to give them internal linkage after translation.
  SmallVector<std::string> privateFunctions;
  module->walk([&](mlir::FunctionOpInterface f) {
    if (f.isPrivate() && !f.isExternal())
      privateFunctions.push_back(f.getName().str());
  });

  mlir::PassManager pm(&context);
  mlir::qnn::QNNToLLVMOptions options;
  options.requantMode = opts.requantMode;
  // Kernel selection sees the features the code is generated for.
  std::string triple;
  std::unique_ptr<TargetMachine> tm = createTargetMachine(triple);
  if (!tm)
    return false;
  options.kernels = opts.kernels;
  options.targetFeatures = getKernelFeatures(tm.get());
  // The report needs the choices before lowering erases them: kernel
  // selection runs here first, and the pipeline's run keeps what it chose
  // (its qnn-pack-narrow-weights finds nothing left to pack).
  if (!opts.kernelReport.empty()) {
    if (opts.kernels == mlir::qnn::KernelChoice::Auto) {
      mlir::PassManager select(&context);
      mlir::qnn::buildQNNKernelSelectionPipeline(select, options.targetFeatures,
                                                 opts.packNarrowWeights);
      if (failed(select.run(*module)))
        return fail("kernel selection on '" + inputFilename + "' failed");
    }
    kernelReport = renderKernelReport(*module, options.targetFeatures);
  }
  int threads = opts.threads;
  if (threads < 1)
    return fail("invalid --num-threads=" + std::to_string(threads) +
                ": expected 1 or more");
  if (threads > 1 && opts.kernels != mlir::qnn::KernelChoice::Auto)
    return fail("--num-threads=" + std::to_string(threads) +
                " needs --kernels=auto (the reference lowering is "
                "single-threaded)");
  options.threads = threads;
  options.calibration = opts.calibration;
  options.packNarrowWeights = opts.packNarrowWeights;
  mlir::qnn::buildQNNToLLVMPipeline(pm, options);
  if (failed(pm.run(*module)))
    return fail("lowering '" + inputFilename + "' failed");

  // Anything the pipeline could not lower (a signature with unsupported
  // types, an op of a dialect qnn does not lower) is reported here by name.
  // OpenMP ops (parallel kernels) translate to LLVM IR directly.
  mlir::Operation *leftover = nullptr;
  module->walk([&](mlir::Operation *op) {
    if (!leftover && op != module->getOperation() && op->getDialect() &&
        op->getDialect()->getNamespace() != "llvm" &&
        op->getDialect()->getNamespace() != "omp")
      leftover = op;
  });
  if (leftover) {
    leftover->emitError() << "'" << leftover->getName()
                          << "' was not lowered to the LLVM dialect; "
                             "qnn-compile supports functions over statically "
                             "shaped tensors of f32, i32/i64, quantized and "
                             "binary types";
    return fail("lowering '" + inputFilename + "' failed");
  }

  if (kind == EmitKind::MLIR) {
    auto out = mlir::openOutputFile(outputFilename, &errorMessage);
    if (!out)
      return fail(errorMessage);
    module->print(out->os());
    out->keep();
    return true;
  }

  LLVMContext llvmContext;
  std::unique_ptr<Module> llvmModule =
      mlir::translateModuleToLLVMIR(*module, llvmContext);
  if (!llvmModule)
    return fail("translation to LLVM IR failed");

  llvmModule->setTargetTriple(Triple(triple));
  llvmModule->setDataLayout(tm->createDataLayout());
  for (const std::string &name : privateFunctions)
    if (Function *f = llvmModule->getFunction(name))
      f->setLinkage(GlobalValue::InternalLinkage);
  // Record the target in the IR too, so that --emit=llvm output compiled
  // later (llc, clang) gets the same code.
  for (Function &f : *llvmModule) {
    if (f.isDeclaration())
      continue;
    if (!tm->getTargetCPU().empty())
      f.addFnAttr("target-cpu", tm->getTargetCPU());
    if (!tm->getTargetFeatureString().empty())
      f.addFnAttr("target-features", tm->getTargetFeatureString());
  }
  if (verifyModule(*llvmModule, &diag))
    return fail("the generated LLVM IR is invalid");
  optimize(*llvmModule, tm.get());

  if (kind == EmitKind::LLVMIR) {
    auto out = mlir::openOutputFile(outputFilename, &errorMessage);
    if (!out)
      return fail(errorMessage);
    llvmModule->print(out->os(), nullptr);
    out->keep();
    return true;
  }

  // Object code goes to a temporary file first; shared libraries link it.
  std::string objectPath = outputFilename;
  SmallString<128> tmpObject;
  if (kind == EmitKind::Shared) {
    if (std::error_code ec =
            sys::fs::createTemporaryFile("qnn-compile", "o", tmpObject))
      return fail("cannot create a temporary object file: " + ec.message());
    objectPath = tmpObject.str().str();
  }
  {
    auto out = mlir::openOutputFile(objectPath, &errorMessage);
    if (!out)
      return fail(errorMessage);
    legacy::PassManager codegen;
    CodeGenFileType fileType = kind == EmitKind::Assembly
                                   ? CodeGenFileType::AssemblyFile
                                   : CodeGenFileType::ObjectFile;
    if (tm->addPassesToEmitFile(codegen, out->os(), nullptr, fileType))
      return fail("the target cannot emit this file type");
    codegen.run(*llvmModule);
    out->keep();
  }
  if (kind != EmitKind::Shared)
    return true;

  // Link into a fresh temporary name beside the output, then rename, so
  // that a failed link leaves nothing behind and clobbers nothing.
  SmallString<128> tmpShared;
  {
    int fd;
    if (std::error_code ec = sys::fs::createUniqueFile(
            outputFilename + "-%%%%%%.tmp", fd, tmpShared)) {
      sys::fs::remove(tmpObject);
      return fail("cannot create a file beside '" + outputFilename +
                  "': " + ec.message());
    }
    sys::Process::SafelyCloseFileDescriptor(fd);
  }
  bool linked = linkShared(tmpObject, tmpShared, outputFilename);
  sys::fs::remove(tmpObject);
  if (!linked) {
    sys::fs::remove(tmpShared);
    return false;
  }
  if (std::error_code ec = sys::fs::rename(tmpShared, outputFilename)) {
    sys::fs::remove(tmpShared);
    return fail("cannot write '" + outputFilename + "': " + ec.message());
  }
  return true;
  }
};

} // namespace

EmitKind mlir::qnn::getEmitKind(const CompileOptions &options) {
  if (options.emit)
    return *options.emit;
  StringRef ext = sys::path::extension(options.outputFilename);
  if (ext == ".so" || ext == ".dylib")
    return EmitKind::Shared;
  if (ext == ".s" || ext == ".S")
    return EmitKind::Assembly;
  if (ext == ".ll")
    return EmitKind::LLVMIR;
  if (ext == ".mlir")
    return EmitKind::MLIR;
  return EmitKind::Object;
}

void mlir::qnn::initializeTargets() {
  InitializeAllTargetInfos();
  InitializeAllTargets();
  InitializeAllTargetMCs();
  InitializeAllAsmPrinters();
  InitializeAllAsmParsers();
}

bool mlir::qnn::compile(std::unique_ptr<MemoryBuffer> input,
                        const CompileOptions &options, raw_ostream &diag) {
  Compilation c{options, diag, {}};
  if (options.outputFilename.empty())
    return c.fail("no output file: pass -o <file>");
  if (options.optLevel > 3)
    return c.fail("invalid optimization level -O" + Twine(options.optLevel) +
                  ": expected 0 to 3");
  if (options.outputFilename != "-") {
    bool same = false;
    if (!sys::fs::equivalent(input->getBufferIdentifier(),
                             options.outputFilename, same) &&
        same)
      return c.fail("the output file '" + options.outputFilename +
                    "' is the input file");
    if (sys::fs::is_directory(options.outputFilename))
      return c.fail("the output '" + options.outputFilename +
                    "' is a directory");
  } else if (getEmitKind(options) == EmitKind::Shared) {
    return c.fail("a shared library cannot be written to standard output");
  }
  if (!options.kernelReport.empty() &&
      options.kernelReport == options.outputFilename)
    return c.fail("the kernel report '" + options.kernelReport +
                  "' is the output file");
  if (!c.run(std::move(input)))
    return false;
  if (options.kernelReport.empty())
    return true;
  // Written once the output is, so that a failed compilation leaves
  // neither; a report that cannot be written takes the output with it.
  std::string errorMessage;
  auto out = mlir::openOutputFile(options.kernelReport, &errorMessage);
  if (!out) {
    if (options.outputFilename != "-")
      sys::fs::remove(options.outputFilename);
    return c.fail(errorMessage);
  }
  out->os() << c.kernelReport;
  out->keep();
  return true;
}
