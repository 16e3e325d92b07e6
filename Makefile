# gzq — build, demo and test entry points. `make demo` and `make test` are the
# two set-up commands of the README; both work on a fresh machine.

SWIFT ?= swift
GZQ_DEBUG = .build/debug/gzq

.PHONY: all build release demo test unit conformance deps clean

all: build

# GNU readline headers for the REPL (installed only when missing).
deps:
	@if [ ! -f /usr/include/readline/readline.h ]; then \
		echo "installing libreadline-dev"; \
		(apt-get update -qq && apt-get install -y -qq libreadline-dev) >/dev/null || \
		{ echo "could not install libreadline-dev (need root)"; exit 1; }; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: build
	$(GZQ_DEBUG) Samples/demo.gzq

# Unit tests, the conformance suite and black-box runs of the built binary.
test: build
	$(SWIFT) test

clean:
	rm -rf .build
