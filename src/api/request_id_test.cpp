#include "api/request_id.h"

#include <gtest/gtest.h>

#include <set>

namespace wareflow::api {
namespace {

TEST(RequestId, PlainShortIdsAreKept) {
  EXPECT_TRUE(acceptable_request_id("a"));
  EXPECT_TRUE(acceptable_request_id("req-1.2_Z"));
  EXPECT_TRUE(acceptable_request_id(std::string(64, 'x')));
}

TEST(RequestId, AnythingElseIsRefused) {
  EXPECT_FALSE(acceptable_request_id(""));
  EXPECT_FALSE(acceptable_request_id(std::string(65, 'x')));
  EXPECT_FALSE(acceptable_request_id("a b"));
  EXPECT_FALSE(acceptable_request_id("a\"b"));
  EXPECT_FALSE(acceptable_request_id("a\nb"));
  EXPECT_FALSE(acceptable_request_id("a=b"));
  EXPECT_FALSE(acceptable_request_id("\xc3\xa9"));
}

TEST(RequestId, MadeIdsAreUniqueAndAcceptable) {
  RequestIds ids;
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = ids.next();
    EXPECT_TRUE(acceptable_request_id(id)) << id;
    EXPECT_EQ(id.size(), 25u);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(ids.accept_or_make("mine-1"), "mine-1");
  EXPECT_NE(ids.accept_or_make("not mine"), "not mine");
}

}  // namespace
}  // namespace wareflow::api
