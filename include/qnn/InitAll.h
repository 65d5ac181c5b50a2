//===- InitAll.h - register qnn and the upstream pieces it uses -*- C++ -*-===//
//
// For tools and embedders: one call registers every dialect (qnn and
// upstream) and one registers every pass and pipeline qnn-opt offers.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_INITALL_H
#define QNN_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace qnn {

/// Registers the qnn dialect, all upstream dialects and their extensions.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Registers qnn's passes and named pipelines and all upstream passes.
void registerAllPasses();

} // namespace qnn

#endif // QNN_INITALL_H
