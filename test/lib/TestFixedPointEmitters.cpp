//===- TestFixedPointEmitters.cpp - expose the fixed-point emitters -------===//
//
// Test-only pass: gives bodies to external functions marked
// `qnn.test_emitter = "srdhm" | "rdbpot" | "mbqm"` built with the same
// emitters the reference lowering uses, so that the compiled arithmetic can
// be checked against gemmlowp's fixedpoint.h (test/Integration).
//
//===----------------------------------------------------------------------===//

#include "qnn/Conversion/QNNToLinalg/FixedPoint.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;

namespace {

struct TestFixedPointEmittersPass
    : public PassWrapper<TestFixedPointEmittersPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestFixedPointEmittersPass)

  StringRef getArgument() const final { return "qnn-test-fixedpoint-emitters"; }
  StringRef getDescription() const final {
    return "Give bodies built from the fixed-point emitters to external "
           "functions marked qnn.test_emitter (test only)";
  }

  void runOnOperation() override {
    getOperation().walk([&](func::FuncOp f) {
      auto kind = f->getAttrOfType<StringAttr>("qnn.test_emitter");
      if (!kind)
        return;
      unsigned want = kind.getValue() == "srdhm"    ? 2
                      : kind.getValue() == "rdbpot" ? 2
                      : kind.getValue() == "mbqm"   ? 4
                                                    : 0;
      FunctionType type = f.getFunctionType();
      auto i32 = IntegerType::get(&getContext(), 32);
      if (want == 0 || !f.isExternal() || type.getNumInputs() != want ||
          type.getNumResults() != 1 ||
          llvm::any_of(type.getInputs(), [&](Type t) { return t != i32; }) ||
          type.getResult(0) != i32) {
        f.emitError() << "qnn.test_emitter needs an external function of "
                         "i32 arguments returning i32, with kind srdhm, "
                         "rdbpot or mbqm";
        return signalPassFailure();
      }
      Block *block = f.addEntryBlock();
      OpBuilder b = OpBuilder::atBlockBegin(block);
      Location loc = f.getLoc();
      ValueRange a = block->getArguments();
      Value r;
      if (kind.getValue() == "srdhm")
        r = qnn::emitSaturatingRoundingDoublingHighMul(b, loc, a[0], a[1]);
      else if (kind.getValue() == "rdbpot")
        r = qnn::emitRoundingDivideByPOT(b, loc, a[0], a[1]);
      else
        r = qnn::emitMultiplyByQuantizedMultiplier(b, loc, a[0], a[1], a[2],
                                                   a[3]);
      func::ReturnOp::create(b, loc, r);
      f.setPublic();
      f->removeAttr("qnn.test_emitter");
    });
  }
};

} // namespace

namespace qnn::test {
void registerTestPasses() { PassRegistration<TestFixedPointEmittersPass>(); }
} // namespace qnn::test
