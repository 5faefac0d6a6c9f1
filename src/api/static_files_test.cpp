#include "api/static_files.h"

#include <gtest/gtest.h>

#include <fstream>

namespace wareflow::api {
namespace {

namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::temp_directory_path() /
        ("wareflow-static-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "assets");
    write("index.html", "<!doctype html><title>app</title>");
    write("assets/index-abc123.js", "console.log(1)");
    write("assets/index-abc123.css", "body{}");
    write("favicon.svg", "<svg/>");
    // A secret beside the root: nothing may reach it.
    std::ofstream(root_.parent_path() / "wareflow-static-secret.txt") << "secret";
  }
  void TearDown() override { fs::remove_all(root_); }

  void write(const std::string& name, const std::string& text) {
    std::ofstream(root_ / name, std::ios::binary) << text;
  }

  static Request get(const std::string& path) {
    Request r;
    r.method = "GET";
    r.path = path;
    return r;
  }

  static std::string header(const Response& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
      if (n == name) return v;
    }
    return {};
  }

  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCacheHeaders) {
  StaticFiles files = StaticFiles::load(root_);
  EXPECT_EQ(files.file_count(), 4u);

  auto js = files.serve(get("/assets/index-abc123.js"));
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(header(*js, "Cache-Control"), "public, max-age=31536000, immutable");

  auto css = files.serve(get("/assets/index-abc123.css"));
  EXPECT_EQ(css->content_type, "text/css; charset=utf-8");

  auto index = files.serve(get("/"));
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->body, "<!doctype html><title>app</title>");
  EXPECT_EQ(header(*index, "Cache-Control"), "no-cache");
  EXPECT_EQ(header(*index, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header(*index, "Referrer-Policy"), "no-referrer");
  EXPECT_NE(header(*index, "Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);

  EXPECT_EQ(files.serve(get("/favicon.svg"))->content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, AppRoutesGetIndexAndMissingAssetsAre404) {
  StaticFiles files = StaticFiles::load(root_);
  for (const char* path : {"/orders/42", "/track/abcdef", "/handheld/pick", "/x.js"}) {
    auto r = files.serve(get(path));
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 200) << path;
    EXPECT_EQ(r->body, "<!doctype html><title>app</title>") << path;
  }
  auto missing = files.serve(get("/assets/index-old.js"));
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->content_type, "text/plain; charset=utf-8");
}

TEST_F(StaticFilesTest, NothingOutsideTheRootIsReachable) {
  StaticFiles files = StaticFiles::load(root_);
  for (const char* path :
       {"/../wareflow-static-secret.txt", "/assets/../../wareflow-static-secret.txt",
        "/%2e%2e/wareflow-static-secret.txt", "//etc/passwd", "/assets/..", "/./index.html"}) {
    auto r = files.serve(get(path));
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->body.find("secret"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, LeavesTheApiAloneAndRefusesOtherMethods) {
  StaticFiles files = StaticFiles::load(root_);
  EXPECT_FALSE(files.serve(get("/api/v1/orders")));
  EXPECT_FALSE(files.serve(get("/api")));
  EXPECT_FALSE(files.serve(get("/healthz")));
  Request post = get("/orders");
  post.method = "POST";
  auto r = files.serve(post);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  EXPECT_EQ(header(*r, "Allow"), "GET");
}

TEST_F(StaticFilesTest, RefusesARootWithoutIndex) {
  fs::remove(root_ / "index.html");
  EXPECT_THROW(StaticFiles::load(root_), std::runtime_error);
  EXPECT_THROW(StaticFiles::load(root_ / "nowhere"), std::runtime_error);
}

TEST(StaticFilesTypes, KnowsCommonTypes) {
  EXPECT_EQ(StaticFiles::content_type_for("/a/b.woff2"), "font/woff2");
  EXPECT_EQ(StaticFiles::content_type_for("/a.b/c"), "application/octet-stream");
  EXPECT_EQ(StaticFiles::content_type_for("/noext"), "application/octet-stream");
  EXPECT_EQ(StaticFiles::content_type_for("/x.webmanifest"), "application/manifest+json");
}

}  // namespace
}  // namespace wareflow::api
