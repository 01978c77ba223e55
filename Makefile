# Lookout: the two commands a fresh Debian machine needs are `make run` and `make test`.
# Both call scripts/bootstrap first, which installs missing system packages when run as
# root and prints the exact command otherwise.

SWIFT ?= swift
# Warnings fail the build here (CI runs `make test`), not in Package.swift, so a newer
# toolchain's new warning cannot break a downstream user's build.
STRICT := -Xswiftc -warnings-as-errors

.PHONY: run test test-integrations build bench bench-http bench-fetch clean generate check-generated

## run: build in release mode and serve /metrics and health on the defaults (127.0.0.1:9180);
## it prints the URLs. Ctrl-C stops it gracefully. `lookout serve --help` lists the options.
run:
	@scripts/bootstrap build
	$(SWIFT) build -c release --product lookout
	.build/release/lookout serve

## test: build everything with warnings as errors and run the whole test suite.
# Tests run one at a time: many assert time bounds (timeouts, slow clients, rate
# windows) against real servers, and on a 2-core machine they would otherwise compete
# with each other for the CPU. The whole suite still runs in well under a minute.
test:
	@scripts/bootstrap test
	$(SWIFT) build --build-tests $(STRICT)
	$(SWIFT) test --skip-build --no-parallel
	$(MAKE) check-generated
	$(MAKE) test-integrations

## test-integrations: build and test the swift-metrics backend package (Integrations/LookoutMetrics).
test-integrations:
	cd Integrations/LookoutMetrics && $(SWIFT) build --build-tests $(STRICT) && $(SWIFT) test --skip-build --no-parallel

# The plugins ask for write permission even with --check, which writes nothing.
PLUGIN := $(SWIFT) package --allow-writing-to-package-directory

## generate: regenerate the committed dashboards/, alerts/ and docs/metrics.md (root), and
## Examples' dashboards/ and alerts/.
generate:
	$(PLUGIN) generate-dashboards
	$(PLUGIN) generate-alerts
	$(SWIFT) run $(STRICT) lookout-catalog reference
	cd Examples && $(PLUGIN) generate-dashboards && $(PLUGIN) generate-alerts

