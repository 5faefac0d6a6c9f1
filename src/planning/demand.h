// Demand history made fit for forecasting. Pure: plain vectors in and out.
//
// A day on which the product was out of stock shows the demand that could be
// served, not the demand there was: channels stop selling what has no
// available stock. Feeding such days to a forecaster pulls the forecast down
// exactly when stock is short, so they are treated as missing and filled.
//
// fill_censored_days: every flagged day gets the mean of the unflagged days of
// the same weekday slot (index mod season_length) in the series; when that
// slot has none, the mean of all unflagged days; when no day is unflagged, the
// values stay as they are (nothing better is known). Unflagged days are never
// changed. Output values are finite and >= 0 when the input's are.
#pragma once

#include <cstdint>
#include <vector>

namespace wareflow::planning {

// values and stock_out have the same length (throws std::invalid_argument
// otherwise); season_length >= 1.
std::vector<double> fill_censored_days(const std::vector<double>& values,
                                       const std::vector<bool>& stock_out,
                                       int64_t season_length = 7);

}  // namespace wareflow::planning
