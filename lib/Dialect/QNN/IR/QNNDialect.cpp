//===- QNNDialect.cpp - qnn dialect registration and types ----------------===//

#include "qnn/Dialect/QNN/IR/QNN.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

using namespace mlir;
using namespace mlir::qnn;

#include "qnn/Dialect/QNN/IR/QNNOpsDialect.cpp.inc"
#include "qnn/Dialect/QNN/IR/QNNOpsEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOpsAttrs.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOpsTypes.cpp.inc"

void QNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "qnn/Dialect/QNN/IR/QNNOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "qnn/Dialect/QNN/IR/QNNOpsTypes.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "qnn/Dialect/QNN/IR/QNNOpsAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// BinaryType
//===----------------------------------------------------------------------===//

// Syntax: `!qnn.binary<f32, 0.5>` or `!qnn.binary<f32:AXIS, {a0, a1, ...}>`.
Type BinaryType::parse(AsmParser &parser) {
  Type expressed;
  if (parser.parseLess() || parser.parseType(expressed))
    return {};
  int32_t axis = -1;
  SmallVector<double> scales;
  if (succeeded(parser.parseOptionalColon())) {
    SMLoc axisLoc = parser.getCurrentLocation();
    if (parser.parseInteger(axis))
      return {};
    if (axis < 0) {
      parser.emitError(axisLoc)
          << "binary type axis must be >= 0, got " << axis;
      return {};
    }
    if (parser.parseComma() ||
        parser.parseCommaSeparatedList(AsmParser::Delimiter::Braces, [&]() {
          double s;
          if (parser.parseFloat(s))
            return failure();
          scales.push_back(s);
          return success();
        }))
      return {};
  } else {
    double s;
    if (parser.parseComma() || parser.parseFloat(s))
      return {};
    scales.push_back(s);
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<BinaryType>(
      parser.getContext(), expressed,
      DenseF64ArrayAttr::get(parser.getContext(), scales), axis);
}

static void printScale(AsmPrinter &printer, double s) {
  printer.printFloat(llvm::APFloat(s));
}

void BinaryType::print(AsmPrinter &printer) const {
  printer << "<" << getExpressedType();
  ArrayRef<double> scales = getScales().asArrayRef();
  if (isPerTensor()) {
    printer << ", ";
    printScale(printer, scales.front());
  } else {
    printer << ":" << getAxis() << ", {";
    llvm::interleaveComma(scales, printer,
                          [&](double s) { printScale(printer, s); });
    printer << "}";
  }
  printer << ">";
}

LogicalResult BinaryType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 Type expressedType, DenseF64ArrayAttr scales,
                                 int32_t axis) {
  if (!expressedType.isF32())
    return emitError() << "binary type expects expressed type f32, got "
                       << expressedType;
  if (!scales || scales.empty())
    return emitError() << "binary type needs at least one scale";
  if (axis < -1)
    return emitError() << "binary type axis must be >= 0, got " << axis;
  if (axis == -1 && scales.size() != 1)
    return emitError() << "per-tensor binary type takes exactly one scale, got "
                       << scales.size();
  for (double s : scales.asArrayRef()) {
    if (!(s > 0.0) || !std::isfinite(s))
      return emitError() << "binary type scale must be positive and finite "
                            "(rule N1.5), got "
                         << s;
    // Rule N19.2 computes with f32(alpha): it must stay a normal f32.
    if (s < static_cast<double>(std::numeric_limits<float>::min()) ||
        s > static_cast<double>(std::numeric_limits<float>::max()))
      return emitError() << "binary type scale " << s
                         << " is not a normal f32 value (rule N1.5)";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Quantized-type helpers
//===----------------------------------------------------------------------===//

std::optional<QuantParams> mlir::qnn::getQuantParams(Type type) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    type = shaped.getElementType();
  QuantParams p;
  if (auto uq = dyn_cast<quant::UniformQuantizedType>(type)) {
    p.scales.push_back(uq.getScale());
    p.zeroPoints.push_back(uq.getZeroPoint());
  } else if (auto pa = dyn_cast<quant::UniformQuantizedPerAxisType>(type)) {
    p.scales.assign(pa.getScales().begin(), pa.getScales().end());
    p.zeroPoints.assign(pa.getZeroPoints().begin(), pa.getZeroPoints().end());
    p.axis = pa.getQuantizedDimension();
  } else {
    return std::nullopt;
  }
  auto qt = cast<quant::QuantizedType>(type);
  p.qmin = qt.getStorageTypeMin();
  p.qmax = qt.getStorageTypeMax();
  p.width = qt.getStorageTypeIntegralWidth();
  p.isSigned = qt.isSigned();
  p.storageType = qt.getStorageType();
  return p;
}
