/*===- qnn-c/calibration.h - the calibration runtime ----------------------===*
 *
 * A model compiled with observers (qnn-insert-calibration, then qnn-compile
 * --calibration) calls qnn_observe for every observed activation each
 * time it runs. This library (libQNNCalibration.so) accumulates, per
 * observer id: the minimum and maximum, their moving averages over calls
 * (one call = one batch), and a 2048-bin histogram whose range grows with
 * the data (docs/calibration.md). Load it before the model
 * (RTLD_GLOBAL), run the calibration set, then read the statistics.
 * Not thread-safe: run calibration on one thread.
 *
 *===----------------------------------------------------------------------===*/
#ifndef QNN_C_CALIBRATION_H
#define QNN_C_CALIBRATION_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define QNN_CALIB_BINS 2048

typedef struct {
  int64_t id;
  int64_t calls;     /* batches observed */
  int64_t count;     /* finite values observed */
  int64_t nonfinite; /* NaN and infinite values seen (not counted) */
  double min, max;   /* over every finite value */
  double avg_min, avg_max; /* moving averages of the per-call min / max */
  double hist_lo;    /* the histogram covers [hist_lo, hist_lo + bins * width) */
  double hist_width; /* width of one bin; 0 until a call has a nonzero range */
  int64_t hist[QNN_CALIB_BINS];
} qnn_calib_stats;

/* Called by compiled code: `n` contiguous f32 values of observer `id`. */
void qnn_observe(int64_t id, const float *data, int64_t n);

/* Forgets everything observed. */
void qnn_calib_reset(void);

/* Sets the moving-average constant c (default 0.01):
 * avg = avg + c * (batch value - avg), the first call initializes. */
void qnn_calib_set_averaging(double c);

/* The number of observers seen (or set up by qnn_calib_set_channels), and
 * their ids in that order. */
int64_t qnn_calib_num_observers(void);
int64_t qnn_calib_observer_id(int64_t index);

/* Copies the statistics of observer `id` to *out; returns 0, or -1 when
 * the id was never observed. */
int qnn_calib_get(int64_t id, qnn_calib_stats *out);

/* Asks for the per-channel means of observer `id`, whose values have
 * `channels` channels as their innermost dimension (value i is in channel
 * i % channels). Call before the observer's first call; qnn_calib_reset
 * forgets it. Returns 0, or -1 when channels < 1 or the observer was
 * already called. */
int qnn_calib_set_channels(int64_t id, int64_t channels);

/* Copies the mean of each of the `channels` channels of observer `id`
 * (over its finite values) to out[0 .. channels); returns 0, or -1 when
 * the id was never observed or was not set up with that many channels. */
int qnn_calib_channel_means(int64_t id, double *out, int64_t channels);

#ifdef __cplusplus
}
#endif

#endif /* QNN_C_CALIBRATION_H */
