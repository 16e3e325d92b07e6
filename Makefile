# gzq — build, demo and test entry points. `make demo` and `make test` are the
# two set-up commands of the README; both work on a fresh machine.

SWIFT ?= swift
GZQ_DEBUG = .build/debug/gzq

.PHONY: all build release demo test deps clean embed-samples docs stdlib

all: build

# GNU readline headers for the REPL, and tmux for its end-to-end test (installed only when missing).
deps:
	@if [ ! -f /usr/include/readline/readline.h ]; then \
		echo "installing libreadline-dev"; \
		(apt-get update -qq && apt-get install -y -qq libreadline-dev) >/dev/null || \
		{ echo "could not install libreadline-dev (need root)"; exit 1; }; \
	fi
	@# tmux drives the REPL end-to-end test; without it that test is skipped, not failed.
	@if ! command -v tmux >/dev/null 2>&1; then \
		echo "installing tmux"; \
		(apt-get update -qq && apt-get install -y -qq tmux) >/dev/null 2>&1 || \
		echo "could not install tmux: the REPL end-to-end test will be skipped"; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# A real sample end to end: read the cases CSV, filter, group, derive rates, pivot, sort, print.
demo: build
	$(GZQ_DEBUG) Samples/correction_rate_fall.gzq

# Unit tests, the conformance suite and black-box runs of the built binary.
test: build embed-samples
	$(SWIFT) test

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
	GZQ_UPDATE_DOCS=1 $(SWIFT) test --filter StdlibDocsTests

# Embeds Stdlib/*.gzq into Sources/GZQ/Stdlib/StdlibSources.swift (run after editing Stdlib/).
stdlib:
	python3 docs/tools/gen_stdlib.py

clean:
	rm -rf .build
