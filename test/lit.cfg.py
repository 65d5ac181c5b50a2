# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "QNN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.qnn_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Integration", "python", "Inputs"]

config.substitutions.append(("%PATH%", config.environment["PATH"]))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

# `not`, FileCheck and count come from LLVM's tools directory.
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.qnn_tools_dir, append_path=True)

tool_dirs = [config.qnn_tools_dir, config.llvm_tools_dir]
tools = ["qnn-opt", "qnn-compile", "qnn-embed"]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Tests that run AVX2 or AVX-512 code need a host that has it.
try:
    with open("/proc/cpuinfo") as _cpuinfo:
        _flags = _cpuinfo.read()
        if " avx2 " in _flags:
            config.available_features.add("avx2")
        if " avx512bw " in _flags:
            config.available_features.add("avx512bw")
        if "avx512_vnni" in _flags:
            config.available_features.add("avx512vnni")
        if "avx512vbmi" in _flags:
            config.available_features.add("avx512vbmi")
except OSError:
    pass

# `%call LIB FUNC ARG...` calls a compiled function through the C ABI of
# docs/abi.md (test/Execution/Inputs/call.py, ctypes only) with the project's
# virtual environment when there is one, else with the Python running lit.
import sys

_venv_python = os.path.join(config.qnn_src_root, ".venv", "bin", "python")
_python = _venv_python if os.access(_venv_python, os.X_OK) else sys.executable
_call = os.path.join(config.qnn_src_root, "test", "Execution", "Inputs", "call.py")
# Sanitizer runs (scripts/test.sh --sanitize) set the sanitizers' options and
# QNN_ASAN_RUNTIME: the options reach every test, and %call, a Python process
# that may load an instrumented library (libQNNCalibration.so), preloads the
# shared ASan runtime and leaves leak checking to the tools.
llvm_config.with_system_environment(["ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"])
_asan = os.environ.get("QNN_ASAN_RUNTIME")
_prefix = ('env LD_PRELOAD="%s" ASAN_OPTIONS="%s:detect_leaks=0" '
           % (_asan, os.environ.get("ASAN_OPTIONS", "")) if _asan else "")
config.substitutions.append(("%call", '%s"%s" "%s"' % (_prefix, _python, _call)))
# `%python SCRIPT ARG...`: the same Python, for helper scripts that write
# test inputs (binary files).
config.substitutions.append(("%python", '"%s"' % _python))
