// The pure cores' refusal becomes a 422 problem with its code, field and
// message unchanged: the one mapping the API and the CLI share.
#include "core/input_problem.h"

#include <gtest/gtest.h>

namespace wareflow {
namespace {

TEST(InputProblem, IsA422WithTheCoreCodeFieldAndMessage) {
  const DomainError problem = input_problem(
      inputs::InputError("invalid_order", "orders[3].picks", "orders[3] has no picks"));
  EXPECT_EQ(problem.http_status(), 422);
  EXPECT_EQ(problem.code(), "invalid_order");
  EXPECT_EQ(problem.field(), "orders[3].picks");
  EXPECT_EQ(problem.detail(), "orders[3] has no picks");
}

TEST(InputProblem, KeepsAnEmptyField) {
  const DomainError problem = input_problem(inputs::InputError("invalid_layout", "", "no aisles"));
  EXPECT_EQ(problem.field(), "");
  EXPECT_EQ(problem.code(), "invalid_layout");
}

}  // namespace
}  // namespace wareflow
