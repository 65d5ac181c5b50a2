//===- ParserGuard.h - reject inputs that crash MLIR 22's parser -*- C++
//-*-===//
//
// MLIR 22's parser crashes (null dereference in parseDenseArrayAttr) on a
// dense array of `index` elements, `array<index: ...>`. qnn's tools promise
// never to crash on any input, so they scan their input for the construct
// before parsing and report it as an error instead.
//
//===----------------------------------------------------------------------===//
#ifndef QNN_TOOLS_PARSERGUARD_H
#define QNN_TOOLS_PARSERGUARD_H

#include "llvm/ADT/StringRef.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace qnn {

/// Returns true (after printing `file:line:col: error: ...` to `os`, the
/// file being the buffer's name) when `buffer`
/// holds a construct known to crash the upstream parser.
inline bool hasKnownParserCrash(const llvm::MemoryBuffer &buffer,
                                llvm::raw_ostream &os = llvm::errs()) {
  llvm::StringRef text = buffer.getBuffer();
  // The element type may be spelled `index` or through a type alias of it.
  std::string types = "index";
  llvm::Regex alias(
      "(^|\n)[[:space:]]*!([A-Za-z0-9_$.]+)[[:space:]]*=[[:space:]]*"
      "index([^A-Za-z0-9_$.]|$)");
  llvm::StringRef rest = text;
  llvm::SmallVector<llvm::StringRef> match;
  while (alias.match(rest, &match)) {
    types += "|!" + llvm::Regex::escape(match[2]);
    rest = rest.drop_front(match[0].data() - rest.data() + match[0].size());
  }
  llvm::Regex indexArray("array[[:space:]]*<[[:space:]]*(" + types +
                         ")([^A-Za-z0-9_$.]|$)");
  if (!indexArray.match(text, &match))
    return false;
  size_t offset = match[0].data() - text.data();
  llvm::StringRef before = text.take_front(offset);
  size_t line = before.count('\n') + 1;
  size_t lineStart = before.rfind('\n');
  size_t col =
      offset - (lineStart == llvm::StringRef::npos ? 0 : lineStart + 1) + 1;
  os << buffer.getBufferIdentifier() << ":" << line << ":" << col << ": ";
  llvm::WithColor::error(os)
      << "dense arrays of 'index' are not supported (MLIR 22's parser "
         "cannot read them); use array<i64: ...>\n";
  return true;
}

} // namespace qnn

#endif // QNN_TOOLS_PARSERGUARD_H
