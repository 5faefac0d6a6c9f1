// The one mapping of the pure cores' refusal (inputs::InputError) to the
// problem the API and the CLI show: 422 with the core's code, field and
// message, unchanged. Services that name a field or a code differently for
// their callers (the days of a demand history, a query parameter) rethrow
// their own DomainError instead; everything else goes through here.
#pragma once

#include "core/error.h"
#include "inputs/input_error.h"

namespace wareflow {

inline DomainError input_problem(const inputs::InputError& refusal) {
  return DomainError(422, refusal.code(), refusal.message(), refusal.field());
}

}  // namespace wareflow
