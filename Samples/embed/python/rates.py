#!/usr/bin/env python3
"""The Python host of the embedding samples (Samples/embed/README.md), through ctypes.

It passes the `cases` table in as JSON, registers `target(region)`, collects what the
program prints through an output callback, runs rates.gzq and prints that table, then a
line of its own from the program's JSON result.

    python3 Samples/embed/python/rates.py .build/debug/libgzqc.so
"""
import ctypes
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    {"region": "贵阳市", "concluded": 2412, "corrected": 301},
    {"region": "遵义市", "concluded": 1980, "corrected": 205},
    {"region": "毕节市", "concluded": 1630, "corrected": 126},
    {"region": "六盘水市", "concluded": 905, "corrected": 98},
    {"region": "安顺市", "concluded": 760, "corrected": 71},
]
TARGETS = {"贵阳市": 0.12, "遵义市": 0.10, "毕节市": 0.08, "六盘水市": 0.10, "安顺市": 0.10}

OUTPUT_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)
HOST_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


def load(path):
    """The library with every function's argument and result types declared (ctypes
    would otherwise truncate pointers to int)."""
    lib = ctypes.CDLL(path)
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures = {
        "gzq_new": (p, []),
        "gzq_free": (None, [p]),
        "gzq_eval": (i, [p, s, ctypes.POINTER(p)]),
        "gzq_set_global_json": (i, [p, s, s]),
        "gzq_set_output": (None, [p, OUTPUT_FN, p]),
        "gzq_register": (i, [p, s, i, HOST_FN, p]),
        "gzq_call_arg": (s, [p, i]),
        "gzq_call_return": (None, [p, s]),
        "gzq_call_error": (None, [p, s]),
        "gzq_last_error_text": (s, [p]),
        "gzq_string_free": (None, [p]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


def main():
    lib = load(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../.build/debug/libgzqc.so"))
    gzq = lib.gzq_new()

    printed = []

    @OUTPUT_FN
    def output(text, length, _user_data):
        printed.append(ctypes.string_at(text, length).decode("utf-8"))

    @HOST_FN
    def target(call, _user_data):
        region = json.loads(lib.gzq_call_arg(call, 0).decode("utf-8"))
        if region in TARGETS:
            lib.gzq_call_return(call, json.dumps(TARGETS[region]).encode("utf-8"))
        else:
            lib.gzq_call_error(call, f"no target for {region}".encode("utf-8"))

    def check(status):
        if status != 0:
            sys.stderr.write(lib.gzq_last_error_text(gzq).decode("utf-8"))
            sys.exit(1)

    lib.gzq_set_output(gzq, output, None)
    check(lib.gzq_set_global_json(gzq, b"cases", json.dumps(CASES, ensure_ascii=False).encode("utf-8")))
    check(lib.gzq_register(gzq, b"target", 1, target, None))
    with open(os.path.join(HERE, "..", "rates.gzq"), encoding="utf-8") as f:
        program = f.read()
    result = ctypes.c_void_p()
    check(lib.gzq_eval(gzq, program.encode("utf-8"), ctypes.byref(result)))
    meeting = json.loads(ctypes.string_at(result.value).decode("utf-8"))
    lib.gzq_string_free(result)

    sys.stdout.write("".join(printed))
    print(f"prefectures within their target: {meeting} of {len(TARGETS)}")
    lib.gzq_free(gzq)


if __name__ == "__main__":
    main()
