// Leases: a named claim on work that must run in one server process at a
// time, across every process that shares the database (a forecast refresh of
// a warehouse; scheduled jobs). A lease is a row of `leases` (migration 0009)
// with its holder and an expiry, so a process that dies while holding one
// keeps it only until it expires. Taking one is a single conditional upsert,
// atomic on both backends; it runs inside the caller's write command.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/database.h"

namespace wareflow::store {

// This process as a lease holder: "<pid>-<random hex>", fixed for the
// process's life, so no two processes (on one host or several) share it.
const std::string& this_process_holder();

// Takes `name` for `holder` until tx.now_ms() + ttl_ms. True when it is free,
// expired, or already `holder`'s (then the expiry is extended); false while
// another holder has it.
bool take_lease(Tx& tx, std::string_view name, std::string_view holder, int64_t ttl_ms);

// Gives `name` back if `holder` still has it (a lease that expired and was
// taken by another holder is left to that holder).
void release_lease(Tx& tx, std::string_view name, std::string_view holder);

}  // namespace wareflow::store
