/* A function that breaks the C ABI's read-only inputs, for the %call check
   in test/Transforms/readonly-arguments.mlir. */
void poke(float *x, float *y) {
  x[0] = 1.0f;
  y[0] = 2.0f;
}
