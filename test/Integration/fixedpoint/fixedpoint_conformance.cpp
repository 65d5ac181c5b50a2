// Checks qnn's compiled fixed-point arithmetic against gemmlowp's
// fixedpoint.h (Debian's libgemmlowp-dev), on the test values of gemmlowp's
// own test_fixedpoint.cc (MakeTestVals: powers of two +-2, the int32
// limits, 1000 values from std::mt19937 with a default seed) for
// SaturatingRoundingDoublingHighMul (every pair, as test_mul does) and
// RoundingDivideByPOT (every exponent 0..31, as RunTests does), plus
// MultiplyByQuantizedMultiplier against TFLite's formula built from the
// same two gemmlowp functions.
//
// Usage: fixedpoint_conformance <library.so>; prints counts, exits 1 on any
// mismatch.

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include <dlfcn.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

using Fn2 = int32_t (*)(int32_t, int32_t);
using Fn4 = int32_t (*)(int32_t, int32_t, int32_t, int32_t);

static std::vector<int32_t> makeTestVals() {
  std::vector<int32_t> v;
  for (int i = 0; i < 31; i++) {
    for (int d = -2; d <= 2; ++d)
      v.push_back((1 << i) + d);
    for (int d = -2; d <= 2; ++d)
      v.push_back(-(1 << i) + d);
  }
  v.push_back(std::numeric_limits<int32_t>::min());
  v.push_back(std::numeric_limits<int32_t>::min() + 1);
  v.push_back(std::numeric_limits<int32_t>::min() + 2);
  v.push_back(std::numeric_limits<int32_t>::max() - 2);
  v.push_back(std::numeric_limits<int32_t>::max() - 1);
  v.push_back(std::numeric_limits<int32_t>::max());
  std::mt19937 engine;
  std::uniform_int_distribution<int32_t> dist(
      std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max());
  for (int i = 0; i < 1000; i++)
    v.push_back(dist(engine));
  std::sort(v.begin(), v.end());
  return v;
}

// TFLite's MultiplyByQuantizedMultiplier with qnn's saturating pre-shift
// (docs/numerics.md rule N5), from gemmlowp's primitives.
static int32_t referenceMbqm(int32_t x, int32_t m, int32_t left,
                             int32_t right) {
  int64_t shifted = static_cast<int64_t>(x) * (int64_t{1} << left);
  shifted = std::min<int64_t>(std::max<int64_t>(shifted, INT32_MIN), INT32_MAX);
  return gemmlowp::RoundingDivideByPOT(
      gemmlowp::SaturatingRoundingDoublingHighMul(static_cast<int32_t>(shifted),
                                                  m),
      right);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <library.so>\n", argv[0]);
    return 2;
  }
  void *lib = dlopen(argv[1], RTLD_NOW);
  if (!lib) {
    std::fprintf(stderr, "dlopen: %s\n", dlerror());
    return 2;
  }
  auto srdhm = reinterpret_cast<Fn2>(dlsym(lib, "srdhm"));
  auto rdbpot = reinterpret_cast<Fn2>(dlsym(lib, "rdbpot"));
  auto mbqm = reinterpret_cast<Fn4>(dlsym(lib, "mbqm"));
  if (!srdhm || !rdbpot || !mbqm) {
    std::fprintf(stderr, "missing symbol in %s\n", argv[1]);
    return 2;
  }
  std::vector<int32_t> vals = makeTestVals();
  long checked = 0, bad = 0;
  auto report = [&](const char *what, long a, long b, long got, long want) {
    if (++bad <= 10)
      std::fprintf(stderr, "%s(%ld, %ld) = %ld, gemmlowp gives %ld\n", what, a,
                   b, got, want);
  };

  for (int32_t a : vals)
    for (int32_t b : vals) {
      int32_t want = gemmlowp::SaturatingRoundingDoublingHighMul(a, b);
      int32_t got = srdhm(a, b);
      ++checked;
      if (got != want)
        report("SaturatingRoundingDoublingHighMul", a, b, got, want);
    }
  long srdhmChecked = checked;

  for (int e = 0; e <= 31; ++e)
    for (int32_t x : vals) {
      int32_t want = gemmlowp::RoundingDivideByPOT(x, e);
      int32_t got = rdbpot(x, e);
      ++checked;
      if (got != want)
        report("RoundingDivideByPOT", x, e, got, want);
    }
  long rdbpotChecked = checked - srdhmChecked;

  // Multipliers in [2^30, 2^31) as QuantizeMultiplier produces them, with
  // every shift the lowering can emit (left 0..30, right 0..31).
  std::mt19937 engine(7);
  std::uniform_int_distribution<int32_t> mdist(1 << 30, INT32_MAX);
  for (int shift = -31; shift <= 30; ++shift)
    for (int i = 0; i < 40; ++i) {
      int32_t m = mdist(engine);
      int32_t left = std::max(shift, 0), right = std::max(-shift, 0);
      for (size_t k = 0; k < vals.size(); k += 7) {
        int32_t x = vals[k];
        int32_t want = referenceMbqm(x, m, left, right);
        int32_t got = mbqm(x, m, left, right);
        ++checked;
        if (got != want)
          report("MultiplyByQuantizedMultiplier", x, m, got, want);
      }
    }
  long mbqmChecked = checked - srdhmChecked - rdbpotChecked;

  std::printf("SaturatingRoundingDoublingHighMul: %ld cases\n", srdhmChecked);
  std::printf("RoundingDivideByPOT: %ld cases\n", rdbpotChecked);
  std::printf("MultiplyByQuantizedMultiplier: %ld cases\n", mbqmChecked);
  std::printf("%ld mismatches\n", bad);
  return bad == 0 ? 0 : 1;
}
