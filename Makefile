# gzq — build, demo and test entry points. `make demo` and `make test` are the
# two set-up commands of the README; both work on a fresh machine.

SWIFT ?= swift
GZQ_DEBUG = .build/debug/gzq

.PHONY: all build release demo test deps test-deps clean embed-samples docs stdlib render-check pg-shell

all: build

# What building needs: GNU readline headers for the REPL and zlib headers for .xlsx (installed
# only when missing). What only the tests need is in test-deps.
deps:
	@if [ ! -f /usr/include/readline/readline.h ]; then \
		echo "installing libreadline-dev"; \
		(apt-get update -qq && apt-get install -y -qq libreadline-dev) >/dev/null || \
		{ echo "could not install libreadline-dev (need root)"; exit 1; }; \
	fi
	@# zlib headers for the .xlsx ZIP layer (the CZlib system library).
	@if [ ! -f /usr/include/zlib.h ]; then \
		echo "installing zlib1g-dev"; \
		(apt-get update -qq && apt-get install -y -qq zlib1g-dev) >/dev/null || \
		{ echo "could not install zlib1g-dev (need root)"; exit 1; }; \
	fi
	@# SQLite headers for sqlite(path) (the CSQLite system library).
	@if [ ! -f /usr/include/sqlite3.h ]; then \
		echo "installing libsqlite3-dev"; \
		(apt-get update -qq && apt-get install -y -qq libsqlite3-dev) >/dev/null || \
		{ echo "could not install libsqlite3-dev (need root)"; exit 1; }; \
	fi
	@# libpq headers for postgres(url) (the CPostgres system library).
	@if [ ! -f /usr/include/postgresql/libpq-fe.h ]; then \
		echo "installing libpq-dev"; \
		(apt-get update -qq && apt-get install -y -qq libpq-dev) >/dev/null || \
		{ echo "could not install libpq-dev (need root)"; exit 1; }; \
	fi
# The real clients and tools of the tests, installed when missing; a failed install stops here,
# since the tests that need them would fail (they never skip).
test-deps:
	@# openpyxl is the real client of the xlsx tests (OfficeClientTests); they fail without it.
	@if ! python3 -c "import openpyxl" >/dev/null 2>&1; then \
		echo "installing openpyxl"; \
		python3 -m pip install -q openpyxl >/dev/null 2>&1 || \
		python3 -m pip install -q --break-system-packages openpyxl >/dev/null 2>&1 || \
		{ echo "could not install openpyxl with pip: the xlsx client tests need it"; exit 1; }; \
	fi
	@# tmux drives the REPL end-to-end tests; without it they fail, so a missing tmux stops here.
	@if ! command -v tmux >/dev/null 2>&1; then \
		echo "installing tmux"; \
		(apt-get update -qq && apt-get install -y -qq tmux) >/dev/null 2>&1 || \
		{ echo "could not install tmux (need root): the REPL end-to-end tests cannot run"; exit 1; }; \
	fi
	@# DuckDB's Python package is the reference of DuckDBComparisonTests (report-table stages);
	@# that test fails without it, so a failed install stops here.
	@if ! python3 -c "import duckdb" >/dev/null 2>&1; then \
		echo "installing the duckdb Python package"; \
		python3 -m pip install -q duckdb >/dev/null 2>&1 || \
		{ echo "could not install duckdb (python3 -m pip install duckdb)"; exit 1; }; \
	fi
	@# A PostgreSQL server for the PostgreSQL tests (Tests/pg/cluster.sh starts a throwaway one).
	@Tests/pg/cluster.sh install

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# A real sample end to end: read the cases CSV, filter, group, derive rates, pivot, sort, print.
demo: build
	$(GZQ_DEBUG) Samples/correction_rate_fall.gzq
	$(GZQ_DEBUG) Samples/report.gzq .build/report.html

# Unit tests, the conformance suite and black-box runs of the built binary.
# The tests run beside a throwaway PostgreSQL server (GZQ_TEST_PG), stopped even when they fail.
test: build test-deps embed-samples render-check
	Tests/pg/cluster.sh run $(SWIFT) test

# psql on a throwaway PostgreSQL server of its own (removed when psql exits).
pg-shell:
	Tests/pg/cluster.sh run psql

