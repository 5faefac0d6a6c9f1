#include "api/idempotency.h"

#include <atomic>

#include "core/error.h"
#include "core/random.h"

namespace wareflow::api::idempotency {
namespace {
std::atomic<uint64_t> answers_stored{0};
}  // namespace

void check_key(const std::string& key) {
  if (key.size() > 200) throw_invalid_field("Idempotency-Key", "Idempotency-Key is too long");
}

std::string fingerprint(const Request& request) {
  return sha256_hex(request.method + " " + request.path + "\n" + request.body);
}

std::optional<StoredAnswer> find(store::Tx& tx, const std::string& token_hash,
                                 const std::string& key, const std::string& fingerprint) {
  auto q = tx.query(
      "SELECT request_hash, status, response_body FROM idempotency_keys WHERE "
      "token_hash = $1 AND idempotency_key = $2",
      token_hash, key);
  if (!q.next()) return std::nullopt;
  if (q.text(0) != fingerprint) {
    throw_conflict("idempotency_conflict", "this Idempotency-Key was used for a different request");
  }
  return StoredAnswer{static_cast<int>(q.i64(1)), q.text(2)};
}

void store_answer(store::Tx& tx, const std::string& token_hash, const std::string& key,
                  const std::string& fingerprint, const StoredAnswer& answer) {
  tx.exec(
      "INSERT INTO idempotency_keys (token_hash, idempotency_key, request_hash, status, "
      "response_body, created_at_ms) VALUES ($1, $2, $3, $4, $5, $6)",
      token_hash, key, fingerprint, static_cast<int64_t>(answer.status), answer.body, tx.now_ms());
  if (++answers_stored % kSweepEvery == 0) {
    tx.exec("DELETE FROM idempotency_keys WHERE created_at_ms < $1", tx.now_ms() - kKeepMs);
  }
}

}  // namespace wareflow::api::idempotency