## check-generated: fail if committed dashboards/alerts/docs/metrics.md drifted from the declarations,
## and validate them with the real tools (CI runs this as part of `make test`).
# The reference check runs lookout-catalog built as `make test` builds it (--build-tests, strict),
# so after the test build it relinks nothing.
check-generated:
	$(PLUGIN) generate-dashboards --check
	$(PLUGIN) generate-alerts --check
	$(SWIFT) run --build-tests $(STRICT) lookout-catalog reference --check
	cd Examples && $(SWIFT) build $(STRICT) && $(PLUGIN) generate-dashboards --check && $(PLUGIN) generate-alerts --check
	promtool check rules --lint=all --lint-fatal alerts/*.rules.yml Examples/alerts/*.rules.yml
	promtool test rules alerts/tests/*-test.yaml Examples/alerts/tests/*-test.yaml
	amtool check-config alerts/alertmanager.yml Examples/alerts/alertmanager.yml
	scripts/validate-dashboards dashboards/*.json Examples/dashboards/*.json

## bench: run every benchmark (release mode): core metrics vs swift-prometheus, the Bybit
## client against the simulator (parallel fetching, parsing, peak RSS), then the HTTP benchmark.
bench:
	@scripts/bootstrap bench
	cd Benchmarks && $(SWIFT) run -c release lookout-benchmarks
	cd Benchmarks && $(SWIFT) run -c release bybit-benchmark
	cd Benchmarks && $(SWIFT) run -c release ratelimit-benchmark
	cd Benchmarks && $(SWIFT) run -c release cache-benchmark
	$(MAKE) bench-http
	$(MAKE) bench-redis

## bench-http: wrk against `lookout serve` and a Hummingbird 2 peer, /metrics and /api/v1/health,
## 1 and 32 connections, 10 s each; prints req/s, p50/p99, RSS and the ratios.
## BENCH_HTTP_FLAGS passes options, e.g. BENCH_HTTP_FLAGS="--growth 1000000".
bench-http:
	@scripts/bootstrap bench
	$(SWIFT) build -c release --product lookout
	cd Benchmarks && $(SWIFT) build -c release --product hummingbird-server
	scripts/bench-http $(BENCH_HTTP_FLAGS)

# MARK: Redis client benchmark
.PHONY: bench-redis
## bench-redis: LookoutRedis and redis-benchmark against one redis-server in the same run:
## GET/SET round trips with 1 caller, 50 concurrent callers, pipelined x16, EVALSHA; prints ratios.
bench-redis:
	@scripts/bootstrap test
	cd Benchmarks/RedisBench && $(SWIFT) run -c release redis-client-benchmark

build:
	@scripts/bootstrap build
	$(SWIFT) build $(STRICT)

clean:
	rm -rf .build Benchmarks/.build Examples/.build Integrations/LookoutMetrics/.build

# MARK: bybit streaming fetch
## bench-fetch: `lookout fetch` of 3 symbols x 1,000,000 1m candles from bybit-sim to CSV:
## peak RSS and candles/s (release build; CANDLES=N for another size).
bench-fetch:
	SWIFT=$(SWIFT) Benchmarks/fetch-stream-benchmark.sh

# MARK: demo (issue 12): the whole stack on loopback, and its live dashboard/alert test
.PHONY: demo demo-test
## demo: build (debug: quick to build, shared with `make test`, and far faster than the demo's
## traffic needs), then run bybit-sim, redis-server, two `lookout serve` sharing Redis, Prometheus
## (generated rules) and Alertmanager (generated config) with traffic and faults; prints the URLs.
## Ctrl-C stops everything; DEMO_DURATION=N stops after N seconds. Logs go to a printed temp dir.
demo:
	@scripts/bootstrap test
	scripts/demo

## demo-test: only the live test of the demo: every dashboard expression and recording rule has
## data, and the fault alerts fire, route, inhibit and resolve (about 2 minutes; also in `make test`).
demo-test:
	@scripts/bootstrap test
	$(SWIFT) build --build-tests $(STRICT)
	$(SWIFT) test --skip-build --no-parallel --filter DemoScenarioTests

# MARK: Reliability: fuzzing, sanitizers, load with faults
.PHONY: fuzz sanitize tsan asan soak
FUZZ_SECONDS ?= 60
SOAK_SECONDS ?= 600

## fuzz: libFuzzer on the HTTP parser, Accept negotiation, the Bybit JSON parsers, the cache
## chunk codec, the serve config file and the PromQL checker, FUZZ_SECONDS (default 60) each;
## findings land in Fuzz/Corpus/<target> (replayed by `swift test`). FUZZ_TARGETS picks some.
fuzz:
	@scripts/bootstrap test
	SWIFT=$(SWIFT) scripts/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

## sanitize: ThreadSanitizer over every module's concurrency tests, then AddressSanitizer over
## the whole suite (separate scratch folders .build-tsan and .build-asan; slow).
sanitize: tsan asan

tsan:
	@scripts/bootstrap test
	SWIFT=$(SWIFT) scripts/sanitize tsan

asan:
	@scripts/bootstrap test
	SWIFT=$(SWIFT) scripts/sanitize asan

## soak: wrk against the klines API for SOAK_SECONDS (default 600) while bybit-sim injects
## faults and Redis is killed and restarted every 20 s; `make test` runs the same for 20 s.
soak:
	@scripts/bootstrap test
	$(SWIFT) build --build-tests $(STRICT)
	LOOKOUT_SOAK_SECONDS=$(SOAK_SECONDS) $(SWIFT) test --skip-build --filter KlinesLoadFaultTests
