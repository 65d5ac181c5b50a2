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
// CodebookType
//===----------------------------------------------------------------------===//

// Syntax: `!qnn.codebook<BITS, QTYPE, {t0, t1, ...}>` or
// `!qnn.codebook<BITS, QTYPE, AXIS:{{t0, ...}, {t0, ...}, ...}>`.
Type CodebookType::parse(AsmParser &parser) {
  unsigned bits = 0;
  Type quantType;
  if (parser.parseLess() || parser.parseInteger(bits) || parser.parseComma() ||
      parser.parseType(quantType) || parser.parseComma())
    return {};
  int32_t axis = -1;
  SMLoc axisLoc = parser.getCurrentLocation();
  OptionalParseResult hasAxis = parser.parseOptionalInteger(axis);
  if (hasAxis.has_value()) {
    if (failed(*hasAxis))
      return {};
    if (axis < 0) {
      parser.emitError(axisLoc)
          << "codebook type axis must be >= 0, got " << axis;
      return {};
    }
    if (parser.parseColon())
      return {};
  }
  SmallVector<int64_t> table;
  SmallVector<int64_t> sizes;
  auto parseTable = [&]() -> ParseResult {
    size_t before = table.size();
    if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Braces, [&]() {
          int64_t v;
          if (parser.parseInteger(v))
            return failure();
          table.push_back(v);
          return success();
        }))
      return failure();
    sizes.push_back(static_cast<int64_t>(table.size() - before));
    return success();
  };
  if (axis >= 0) {
    if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Braces,
                                       parseTable))
      return {};
  } else if (parseTable()) {
    return {};
  }
  if (parser.parseGreater())
    return {};
  int64_t entries = sizes.empty() ? 0 : sizes.front();
  for (auto [i, n] : llvm::enumerate(sizes))
    if (n != entries) {
      parser.emitError(parser.getNameLoc())
          << "codebook table " << i << " has " << n
          << " entries, table 0 has " << entries;
      return {};
    }
  return parser.getChecked<CodebookType>(
      parser.getContext(), bits, quantType, entries,
      DenseI64ArrayAttr::get(parser.getContext(), table), axis);
}

void CodebookType::print(AsmPrinter &printer) const {
  printer << "<" << getBits() << ", " << getQuantType() << ", ";
  auto printTable = [&](ArrayRef<int64_t> t) {
    printer << "{";
    llvm::interleaveComma(t, printer);
    printer << "}";
  };
  if (isPerTensor()) {
    printTable(getTable().asArrayRef());
  } else {
    printer << getAxis() << ":{";
    for (int64_t t = 0; t < getNumTables(); ++t) {
      if (t)
        printer << ", ";
      printTable(getTableOf(t));
    }
    printer << "}";
  }
  printer << ">";
}

LogicalResult CodebookType::verify(function_ref<InFlightDiagnostic()> emitError,
                                   unsigned bits, Type quantType,
                                   int64_t entries, DenseI64ArrayAttr table,
                                   int32_t axis) {
  if (bits < 1 || bits > 8)
    return emitError() << "codebook index width must be 1 to 8 bits, got "
                       << bits;
  std::optional<QuantParams> q = getQuantParams(quantType);
  if (!q || isa<ShapedType>(quantType))
    return emitError() << "codebook values must have a uniform quantized "
                          "type, got "
                       << quantType;
  if (!cast<quant::QuantizedType>(quantType).getExpressedType().isF32())
    return emitError() << "codebook values must have expressed type f32, got "
                       << quantType;
  if (q->width > 8)
    return emitError() << "codebook values must have storage of at most 8 "
                          "bits (they decode to int8 kernels), got "
                       << q->width;
  if (axis < -1)
    return emitError() << "codebook type axis must be >= 0, got " << axis;
  if (!table || entries < 1)
    return emitError() << "codebook table is empty";
  if (entries > (int64_t{1} << bits))
    return emitError() << "codebook table has " << entries
                       << " entries; " << bits << "-bit indices address at most "
                       << (int64_t{1} << bits);
  int64_t size = static_cast<int64_t>(table.size());
  if (size % entries != 0)
    return emitError() << "codebook table holds " << size
                       << " values, not a multiple of " << entries
                       << " entries";
  int64_t tables = size / entries;
  if (axis == -1 && tables != 1)
    return emitError() << "codebook type without an axis takes one table, got "
                       << tables;
  if (axis >= 0 && !q->isPerTensor()) {
    if (axis != q->axis)
      return emitError() << "codebook axis " << axis
                         << " differs from its values' quantization axis "
                         << q->axis;
    if (tables != static_cast<int64_t>(q->scales.size()))
      return emitError() << "codebook has " << tables << " tables but its "
                         << "values have " << q->scales.size() << " scales";
  }
  for (auto [i, v] : llvm::enumerate(table.asArrayRef()))
    if (v < q->qmin || v > q->qmax)
      return emitError() << "codebook entry " << v << " (table "
                         << static_cast<int64_t>(i) / entries << ", entry "
                         << static_cast<int64_t>(i) % entries
                         << ") is outside the storage range [" << q->qmin
                         << ", " << q->qmax << "]";
  return success();
}

void mlir::qnn::decodeCodebookIndices(CodebookType cb, ArrayRef<int64_t> shape,
                                      DenseIntElementsAttr raw,
                                      SmallVectorImpl<int64_t> &indices,
                                      SmallVectorImpl<int64_t> &values) {
  int64_t inner = 1;
  if (!cb.isPerTensor())
    for (size_t d = cb.getAxis() + 1; d < shape.size(); ++d)
      inner *= shape[d];
  int64_t mask = (int64_t{1} << cb.getBits()) - 1, i = 0;
  for (const APInt &v : raw.getValues<APInt>()) {
    int64_t t = cb.isPerTensor() ? 0 : (i++ / inner) % cb.getNumTables();
    int64_t k = std::min<int64_t>(static_cast<int64_t>(v.getZExtValue()) & mask,
                                  cb.getEntries() - 1);
    indices.push_back(k);
    values.push_back(cb.getTableOf(t)[k]);
  }
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
