// Sourcing: which warehouses ship which units of an order. Pure: plain
// structs in, a plan out; no store, clock or network.
//
// FewestSplitsPolicy: cover as many units as the warehouses together can,
// with the fewest warehouses; among equally few, the smallest total distance,
// then the most stock. Exact (every subset, by size) up to 12 candidate
// warehouses, greedy set cover beyond. Units nobody has are backordered.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace wareflow::optimize {

struct SourcingCandidate {
  int64_t warehouse_id = 0;
  double distance = 0;                 // any unit; smaller is better
  std::vector<int64_t> available;      // per order line, units available
};

struct SourcingRequest {
  std::vector<int64_t> quantities;     // per order line
  std::vector<SourcingCandidate> warehouses;
};

struct SourcingAssignment {
  size_t line = 0;
  int64_t warehouse_id = 0;
  int64_t quantity = 0;
};

struct SourcingPlan {
  std::vector<SourcingAssignment> assignments;
  std::vector<int64_t> backordered;    // per order line
  std::string method;                  // "single", "exact_subset", "greedy_cover"
  size_t warehouses_used = 0;
};

class SourcingPolicy {
 public:
  virtual ~SourcingPolicy() = default;
  virtual SourcingPlan plan(const SourcingRequest& request) const = 0;
};

class FewestSplitsPolicy final : public SourcingPolicy {
 public:
  SourcingPlan plan(const SourcingRequest& request) const override;
};

// Great-circle distance in kilometres.
double haversine_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace wareflow::optimize