# Charts and the HTML report rendered for real (Tests/render/check_rendering.py): xmllint,
# rsvg-convert, headless Chromium, a CJK font and DejaVu (the no-CJK control) are installed when
# missing; without them (no root) the target fails, it never skips.
render-check: build
	@missing=""; \
	command -v xmllint >/dev/null 2>&1 || missing="$$missing libxml2-utils"; \
	command -v rsvg-convert >/dev/null 2>&1 || missing="$$missing librsvg2-bin"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q . || missing="$$missing fonts-wqy-microhei"; \
	[ -d /usr/share/fonts/truetype/dejavu ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		(apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing) >/dev/null || \
		{ echo "could not install$$missing (need root): the rendering checks cannot run"; exit 1; }; \
	fi
	python3 Tests/render/check_rendering.py $(GZQ_DEBUG) .build/render

# The embedding samples (Samples/embed): the Swift, C (gcc) and Python (ctypes) hosts each
# print the rate table of rates.gzq, compared with Samples/embed/expected.txt.
# EMBED_BIN is the folder holding libgzqc.so and EmbedSwiftSample (both built by `swift build`).
EMBED_BIN ?= .build/debug
EMBED_LIB = $(abspath $(EMBED_BIN))
embed-samples: build
	@mkdir -p .build/embed
	gcc -std=c11 -Wall -Wextra -Werror -ISources/GZQC/include Samples/embed/c/rates.c \
		-L$(EMBED_LIB) -lgzqc -Wl,-rpath,$(EMBED_LIB) -o .build/embed/rates
	.build/embed/rates Samples/embed/rates.gzq | diff -u Samples/embed/expected.txt -
	python3 Samples/embed/python/rates.py $(EMBED_LIB)/libgzqc.so | diff -u Samples/embed/expected.txt -
	$(EMBED_BIN)/EmbedSwiftSample Samples/embed/rates.gzq | diff -u Samples/embed/expected.txt -
	@echo "embed-samples: C, Python and Swift hosts print the expected table"

# docs/STDLIB.md from Interpreter.functionDocs, every example run for real (StdlibDocsTests
# fails when the committed file is stale; this target rewrites it).
docs:
	GZQ_UPDATE_DOCS=1 $(SWIFT) test --filter "StdlibDocsTests|DocsExamplesTests|DiagnosticCatalogueTests"

# Embeds Stdlib/*.gzq into Sources/GZQ/Stdlib/StdlibSources.swift (run after editing Stdlib/).
stdlib:
	python3 docs/tools/gen_stdlib.py

clean:
	rm -rf .build

# ---- Hostile input (docs/RELIABILITY.md) -------------------------------------------------
# `make fuzz` builds the libFuzzer targets of the separate package Fuzz/ (release, with
# AddressSanitizer; docs/BUILDING.md §3), seeds their corpora (Fuzz/seed.sh) and runs each target for
# FUZZ_SECONDS. A crash, hang (-timeout), out-of-memory, sanitizer report or engine difference
# stops the run: the input is saved as Fuzz/artifacts/<target>-crash-… (or -timeout-, -oom-),
# the log is Fuzz/artifacts/<target>.log. Reproduce with the binary and the file:
#     SWIFT_BACKTRACE=enable=no .build-fuzz/release/FuzzParse Fuzz/artifacts/FuzzParse-crash-…
# Leak checking is off for FuzzInterpreter and FuzzParity: LeakSanitizer cannot see pointers
# Swift keeps in enum payloads (false reports), and closures that capture their own frame
# are reference cycles by design (docs/RELIABILITY.md).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzParse FuzzInterpreter FuzzCSV FuzzParity FuzzXLSX
FUZZ_BIN = .build-fuzz/release

.PHONY: fuzz fuzz-build asan tsan

fuzz-build:
	@mkdir -p .build-fuzz
	@cd Fuzz && { $(SWIFT) build --scratch-path ../.build-fuzz -c release --sanitize=fuzzer \
		-Xswiftc -sanitize=fuzzer,address 2>&1; echo $$? > ../.build-fuzz/status; } | grep -v 'Cannot export local symbol'; \
		exit $$(cat ../.build-fuzz/status)

fuzz: fuzz-build
	@Fuzz/seed.sh
	@mkdir -p Fuzz/artifacts
	@for t in $(FUZZ_TARGETS); do \
		case $$t in \
			FuzzParse|FuzzInterpreter) opts="-max_len=8192 -dict=Fuzz/gzq.dict" ;; \
			FuzzCSV) opts="-max_len=16384" ;; \
			FuzzXLSX) opts="-max_len=65536" ;; \
			*) opts="-max_len=512" ;; \
		esac; \
		case $$t in FuzzInterpreter|FuzzParity) leaks=0 ;; *) leaks=1 ;; esac; \
		echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
		if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=$$leaks $(FUZZ_BIN)/$$t \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -detect_leaks=$$leaks \
			-print_final_stats=1 -artifact_prefix=Fuzz/artifacts/$$t- $$opts Fuzz/corpus/$$t \
			> Fuzz/artifacts/$$t.log 2>&1; then \
			grep -v 'Cannot export' Fuzz/artifacts/$$t.log | tail -60; \
			echo "fuzz: $$t FAILED (log: Fuzz/artifacts/$$t.log)"; exit 1; \
		fi; \
		grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' Fuzz/artifacts/$$t.log | tail -1; \
		grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' Fuzz/artifacts/$$t.log | tr '\n' ' '; echo; \
	done; echo "fuzz: every target ran $(FUZZ_SECONDS) s without a finding"

# The whole test suite under AddressSanitizer, in its own scratch path (docs/BUILDING.md §3.3). Leak
# checking is off (LeakSanitizer misreads Swift enum payloads and Foundation's buffers as leaks).
# CAPITests are skipped: gcc and python3 hosts cannot load an ASan-built libgzqc.so without the
# ASan runtime; the code behind the C API is the same the other tests run. `build` provides
# .build/debug/gzq for the REPL end-to-end test.
# detect_stack_use_after_return=0: ASan's fake stack moves locals to the heap, and the stack
# guard (the address of a local against the executor's limit) then misjudges the depth.
asan: build
	SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=0 $(SWIFT) test --sanitize=address \
		--scratch-path .build-asan --skip CAPITests

# The tests that use threads (interrupts from another thread, calls from several threads into
# the executor) under ThreadSanitizer.
tsan: build
	SWIFT_BACKTRACE=enable=no $(SWIFT) test --sanitize=thread --scratch-path .build-tsan \
		--filter 'Interrupt|SeveralThreads|Executor|Thread'

# ---- Test selections (Tests/README.md) ---------------------------------------------------
# `make conformance FILE=tables/where/` runs the conformance files whose path under
# Tests/conformance contains FILE (all of them without FILE), under both engines.
# `make golden` rewrites Tests/golden/bytecode/*.txt from the vector compiler's current output
# (after an intended compiler change; review with `git diff Tests/golden`).
.PHONY: conformance golden

conformance: build
	GZQ_CONFORMANCE="$(FILE)" $(SWIFT) test --filter ConformanceTests

golden: build
	GZQ_UPDATE_GOLDEN=1 $(SWIFT) test --filter BytecodeGoldenTests
