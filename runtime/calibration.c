/*===- calibration.c - the calibration runtime ----------------------------===*
 *
 * Statistics of observed activations (include/qnn-c/calibration.h).
 *
 * Histogram with a growing range: the first call with a nonzero range
 * spreads its [min, max] over the bins. When a later call falls outside
 * the covered range, the bin width is multiplied by the smallest power of
 * two k for which a range, aligned to the old bin edges, covers both; old
 * bins then merge k at a time into new ones exactly (no value changes
 * bin by more than the rounding of its own position), as in the
 * histogram collectors of TensorRT-style calibrators.
 *
 *===----------------------------------------------------------------------===*/
#include "qnn-c/calibration.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  qnn_calib_stats s;
  int64_t pending;      /* values seen before the histogram started ... */
  double pending_value; /* ... all equal to this one */
  int64_t channels;     /* > 0: per-channel sums are kept */
  double *channel_sum;
  int64_t *channel_count;
} observer;

static observer *observers = NULL;
static int64_t num_observers = 0, capacity = 0;
static double averaging = 0.01;

static observer *find(int64_t id, int create) {
  for (int64_t i = 0; i < num_observers; ++i)
    if (observers[i].s.id == id)
      return &observers[i];
  if (!create)
    return NULL;
  if (num_observers == capacity) {
    int64_t grown = capacity ? 2 * capacity : 16;
    observer *more = realloc(observers, (size_t)grown * sizeof(observer));
    if (!more)
      abort();
    observers = more;
    capacity = grown;
  }
  observer *o = &observers[num_observers++];
  memset(o, 0, sizeof(*o));
  o->s.id = id;
  return o;
}

static int64_t bin_of(const qnn_calib_stats *s, double v) {
  int64_t b = (int64_t)floor((v - s->hist_lo) / s->hist_width);
  if (b < 0)
    b = 0;
  if (b >= QNN_CALIB_BINS)
    b = QNN_CALIB_BINS - 1;
  return b;
}

/* Grows the histogram until it covers [lo, hi]. */
static void grow(qnn_calib_stats *s, double lo, double hi) {
  double top = s->hist_lo + QNN_CALIB_BINS * s->hist_width;
  if (lo >= s->hist_lo && hi <= top)
    return; /* a value at the top edge counts in the last bin */
  /* The new range starts j old bins below the old start and has k times
   * the bin width; old bin i goes to new bin floor((i + j) / k). Both are
   * whole numbers held in doubles (a wild value needs a huge k). */
  for (double k = 2;; k *= 2) {
    double w = s->hist_width * k;
    double below = lo < s->hist_lo ? ceil((s->hist_lo - lo) / s->hist_width) : 0;
    double j = ceil(below / k) * k;
    double nlo = s->hist_lo - j * s->hist_width;
    if (nlo <= lo && hi <= nlo + QNN_CALIB_BINS * w) {
      int64_t merged[QNN_CALIB_BINS];
      memset(merged, 0, sizeof(merged));
      for (int64_t i = 0; i < QNN_CALIB_BINS; ++i) {
        int64_t b = (int64_t)floor(((double)i + j) / k);
        merged[b < QNN_CALIB_BINS ? b : QNN_CALIB_BINS - 1] += s->hist[i];
      }
      memcpy(s->hist, merged, sizeof(merged));
      s->hist_lo = nlo;
      s->hist_width = w;
      return;
    }
  }
}

void qnn_observe(int64_t id, const float *data, int64_t n) {
  observer *o = find(id, 1);
  qnn_calib_stats *s = &o->s;
  double lo = INFINITY, hi = -INFINITY;
  int64_t finite = 0;
  for (int64_t i = 0; i < n; ++i) {
    double v = data[i];
    if (!isfinite(v)) {
      s->nonfinite++;
      continue;
    }
    finite++;
    if (o->channels) {
      o->channel_sum[i % o->channels] += v;
      o->channel_count[i % o->channels]++;
    }
    if (v < lo)
      lo = v;
    if (v > hi)
      hi = v;
  }
  s->calls++;
  if (!finite)
    return;
  if (s->count == 0) {
    s->min = lo;
    s->max = hi;
    s->avg_min = lo;
    s->avg_max = hi;
  } else {
    if (lo < s->min)
      s->min = lo;
    if (hi > s->max)
      s->max = hi;
    s->avg_min += averaging * (lo - s->avg_min);
    s->avg_max += averaging * (hi - s->avg_max);
  }
  s->count += finite;
  if (s->hist_width == 0) {
    if (s->min == s->max) {
      /* Every value so far is the same: the histogram starts with the
       * first call that widens the range. */
      o->pending += finite;
      o->pending_value = lo;
      return;
    }
    s->hist_lo = s->min;
    s->hist_width = (s->max - s->min) / QNN_CALIB_BINS;
    if (o->pending)
      s->hist[bin_of(s, o->pending_value)] += o->pending;
  }
  grow(s, lo, hi);
  for (int64_t i = 0; i < n; ++i) {
    double v = data[i];
    if (isfinite(v))
      s->hist[bin_of(s, v)]++;
  }
}

void qnn_calib_reset(void) {
  for (int64_t i = 0; i < num_observers; ++i) {
    free(observers[i].channel_sum);
    free(observers[i].channel_count);
  }
  free(observers);
  observers = NULL;
  num_observers = capacity = 0;
}

void qnn_calib_set_averaging(double c) { averaging = c; }

int64_t qnn_calib_num_observers(void) { return num_observers; }

int64_t qnn_calib_observer_id(int64_t index) {
  return index >= 0 && index < num_observers ? observers[index].s.id : -1;
}

int qnn_calib_get(int64_t id, qnn_calib_stats *out) {
  observer *o = find(id, 0);
  if (!o || !o->s.calls)
    return -1;
  *out = o->s;
  return 0;
}

int qnn_calib_set_channels(int64_t id, int64_t channels) {
  if (channels < 1)
    return -1;
  observer *o = find(id, 0);
  if (o && o->s.calls)
    return -1;
  if (!o)
    o = find(id, 1);
  free(o->channel_sum);
  free(o->channel_count);
  o->channel_sum = calloc((size_t)channels, sizeof(double));
  o->channel_count = calloc((size_t)channels, sizeof(int64_t));
  if (!o->channel_sum || !o->channel_count)
    abort();
  o->channels = channels;
  return 0;
}

int qnn_calib_channel_means(int64_t id, double *out, int64_t channels) {
  observer *o = find(id, 0);
  if (!o || !o->s.calls || o->channels != channels)
    return -1;
  for (int64_t c = 0; c < channels; ++c)
    out[c] = o->channel_count[c] ? o->channel_sum[c] / (double)o->channel_count[c] : 0.0;
  return 0;
}
