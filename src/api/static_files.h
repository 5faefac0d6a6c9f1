// The built web app (web/dist) handed out by the server at `/`. Every file is
// read into memory once, when the server starts, so a request can only name a
// file that was there: no part of a request path ever reaches the file system
// (no traversal, no symlink games, no races with a rebuild).
// Transport-free like http.h; server.cpp consults it before the API.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/http.h"

namespace wareflow::api {

class StaticFiles {
 public:
  // Reads every regular file under `root`. Throws std::runtime_error when
  // `root` has no index.html (not a built app).
  static StaticFiles load(const std::filesystem::path& root);

  // The answer to a GET of a path outside `/api/`, `/healthz`, `/readyz` and `/metrics`: the file
  // at that path, or index.html for any other path (the app routes in the browser), with its MIME
  // type and cache headers. Hashed build output under
  // `/assets/` may be cached for a year; everything else is revalidated.
  // nullopt for requests that belong to the API.
  std::optional<Response> serve(const Request& request) const;

  size_t file_count() const { return files_.size(); }

  // The MIME type for a file name, by extension; application/octet-stream when unknown.
  static std::string content_type_for(const std::string& name);

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::unordered_map<std::string, File> files_;  // by URL path, "/assets/x.js"
};

}  // namespace wareflow::api
