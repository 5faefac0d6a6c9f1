# Wareflow: `make run` to try it, `make test` to check it.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
DB ?= wareflow.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build run test clean bench

all: build

deps:
	./scripts/install-deps

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR)

run: build
	./scripts/run-demo "$(BUILD_DIR)/wareflow" "$(DB)" "$(LISTEN)"

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure --timeout 900

bench: build
	./bench/run_order_capture.sh

clean:
	rm -rf $(BUILD_DIR)
