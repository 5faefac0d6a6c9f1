// Randomness from the operating system (getrandom), for secrets and
// unguessable identifiers. Never seeded, never reproducible.
#pragma once

#include <cstdint>
#include <string>

namespace wareflow {

// `bytes` random bytes as lowercase hex (2 * bytes characters).
std::string random_hex(size_t bytes);

uint64_t random_u64();

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace wareflow
