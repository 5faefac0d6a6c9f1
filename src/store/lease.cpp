#include "store/lease.h"

#include <unistd.h>

#include "core/random.h"

namespace wareflow::store {

const std::string& this_process_holder() {
  static const std::string holder = std::to_string(::getpid()) + "-" + random_hex(8);
  return holder;
}

bool take_lease(Tx& tx, std::string_view name, std::string_view holder, int64_t ttl_ms) {
  int64_t now = tx.now_ms();
  // The update arm runs only when the row exists; its WHERE leaves a live
  // lease of another holder alone, and the statement then changes no row.
  return tx.exec(
             "INSERT INTO leases (name, holder, expires_at_ms) VALUES ($1, $2, $3) ON CONFLICT "
             "(name) DO UPDATE SET holder = excluded.holder, expires_at_ms = "
             "excluded.expires_at_ms WHERE leases.expires_at_ms <= $4 OR leases.holder = "
             "excluded.holder",
             std::string(name), std::string(holder), now + ttl_ms, now) == 1;
}

void release_lease(Tx& tx, std::string_view name, std::string_view holder) {
  tx.exec("DELETE FROM leases WHERE name = $1 AND holder = $2", std::string(name),
          std::string(holder));
}

}  // namespace wareflow::store
