# Wareflow: `make run` to try it, `make test` to check it.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DB ?= wareflow.db
LISTEN ?= 127.0.0.1:8080
FUZZ_SECONDS ?= 20
# ctest jobs: one per core (tests that measure time are marked RUN_SERIAL).
CTEST_JOBS ?= $(shell nproc)

.PHONY: all deps build run test fuzz clean bench soak

all: build

deps:
	./scripts/install-deps

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR)
	cd web && ../scripts/with-node npm run --silent build

run: build
	./scripts/run-demo "$(BUILD_DIR)/wareflow" "$(DB)" "$(LISTEN)"

# The whole suite: a short fuzzing run of the parsers and request handlers
# (clang, ASan + UBSan), the unit and property tests once more under the same
# sanitizers, then unit, property, API, race, crash and scenario tests.
test: build
	SECONDS_PER_TARGET=$(FUZZ_SECONDS) ./scripts/fuzz
	./scripts/sanitize-tests
	cd $(BUILD_DIR) && ../scripts/with-postgres ctest --output-on-failure --timeout 900 -j$(CTEST_JOBS)

fuzz: deps
	SECONDS_PER_TARGET=$(FUZZ_SECONDS) ./scripts/fuzz

bench: build
	./bench/run_order_capture.sh

# 100 power cuts and 100 SIGKILLs under mixed load (docs/durability.md);
# make test runs a slice of each.
soak: build
	./bench/soak.sh

clean:
	rm -rf $(BUILD_DIR) build-fuzz
