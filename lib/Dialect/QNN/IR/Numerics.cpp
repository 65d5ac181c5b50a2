//===- Numerics.cpp - compile-time numerics of docs/numerics.md -----------===//

#include "qnn/Dialect/QNN/IR/Numerics.h"

#include <cmath>

using namespace mlir;
using namespace mlir::qnn;

FailureOr<FixedPointMultiplier> mlir::qnn::quantizeMultiplier(double m) {
  FixedPointMultiplier r;
  if (m == 0.0)
    return r;
  int exp = 0;
  double frac = std::frexp(m, &exp);
  // Round half away from zero, as std::round does.
  int64_t q = static_cast<int64_t>(std::round(frac * (1ll << 31)));
  if (q == (1ll << 31)) {
    q /= 2;
    ++exp;
  }
  if (exp < -31)
    return r; // flushes to zero (rule N4)
  if (exp > 30)
    return failure();
  r.multiplier = static_cast<int32_t>(q);
  r.shift = exp;
  return r;
}
