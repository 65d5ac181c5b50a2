// The machine's AVX2 int8 multiply-add peak without VNNI: a register-only
// loop of independent vpmaddwd instructions on ymm registers (no loads),
// single thread. Each does 16 i16 x i16 multiply-adds = 32 integer ops; the
// dot4 kernel needs one such multiply per 16 u8 x s8 products (vpmaddwd on
// widened operands, or vpmaddubsw + vpmaddwd per 32). Prints the GOPS.
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  __m256i b = _mm256_set1_epi16(-2);
  __m256i x0 = _mm256_set1_epi16(1), x1 = _mm256_set1_epi16(2),
          x2 = _mm256_set1_epi16(3), x3 = _mm256_set1_epi16(4),
          x4 = _mm256_set1_epi16(5), x5 = _mm256_set1_epi16(6),
          x6 = _mm256_set1_epi16(7), x7 = _mm256_set1_epi16(8);
  __m256i c0 = _mm256_setzero_si256(), c1 = c0, c2 = c0, c3 = c0, c4 = c0,
          c5 = c0, c6 = c0, c7 = c0;
  const long iters = 50000000;
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    double t0 = now();
    for (long i = 0; i < iters; ++i) {
      // Eight independent multiplies; the empty asm makes the operands
      // unknown each iteration so that nothing is hoisted or merged.
      __asm__ volatile("" : "+x"(x0), "+x"(x1), "+x"(x2), "+x"(x3), "+x"(x4),
                       "+x"(x5), "+x"(x6), "+x"(x7));
      c0 = _mm256_madd_epi16(x0, b);
      c1 = _mm256_madd_epi16(x1, b);
      c2 = _mm256_madd_epi16(x2, b);
      c3 = _mm256_madd_epi16(x3, b);
      c4 = _mm256_madd_epi16(x4, b);
      c5 = _mm256_madd_epi16(x5, b);
      c6 = _mm256_madd_epi16(x6, b);
      c7 = _mm256_madd_epi16(x7, b);
      __asm__ volatile("" : "+x"(c0), "+x"(c1), "+x"(c2), "+x"(c3), "+x"(c4),
                       "+x"(c5), "+x"(c6), "+x"(c7));
    }
    double t = now() - t0;
    double gops = 8.0 * 32.0 * iters / t / 1e9;
    if (gops > best)
      best = gops;
  }
  __m256i s = _mm256_add_epi32(_mm256_add_epi32(c0, c1), _mm256_add_epi32(c2, c3));
  s = _mm256_add_epi32(s, _mm256_add_epi32(_mm256_add_epi32(c4, c5), _mm256_add_epi32(c6, c7)));
  printf("%.1f\n", best);
  return _mm256_extract_epi32(s, 0) == 42; // keep the results alive
}
