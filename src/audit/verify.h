// Audits a database against the ledger invariants I1-I6 of
// docs/architecture.md. Read-only; used by `wareflow verify`, by property
// tests after every random operation, and by the crash tests.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace wareflow::audit {

struct Breach {
  std::string invariant;  // "I1" ... "I6"
  std::string detail;     // which product, location, order line, and the numbers
};

// Every breach found (at most `max_breaches`); empty when all invariants hold.
std::vector<Breach> verify(store::Tx& tx, size_t max_breaches = 50);

}  // namespace wareflow::audit
