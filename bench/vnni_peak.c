// The machine's AVX-512 VNNI peak: a register-only loop of independent
// vpdpbusd instructions (no loads), single thread. Each vpdpbusd on zmm
// registers does 64 u8 x s8 multiply-adds = 128 integer ops.
// Prints the measured GOPS.
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  __m512i a = _mm512_set1_epi8(3), b = _mm512_set1_epi8(-2);
  __m512i c0 = _mm512_setzero_si512(), c1 = c0, c2 = c0, c3 = c0, c4 = c0,
          c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
  const long iters = 100000000;
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    double t0 = now();
    for (long i = 0; i < iters; ++i) {
      c0 = _mm512_dpbusd_epi32(c0, a, b);
      c1 = _mm512_dpbusd_epi32(c1, a, b);
      c2 = _mm512_dpbusd_epi32(c2, a, b);
      c3 = _mm512_dpbusd_epi32(c3, a, b);
      c4 = _mm512_dpbusd_epi32(c4, a, b);
      c5 = _mm512_dpbusd_epi32(c5, a, b);
      c6 = _mm512_dpbusd_epi32(c6, a, b);
      c7 = _mm512_dpbusd_epi32(c7, a, b);
      c8 = _mm512_dpbusd_epi32(c8, a, b);
      c9 = _mm512_dpbusd_epi32(c9, a, b);
      c10 = _mm512_dpbusd_epi32(c10, a, b);
      c11 = _mm512_dpbusd_epi32(c11, a, b);
      __asm__ volatile("" : "+v"(a), "+v"(b));
    }
    double t = now() - t0;
    double gops = 12.0 * 128.0 * iters / t / 1e9;
    if (gops > best)
      best = gops;
  }
  __m512i s = _mm512_add_epi32(_mm512_add_epi32(c0, c1), _mm512_add_epi32(c2, c3));
  s = _mm512_add_epi32(s, _mm512_add_epi32(_mm512_add_epi32(c4, c5), _mm512_add_epi32(c6, c7)));
  s = _mm512_add_epi32(s, _mm512_add_epi32(_mm512_add_epi32(c8, c9), _mm512_add_epi32(c10, c11)));
  printf("%.1f\n", best);
  return _mm512_reduce_add_epi32(s) == 42; // keep the results alive
}
