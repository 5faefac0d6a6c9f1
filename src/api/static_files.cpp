#include "api/static_files.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wareflow::api {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Security headers every page of the app carries: scripts, styles and data
// only from this server; no framing; the tracking page's token never leaks
// through a Referer header.
void add_page_headers(Response& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'self'; img-src 'self' data: blob:; "
                         "style-src 'self' 'unsafe-inline'; frame-src 'self' blob:; "
                         "object-src 'none'; base-uri 'self'; frame-ancestors 'none'");
}

}  // namespace

std::string StaticFiles::content_type_for(const std::string& name) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
  };
  auto dot = name.find_last_of('.');
  if (dot == std::string::npos || name.find('/', dot) != std::string::npos) {
    return "application/octet-stream";
  }
  auto it = types.find(name.substr(dot));
  return it == types.end() ? "application/octet-stream" : it->second;
}

StaticFiles StaticFiles::load(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  if (!fs::is_regular_file(root / "index.html")) {
    throw std::runtime_error(root.string() + " holds no index.html (build the web app first)");
  }
  StaticFiles files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string url = "/" + entry.path().lexically_relative(root).generic_string();
    files.files_[url] = File{content_type_for(url), read_whole(entry.path())};
  }
  return files;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (starts_with(request.path, "/api/") || request.path == "/api" || request.path == "/healthz" ||
      request.path == "/readyz" || request.path == "/metrics") {
    return std::nullopt;
  }
  Response r;
  if (request.method != "GET") {
    r.status = 405;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "only GET is served here\n";
    r.headers.emplace_back("Allow", "GET");
    return r;
  }
  auto it = files_.find(request.path);
  // A missing asset is a 404 (an old tab asking for a file the last build
  // renamed must not get HTML as JavaScript); any other path is the app's.
  if (it == files_.end() && starts_with(request.path, "/assets/")) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "no such file\n";
    return r;
  }
  if (it == files_.end() || request.path == "/") it = files_.find("/index.html");
  r.content_type = it->second.content_type;
  r.body = it->second.body;
  bool hashed = starts_with(it->first, "/assets/");
  r.headers.emplace_back("Cache-Control",
                         hashed ? "public, max-age=31536000, immutable" : "no-cache");
  add_page_headers(r);
  return r;
}

}  // namespace wareflow::api
