# Thin wrapper over CMake. `make` builds build/samspor; `make run` and `make check` first run
# scripts/bootstrap, so that on a fresh Debian machine they do all the set-up.
BUILD ?= build
ASAN_BUILD ?= build-asan
RELEASE_BUILD ?= build-release
JOBS ?= $(shell nproc)
DB ?= samspor.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all build ui run check bench bench-treatment bench-employment bootstrap format clean unit api browser

all: build

bootstrap:
	@scripts/bootstrap

# The UI is built when its sources changed; the server builds without npm when ui/dist exists.
ui/dist/index.html: $(shell find ui/src ui/index.html ui/vite.config.ts ui/package-lock.json -type f 2>/dev/null)
	cd ui && npm run build --silent

ui: ui/dist/index.html

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSP_WERROR=$(if $(CI),ON,OFF) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: bootstrap ui build
	@if [ -f $(DB) ]; then \
	    echo "Using the existing $(DB). Demo logins: admin, caremanager.herning, jobconsultant.herning,"; \
	    echo "caseworker.herning, lead.ibbu-midt, researcher.ibbu-midt, ... (README.md), password samspor-demo."; \
	else $(BUILD)/samspor demo --db $(DB); fi
	@echo "Serving http://$(LISTEN) (Ctrl-C stops)"
	@$(BUILD)/samspor serve --db $(DB) --listen $(LISTEN)

check: bootstrap ui
	@scripts/check

# The storage engine of the benchmarks: BENCH_DB=sqlite (default), postgresql or both (one server
# on each, measured in the same run); BENCH_PG=postgresql://USER@HOST:PORT uses that server
# instead of a throwaway cluster. bench/README.md has the other settings (BENCH_BASELINE, …).
BENCH_DB ?= sqlite
export BENCH_DB

bench: bootstrap ui
	@cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(RELEASE_BUILD) -j $(JOBS)
	bench/http $(RELEASE_BUILD)/samspor

# The treatment track's speed goals (issue 5; the caseload on PostgreSQL, issue 10): caseload
# server time, scoring throughput; BENCH_DB as for bench.
bench-treatment: bootstrap ui
	@cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(RELEASE_BUILD) -j $(JOBS)
	bench/treatment $(RELEASE_BUILD)/samspor

# The employment track's speed goals (issue 11): the consultant's caseload among 100,000
# enrolments, a network meeting with 6 goals and 10 tasks; BENCH_DB as for bench.
bench-employment: bootstrap ui
	@cmake -S . -B $(RELEASE_BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(RELEASE_BUILD) -j $(JOBS)
	bench/employment $(RELEASE_BUILD)/samspor

format:
	clang-format -i $$(find src tests -name '*.[ch]' -not -path '*/node_modules/*')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(RELEASE_BUILD) ui/dist
