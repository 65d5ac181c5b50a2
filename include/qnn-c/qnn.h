/*===- qnn.h - C API of the qnn compiler -----------------------*- C -*-===*\
 *
 * Compiles qnn / TOSA MLIR into object files or shared libraries in this
 * process, as `qnn-compile` does (docs/abi.md describes the libraries'
 * own C ABI). Link against libQNNCAPI.so.
 *
 *   char *error = NULL;
 *   if (qnnCompileString(text, strlen(text), "model.so",
 *                        "kernels=auto threads=2", &error) != 0) {
 *     fprintf(stderr, "%s", error);
 *     qnnFreeString(error);
 *   }
 *
\*===----------------------------------------------------------------------===*/
#ifndef QNN_C_QNN_H
#define QNN_C_QNN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The options string: space-separated key=value pairs, every key optional:
 *   kernels=auto|reference     (default reference, as qnn-compile)
 *   threads=N                  (N > 1 needs kernels=auto; links libomp)
 *   requant-mode=fixed-point|float
 *   emit=obj|shared|asm|llvm|mlir (default: from the output's suffix)
 *   mcpu=CPU mattr=+f,-g mtriple=TRIPLE opt=0..3 linker=DRIVER
 *   calibration=0|1
 *   kernel-report=PATH         (the kernel of each op, JSON; docs/abi.md)
 *   pack-narrow-weights=0|1    (default 1: 2-4-bit weights stay packed)
 * An unknown key or a bad value is an error. */

/* Compiles the MLIR module `text` (`length` bytes; its name in diagnostics
 * is "<input>") into `output_path`. Returns 0 on success. On failure returns
 * nonzero, writes nothing, and, when `error` is not NULL, sets *error to a
 * malloc'ed message with every diagnostic (free it with qnnFreeString). */
int qnnCompileString(const char *text, size_t length, const char *output_path,
                     const char *options, char **error);

/* The same for the module in the file `input_path`. */
int qnnCompileFile(const char *input_path, const char *output_path,
                   const char *options, char **error);

/* Frees a message returned through `error`. */
void qnnFreeString(char *message);

/* The library's version, e.g. "0.4.0 (LLVM 22.1.8)". */
const char *qnnVersion(void);

#ifdef __cplusplus
}
#endif

#endif /* QNN_C_QNN_H */
