#include "planning/demand.h"

#include <stdexcept>

namespace wareflow::planning {

std::vector<double> fill_censored_days(const std::vector<double>& values,
                                       const std::vector<bool>& stock_out, int64_t season_length) {
  if (values.size() != stock_out.size()) {
    throw std::invalid_argument("values and stock_out differ in length");
  }
  if (season_length < 1) throw std::invalid_argument("season_length must be at least 1");
  const size_t season = static_cast<size_t>(season_length);
  std::vector<double> slot_sum(season, 0), slot_days(season, 0);
  double sum = 0, days = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    if (stock_out[i]) continue;
    slot_sum[i % season] += values[i];
    slot_days[i % season] += 1;
    sum += values[i];
    days += 1;
  }
  std::vector<double> filled = values;
  if (days == 0) return filled;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!stock_out[i]) continue;
    const size_t slot = i % season;
    filled[i] = slot_days[slot] > 0 ? slot_sum[slot] / slot_days[slot] : sum / days;
  }
  return filled;
}

}  // namespace wareflow::planning
