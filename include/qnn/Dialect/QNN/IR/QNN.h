//===- QNN.h - qnn dialect, types, attributes and ops -----------*- C++ -*-===//
#ifndef QNN_DIALECT_QNN_IR_QNN_H
#define QNN_DIALECT_QNN_IR_QNN_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "qnn/Dialect/QNN/IR/QNNOpsDialect.h.inc"
#include "qnn/Dialect/QNN/IR/QNNOpsEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOpsAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOpsTypes.h.inc"

#define GET_OP_CLASSES
#include "qnn/Dialect/QNN/IR/QNNOps.h.inc"

namespace mlir::qnn {

/// The affine parameters of a `!quant.uniform` element type, flattened so
/// that per-tensor and per-axis types read the same way: per-tensor types
/// have one scale, one zero point and axis -1.
struct QuantParams {
  SmallVector<double> scales;
  SmallVector<int64_t> zeroPoints;
  int32_t axis = -1;
  int64_t qmin = 0, qmax = 0;
  unsigned width = 0;
  bool isSigned = true;
  Type storageType;

  bool isPerTensor() const { return axis < 0; }
  double scale(int64_t i) const { return scales[isPerTensor() ? 0 : i]; }
  int64_t zeroPoint(int64_t i) const {
    return zeroPoints[isPerTensor() ? 0 : i];
  }
};

/// Returns the parameters of `type` (an element type or a tensor of one),
/// or std::nullopt if it is not a uniform quantized type.
std::optional<QuantParams> getQuantParams(Type type);

/// Rule N23.1 on the index bytes `raw` of a tensor of `shape` with codebook
/// `cb`: each element's effective index (low bits, clamped to the table)
/// into `indices` and the stored integer it selects into `values`.
void decodeCodebookIndices(CodebookType cb, ArrayRef<int64_t> shape,
                           DenseIntElementsAttr raw,
                           SmallVectorImpl<int64_t> &indices,
                           SmallVectorImpl<int64_t> &values);

/// Number of i64 words that hold `channels` binary values (rule N1.5).
inline int64_t getNumBinaryWords(int64_t channels) {
  return channels / 64 + (channels % 64 != 0);
}

/// How constant integer weights split into bit planes for bit-serial
/// kernels: `bipolar` when every value is +1 or -1 (one plane b, w = 1 - 2b),
/// else the narrowest two's complement width `bits` that holds them all
/// (at least 1).
struct WeightPlanes {
  bool bipolar = false;
  int64_t bits = 0;
  int64_t count() const { return bipolar ? 1 : bits; }
};

inline WeightPlanes getWeightPlanes(ArrayRef<int64_t> values) {
  WeightPlanes p;
  p.bipolar = !values.empty() && llvm::all_of(values, [](int64_t v) {
    return v == 1 || v == -1;
  });
  if (p.bipolar)
    return p;
  int64_t lo = 0, hi = 0;
  for (int64_t v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  p.bits = 1;
  while (p.bits < 64 && (lo < -(int64_t{1} << (p.bits - 1)) ||
                         hi > (int64_t{1} << (p.bits - 1)) - 1))
    ++p.bits;
  return p;
}

} // namespace mlir::qnn

#endif // QNN_DIALECT_QNN_IR_QNN_H
