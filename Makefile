# Lookout: the two commands a fresh Debian machine needs are `make run` and `make test`.
# Both call scripts/bootstrap first, which installs missing system packages when run as
# root and prints the exact command otherwise.

SWIFT ?= swift
# Warnings fail the build here (CI runs `make test`), not in Package.swift, so a newer
# toolchain's new warning cannot break a downstream user's build.
STRICT := -Xswiftc -warnings-as-errors

.PHONY: run test build bench clean

## run: build in release mode and run the demo workload.
run:
	@scripts/bootstrap build
	$(SWIFT) build -c release --product lookout
	.build/release/lookout demo

## test: build everything with warnings as errors and run the whole test suite.
# Tests run one at a time: many assert time bounds (timeouts, slow clients, rate
# windows) against real servers, and on a 2-core machine they would otherwise compete
# with each other for the CPU. The whole suite still runs in well under a minute.
test:
	@scripts/bootstrap test
	$(SWIFT) build --build-tests $(STRICT)
	$(SWIFT) test --skip-build --no-parallel

## bench: run the benchmarks (separate package, release mode): core metrics, then the Bybit
## client against the simulator (parallel fetching, parsing, peak RSS).
bench:
	@scripts/bootstrap bench
	cd Benchmarks && $(SWIFT) run -c release lookout-benchmarks
	cd Benchmarks && $(SWIFT) run -c release bybit-benchmark

build:
	@scripts/bootstrap build
	$(SWIFT) build $(STRICT)

clean:
	rm -rf .build Benchmarks/.build Examples/.build
