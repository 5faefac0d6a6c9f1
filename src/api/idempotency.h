// Idempotency-Key: owns the `idempotency_keys` table. A write sent with the
// header stores its first answer under (token, key) with a fingerprint
// of the request; the same request again gets that answer back, another
// request with the same key gets 409 idempotency_conflict. The token is its
// hash (auth::Principal::token_hash), not its name: names are not unique, and
// a token must not read another's answer by replaying its key. Answers are kept
// 24 hours: every 256th stored answer deletes the older ones in its own
// transaction (one indexed delete), so the table does not grow without end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api/http.h"
#include "store/database.h"

namespace wareflow::api::idempotency {

constexpr int64_t kKeepMs = 24 * 3'600'000LL;
constexpr uint64_t kSweepEvery = 256;

struct StoredAnswer {
  int status = 0;
  std::string body;
};

// 422 invalid_field when the key is longer than the table is meant to hold.
void check_key(const std::string& key);

// What makes two requests the same: method, path and body.
std::string fingerprint(const Request& request);

// The answer stored for (token_hash, key), if any; 409 idempotency_conflict
// when it was stored for a request with another fingerprint.
std::optional<StoredAnswer> find(store::Tx& tx, const std::string& token_hash,
                                 const std::string& key, const std::string& fingerprint);

// Stores the first answer to (token_hash, key); every kSweepEvery-th call
// also deletes answers older than kKeepMs.
void store_answer(store::Tx& tx, const std::string& token_hash, const std::string& key,
                  const std::string& fingerprint, const StoredAnswer& answer);

}  // namespace wareflow::api::idempotency
