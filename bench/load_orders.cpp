// load_orders — closed-loop order-capture load generator for Wareflow.
//
// Each client thread holds one keep-alive HTTP/1.1 connection to the server and
// sends `POST /api/v1/orders` requests one after another (closed loop). Every
// order has a unique channel_order_id (prefixed with a run id so reruns against
// the same database never collide), a customer from a pool of 10,000, a plausible
// ship_to and 1–5 lines of distinct random SKUs with quantity 1–3.
//
// Latency is measured per request on the steady clock, from the first byte sent
// (or the reconnect that precedes it) to the last byte of the response. Requests
// started during the warmup are sent but not measured.
//
// Output: a human summary on stdout, then one JSON line (the last line of stdout):
//   {"clients","orders","errors","duration_s","orders_per_s",
//    "p50_ms","p90_ms","p99_ms","max_ms","lines_per_order"}
// `orders` counts 2xx answers; `errors` counts non-2xx answers and requests that
// got no answer (transport failures); percentiles are over the 2xx answers.
//
// Exit status: 0 when at least one order succeeded and there were no errors,
// 1 otherwise, 2 on a usage error.
//
// Safety: only loopback targets are accepted (127.0.0.0/8, localhost, ::1).
//
// Build: g++ -std=c++20 -O2 -Wall -Wextra -pthread bench/load_orders.cpp -o load_orders
// Only POSIX sockets and the C++ standard library are used.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using TimePoint = Clock::time_point;

constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
constexpr std::size_t kMaxLineBytes = 16 * 1024;
constexpr std::size_t kMaxBodyBytes = 64 * 1024 * 1024;
constexpr int kCustomerPool = 10000;

std::atomic<bool> g_stop{false};

extern "C" void on_signal(int) { g_stop.store(true); }

// ---------------------------------------------------------------------------
// Options

struct Options {
  std::string host = "127.0.0.1";
  std::vector<int> ports;  // clients are spread over them round-robin
  std::string token;
  int clients = 16;
  double duration_s = 10.0;
  bool duration_given = false;
  long long orders = 0;  // > 0: send exactly this many measured orders
  double warmup_s = 2.0;
  int skus = 2000;
  std::string channel = "web";
  int lines_min = 1;
  int lines_max = 5;
  std::uint64_t seed = 1;
  std::string run_id;
  std::string path = "/api/v1/orders";
  double timeout_s = 30.0;
  int show_errors = 5;
  bool quiet = false;
};

void usage(std::FILE* out) {
  std::fprintf(out,
               "usage: load_orders --port PORT --token TOKEN [options]\n"
               "\n"
               "Closed-loop load on POST /api/v1/orders of a Wareflow server on loopback.\n"
               "\n"
               "  --host HOST         127.x.x.x, localhost or ::1 only (default 127.0.0.1)\n"
               "  --port PORT[,PORT]  server port(s), required; with several (servers on one\n"
               "                      database) the clients are spread over them in turn\n"
               "  --token TOKEN       bearer token, role integration or above\n"
               "                      (default: $WAREFLOW_TOKEN)\n"
               "  --clients N         concurrent keep-alive connections (default 16)\n"
               "  --duration-s S      measured duration in seconds (default 10)\n"
               "  --orders N          instead of a duration: send exactly N measured orders\n"
               "  --warmup-s S        unmeasured warmup before measuring (default 2)\n"
               "  --skus N            SKUs SKU-00001..SKU-N exist (default 2000)\n"
               "  --channel CODE      sales channel (default web)\n"
               "  --lines-min N       fewest lines per order (default 1)\n"
               "  --lines-max N       most lines per order (default 5)\n"
               "  --seed N            random seed (default 1)\n"
               "  --run-id ID         prefix of channel_order_id (default: time and pid)\n"
               "  --path PATH         request path (default /api/v1/orders)\n"
               "  --timeout-s S       socket send/receive timeout (default 30)\n"
               "  --show-errors N     print the first N non-2xx bodies (default 5)\n"
               "  --quiet             no progress lines on stderr\n"
               "  -h, --help          this text\n");
}

[[noreturn]] void die_usage(const std::string& msg) {
  std::fprintf(stderr, "load_orders: %s\n", msg.c_str());
  std::fprintf(stderr, "try 'load_orders --help'\n");
  std::exit(2);
}

template <typename T>
T parse_int(std::string_view name, std::string_view text, T lo, T hi) {
  T value{};
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || text.empty() || value < lo || value > hi) {
    die_usage(std::string(name) + ": expected an integer in [" + std::to_string(lo) + ", " +
              std::to_string(hi) + "], got '" + std::string(text) + "'");
  }
  return value;
}

double parse_seconds(std::string_view name, std::string_view text, double lo, double hi) {
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || text.empty() || !(value >= lo && value <= hi)) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.*s: expected a number of seconds in [%g, %g], got '%.*s'",
                  static_cast<int>(name.size()), name.data(), lo, hi, static_cast<int>(text.size()),
                  text.data());
    die_usage(buf);
  }
  return value;
}

bool safe_id_chars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

Options parse_args(int argc, char** argv) {
  Options o;
  bool have_token = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      usage(stdout);
      std::exit(0);
    }
    if (arg == "--quiet") {
      o.quiet = true;
      continue;
    }
    std::string value;
    if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    } else {
      if (arg.rfind("--", 0) != 0) die_usage("unexpected argument '" + arg + "'");
      if (i + 1 >= argc) die_usage(arg + " needs a value");
      value = argv[++i];
    }
    if (arg == "--host") {
      o.host = value;
    } else if (arg == "--port") {
      o.ports.clear();
      size_t start = 0;
      for (;;) {
        size_t comma = value.find(',', start);
        o.ports.push_back(parse_int<int>(arg, value.substr(start, comma - start), 1, 65535));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (arg == "--token") {
      o.token = value;
      have_token = true;
    } else if (arg == "--clients") {
      o.clients = parse_int<int>(arg, value, 1, 4096);
    } else if (arg == "--duration-s") {
      o.duration_s = parse_seconds(arg, value, 0.001, 86400.0);
      o.duration_given = true;
    } else if (arg == "--orders") {
      o.orders = parse_int<long long>(arg, value, 1, 1000000000000LL);
    } else if (arg == "--warmup-s") {
      o.warmup_s = parse_seconds(arg, value, 0.0, 86400.0);
    } else if (arg == "--skus") {
      o.skus = parse_int<int>(arg, value, 1, 99999);
    } else if (arg == "--channel") {
      o.channel = value;
    } else if (arg == "--lines-min") {
      o.lines_min = parse_int<int>(arg, value, 1, 1000);
    } else if (arg == "--lines-max") {
      o.lines_max = parse_int<int>(arg, value, 1, 1000);
    } else if (arg == "--seed") {
      o.seed = parse_int<std::uint64_t>(arg, value, 0, UINT64_MAX);
    } else if (arg == "--run-id") {
      o.run_id = value;
    } else if (arg == "--path") {
      o.path = value;
    } else if (arg == "--timeout-s") {
      o.timeout_s = parse_seconds(arg, value, 0.01, 3600.0);
    } else if (arg == "--show-errors") {
      o.show_errors = parse_int<int>(arg, value, 0, 1000);
    } else {
      die_usage("unknown option '" + arg + "'");
    }
  }
  if (!have_token) {
    if (const char* env = std::getenv("WAREFLOW_TOKEN")) o.token = env;
  }
  if (o.ports.empty()) die_usage("--port is required");
  if (o.token.empty()) die_usage("--token (or $WAREFLOW_TOKEN) is required");
  for (char c : o.token) {
    if (c <= ' ' || c == 0x7f) die_usage("--token holds whitespace or control characters");
  }
  if (o.orders > 0 && o.duration_given) die_usage("give --duration-s or --orders, not both");
  if (o.lines_min > o.lines_max) die_usage("--lines-min is larger than --lines-max");
  if (o.lines_max > o.skus)
    die_usage("--lines-max is larger than --skus (lines use distinct SKUs)");
  if (o.channel.empty() || o.channel.size() > 64 || !safe_id_chars(o.channel)) {
    die_usage("--channel: 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (o.path.empty() || o.path[0] != '/' ||
      std::any_of(o.path.begin(), o.path.end(), [](char c) { return c <= ' ' || c == 0x7f; })) {
    die_usage("--path must start with '/' and hold no whitespace");
  }
  if (o.run_id.empty()) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%llx-%x", static_cast<unsigned long long>(ms),
                  static_cast<unsigned>(getpid()));
    o.run_id = buf;
  } else if (o.run_id.size() > 40 || !safe_id_chars(o.run_id)) {
    die_usage("--run-id: 1-40 characters of A-Z a-z 0-9 . _ -");
  }
  return o;
}

// ---------------------------------------------------------------------------
// Target (loopback only)

struct Target {
  sockaddr_storage addr{};
  socklen_t addr_len = 0;
  std::string host_header;  // "127.0.0.1:8080" or "[::1]:8080"
  std::string display;
};

std::optional<Target> loopback_target(const std::string& host_in, int port) {
  std::string host = host_in;
  std::string lower;
  for (char c : host)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "localhost") host = "127.0.0.1";
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);

  Target t;
  in_addr a4{};
  in6_addr a6{};
  if (inet_pton(AF_INET, host.c_str(), &a4) == 1) {
    if ((ntohl(a4.s_addr) >> 24) != 127) return std::nullopt;
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    sin.sin_port = htons(static_cast<std::uint16_t>(port));
    sin.sin_addr = a4;
    std::memcpy(&t.addr, &sin, sizeof sin);
    t.addr_len = sizeof sin;
    t.host_header = host + ":" + std::to_string(port);
  } else if (inet_pton(AF_INET6, host.c_str(), &a6) == 1) {
    if (!IN6_IS_ADDR_LOOPBACK(&a6)) return std::nullopt;
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    sin6.sin6_port = htons(static_cast<std::uint16_t>(port));
    sin6.sin6_addr = a6;
    std::memcpy(&t.addr, &sin6, sizeof sin6);
    t.addr_len = sizeof sin6;
    t.host_header = "[::1]:" + std::to_string(port);
  } else {
    return std::nullopt;
  }
  t.display = t.host_header;
  return t;
}

// ---------------------------------------------------------------------------
// HTTP/1.1 client connection

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Comma-separated header value tokens, lower-cased and trimmed.
std::vector<std::string> header_tokens(std::string_view v) {
  std::vector<std::string> out;
  while (true) {
    auto comma = v.find(',');
    auto tok = trim(v.substr(0, comma));
    // drop parameters such as "chunked;q=1" (not valid for TE, but harmless)
    if (auto semi = tok.find(';'); semi != std::string_view::npos) tok = trim(tok.substr(0, semi));
    if (!tok.empty()) out.push_back(lower_ascii(tok));
    if (comma == std::string_view::npos) break;
    v.remove_prefix(comma + 1);
  }
  return out;
}

struct Response {
  int status = 0;
  bool keep_alive = true;
  bool chunked = false;
  std::string body;
};

class Conn {
 public:
  Conn() = default;
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  ~Conn() { close(); }

  bool is_open() const { return fd_ >= 0; }
  // Requests answered on the current connection.
  std::uint64_t served() const { return served_; }
  // Whether any byte of the current response has arrived.
  bool got_bytes() const { return got_bytes_; }

  bool open(const Target& t, double timeout_s, std::string& err) {
    close();
    int fd = ::socket(t.addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
      err = std::string("socket: ") + std::strerror(errno);
      return false;
    }
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout_s);
    tv.tv_usec = static_cast<suseconds_t>((timeout_s - static_cast<double>(tv.tv_sec)) * 1e6);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);  // also bounds connect()
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int rc;
    do {
      rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&t.addr), t.addr_len);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
      err = std::string("connect: ") + std::strerror(errno);
      ::close(fd);
      return false;
    }
    fd_ = fd;
    served_ = 0;
    buf_.clear();
    pos_ = 0;
    return true;
  }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    buf_.clear();
    pos_ = 0;
  }

  bool send_all(std::string_view data, std::string& err) {
    got_bytes_ = false;
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        err = (errno == EAGAIN || errno == EWOULDBLOCK)
                  ? std::string("send: timed out")
                  : std::string("send: ") + std::strerror(errno);
        return false;
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one final (non-1xx) response to a request without a HEAD method.
  bool read_response(Response& r, std::string& err) {
    r = Response{};
    compact();
    for (;;) {
      std::size_t end;
      while ((end = buf_.find("\r\n\r\n", pos_)) == std::string::npos) {
        if (buf_.size() - pos_ > kMaxHeaderBytes) return fail(err, "response header too large");
        if (!fill(err)) return false;
      }
      std::string_view head(buf_.data() + pos_, end - pos_);
      std::size_t head_len = end + 4 - pos_;
      if (!parse_head(head, r, err)) return false;
      pos_ += head_len;
      if (r.status >= 100 && r.status < 200) {
        if (r.status == 101) return fail(err, "unexpected 101 Switching Protocols");
        continue;  // interim response (100 Continue, 103 Early Hints): skip
      }
      break;
    }

    bool ok;
    if (r.status == 204 || r.status == 304) {
      ok = true;
    } else if (framing_ == Framing::chunked) {
      r.chunked = true;
      ok = read_chunked(r.body, err);
    } else if (framing_ == Framing::length) {
      ok = read_exact(content_length_, r.body, err);
    } else {
      r.keep_alive = false;
      ok = read_until_close(r.body, err);
    }
    if (!ok) return false;
    ++served_;
    return true;
  }

 private:
  enum class Framing { length, chunked, close };

  bool fail(std::string& err, const char* msg) {
    err = msg;
    return false;
  }

  void compact() {
    if (pos_ == 0) return;
    buf_.erase(0, pos_);
    pos_ = 0;
  }

  bool fill(std::string& err) {
    char tmp[16384];
    for (;;) {
      ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n > 0) {
        got_bytes_ = true;
        buf_.append(tmp, static_cast<std::size_t>(n));
        return true;
      }
      if (n == 0) return fail(err, "connection closed by server");
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return fail(err, "receive timed out");
      err = std::string("recv: ") + std::strerror(errno);
      return false;
    }
  }

  bool parse_head(std::string_view head, Response& r, std::string& err) {
    auto eol = head.find("\r\n");
    std::string_view status_line = head.substr(0, eol);
    // HTTP/1.x SP 3DIGIT [SP reason]
    if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." || status_line[8] != ' ') {
      err = "malformed status line: " + std::string(status_line.substr(0, 80));
      return false;
    }
    bool http10 = status_line[7] == '0';
    int status = 0;
    for (std::size_t i = 9; i < 12; ++i) {
      char c = status_line[i];
      if (c < '0' || c > '9') {
        err = "malformed status code: " + std::string(status_line.substr(0, 80));
        return false;
      }
      status = status * 10 + (c - '0');
    }
    if (status_line.size() > 12 && status_line[12] != ' ') {
      err = "malformed status line: " + std::string(status_line.substr(0, 80));
      return false;
    }
    r.status = status;

    bool conn_close = false, conn_keep_alive = false, have_te = false, te_chunked = false;
    std::optional<std::uint64_t> length;
    std::string_view rest =
        eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
    while (!rest.empty()) {
      auto line_end = rest.find("\r\n");
      std::string_view line = rest.substr(0, line_end);
      rest = line_end == std::string_view::npos ? std::string_view{} : rest.substr(line_end + 2);
      if (line.empty()) continue;
      if (line.front() == ' ' || line.front() == '\t') {
        err = "obsolete header line folding in response";
        return false;
      }
      auto colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        err = "malformed header line: " + std::string(line.substr(0, 80));
        return false;
      }
      std::string name = lower_ascii(line.substr(0, colon));
      std::string_view value = trim(line.substr(colon + 1));
      if (name == "content-length") {
        std::uint64_t v = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (value.empty() || ec != std::errc() || ptr != value.data() + value.size()) {
          err = "invalid Content-Length: " + std::string(value.substr(0, 40));
          return false;
        }
        if (length && *length != v) {
          err = "conflicting Content-Length headers";
          return false;
        }
        length = v;
      } else if (name == "transfer-encoding") {
        auto toks = header_tokens(value);
        if (!toks.empty()) {
          have_te = true;
          te_chunked = toks.back() == "chunked";  // chunked must be the final coding
        }
      } else if (name == "connection") {
        for (const auto& tok : header_tokens(value)) {
          if (tok == "close") conn_close = true;
          if (tok == "keep-alive") conn_keep_alive = true;
        }
      }
    }

    r.keep_alive = http10 ? (conn_keep_alive && !conn_close) : !conn_close;
    if (have_te) {
      // Transfer-Encoding overrides Content-Length (RFC 9112 §6.3); a message with
      // both, or with a final coding other than chunked, ends the connection.
      if (te_chunked) {
        framing_ = Framing::chunked;
        if (length) r.keep_alive = false;
      } else {
        framing_ = Framing::close;
        r.keep_alive = false;
      }
    } else if (length) {
      if (*length > kMaxBodyBytes) {
        err = "response body too large";
        return false;
      }
      framing_ = Framing::length;
      content_length_ = static_cast<std::size_t>(*length);
    } else {
      framing_ = Framing::close;
      r.keep_alive = false;
    }
    return true;
  }

  bool ensure(std::size_t n, std::string& err) {
    while (buf_.size() - pos_ < n) {
      if (!fill(err)) return false;
    }
    return true;
  }

  bool read_exact(std::size_t n, std::string& out, std::string& err) {
    if (!ensure(n, err)) return false;
    out.assign(buf_, pos_, n);
    pos_ += n;
    return true;
  }

  bool read_line(std::string& line, std::string& err) {
    std::size_t eol;
    while ((eol = buf_.find("\r\n", pos_)) == std::string::npos) {
      if (buf_.size() - pos_ > kMaxLineBytes) return fail(err, "chunked framing line too long");
      if (!fill(err)) return false;
    }
    line.assign(buf_, pos_, eol - pos_);
    pos_ = eol + 2;
    return true;
  }

  bool read_chunked(std::string& out, std::string& err) {
    std::string line;
    for (;;) {
      if (!read_line(line, err)) return false;
      std::string_view size_text = line;
      if (auto semi = size_text.find(';'); semi != std::string_view::npos) {
        size_text = size_text.substr(0, semi);  // chunk extensions are ignored
      }
      size_text = trim(size_text);
      std::uint64_t size = 0;
      auto [ptr, ec] =
          std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
      if (size_text.empty() || ec != std::errc() || ptr != size_text.data() + size_text.size()) {
        err = "invalid chunk size line: " + line.substr(0, 40);
        return false;
      }
      if (size == 0) {
        // Trailer section: header lines up to an empty line.
        std::size_t trailer_bytes = 0;
        for (;;) {
          if (!read_line(line, err)) return false;
          if (line.empty()) return true;
          trailer_bytes += line.size();
          if (trailer_bytes > kMaxHeaderBytes) return fail(err, "chunked trailer too large");
        }
      }
      if (size > kMaxBodyBytes || out.size() + size > kMaxBodyBytes) {
        return fail(err, "response body too large");
      }
      auto n = static_cast<std::size_t>(size);
      if (!ensure(n + 2, err)) return false;
      if (buf_[pos_ + n] != '\r' || buf_[pos_ + n + 1] != '\n') {
        return fail(err, "chunk data not followed by CRLF");
      }
      out.append(buf_, pos_, n);
      pos_ += n + 2;
    }
  }

  bool read_until_close(std::string& out, std::string& err) {
    for (;;) {
      char tmp[16384];
      ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
      if (n > 0) {
        buf_.append(tmp, static_cast<std::size_t>(n));
        if (buf_.size() - pos_ > kMaxBodyBytes) return fail(err, "response body too large");
        continue;
      }
      if (n == 0) break;
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return fail(err, "receive timed out");
      err = std::string("recv: ") + std::strerror(errno);
      return false;
    }
    out.assign(buf_, pos_, std::string::npos);
    pos_ = buf_.size();
    return true;
  }

  int fd_ = -1;
  std::string buf_;
  std::size_t pos_ = 0;
  std::uint64_t served_ = 0;
  bool got_bytes_ = false;
  Framing framing_ = Framing::length;
  std::size_t content_length_ = 0;
};

// ---------------------------------------------------------------------------
// Order generation

struct Place {
  const char* city;
  const char* postal_code;
  const char* country;
  double latitude;
  double longitude;
  const char* street;
  const char* phone_prefix;
};

constexpr std::array<Place, 16> kPlaces{{
    {"Berlin", "10115", "DE", 52.5321, 13.3849, "Invalidenstrasse", "+49 30"},
    {"Hamburg", "20095", "DE", 53.5503, 10.0006, "Moenckebergstrasse", "+49 40"},
    {"Munich", "80331", "DE", 48.1374, 11.5755, "Sendlinger Strasse", "+49 89"},
    {"Cologne", "50667", "DE", 50.9384, 6.9599, "Hohe Strasse", "+49 221"},
    {"Frankfurt am Main", "60311", "DE", 50.1106, 8.6821, "Zeil", "+49 69"},
    {"Paris", "75001", "FR", 48.8606, 2.3376, "Rue de Rivoli", "+33 1"},
    {"Lyon", "69002", "FR", 45.7578, 4.8320, "Rue de la Republique", "+33 4"},
    {"Amsterdam", "1012 JS", "NL", 52.3731, 4.8922, "Damrak", "+31 20"},
    {"Rotterdam", "3011 AD", "NL", 51.9225, 4.4792, "Coolsingel", "+31 10"},
    {"Brussels", "1000", "BE", 50.8467, 4.3525, "Rue Neuve", "+32 2"},
    {"Vienna", "1010", "AT", 48.2082, 16.3738, "Kaerntner Strasse", "+43 1"},
    {"Milan", "20121", "IT", 45.4685, 9.1824, "Via Manzoni", "+39 02"},
    {"Madrid", "28013", "ES", 40.4168, -3.7038, "Calle Gran Via", "+34 91"},
    {"Copenhagen", "1160", "DK", 55.6786, 12.5635, "Stroget", "+45 33"},
    {"Warsaw", "00-001", "PL", 52.2297, 21.0122, "Nowy Swiat", "+48 22"},
    {"London", "EC1A 1BB", "GB", 51.5194, -0.0978, "Aldersgate Street", "+44 20"},
}};

constexpr std::array<const char*, 24> kFirstNames{
    "Anna",    "Ben",   "Clara", "David", "Elena", "Felix",  "Greta",  "Hugo",
    "Ines",    "Jonas", "Katja", "Lukas", "Marie", "Noah",   "Olivia", "Paul",
    "Quentin", "Rosa",  "Sofia", "Tom",   "Ulla",  "Victor", "Wiebke", "Yusuf"};
constexpr std::array<const char*, 25> kLastNames{
    "Schmidt", "Mueller",  "Dubois", "de Vries", "Rossi",  "Garcia",  "Nowak", "Jensen",  "Peeters",
    "Huber",   "Martin",   "Bakker", "Fischer",  "Weber",  "Moreau",  "Smith", "Janssen", "Bianchi",
    "Lopez",   "Kowalski", "Larsen", "Wagner",   "Becker", "Laurent", "Visser"};

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
}

class OrderGen {
 public:
  OrderGen(const Options& o, int client)
      : o_(o),
        client_(client),
        rng_(splitmix64(o.seed ^ splitmix64(static_cast<std::uint64_t>(client) + 1))) {}

  // Builds the next order body; returns the number of lines.
  int next(std::string& body, std::string& order_id) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "bench-%s-%03d-%08" PRIu64, o_.run_id.c_str(), client_, seq_++);
    order_id = buf;

    const int c = uniform(0, kCustomerPool - 1);
    const std::uint64_t h = splitmix64(static_cast<std::uint64_t>(c) * 7919u + 17u);
    const Place& place = kPlaces[h % kPlaces.size()];
    const char* first = kFirstNames[static_cast<std::size_t>(c) % kFirstNames.size()];
    const char* last =
        kLastNames[(static_cast<std::size_t>(c) / kFirstNames.size()) % kLastNames.size()];
    char name[96];
    std::snprintf(name, sizeof name, "%s %s", first, last);

    body.clear();
    body += "{\"channel\":";
    append_json_string(body, o_.channel);
    body += ",\"channel_order_id\":";
    append_json_string(body, order_id);

    std::snprintf(buf, sizeof buf,
                  ",\"customer\":{\"email\":\"customer-%05d@example.com\",\"name\":", c);
    body += buf;
    append_json_string(body, name);
    if (c % 3 != 0) {
      std::snprintf(buf, sizeof buf, ",\"phone\":\"%s %07u\"", place.phone_prefix,
                    static_cast<unsigned>((h >> 16) % 10000000u));
      body += buf;
    }
    body += "},\"ship_to\":{\"name\":";
    append_json_string(body, name);
    std::snprintf(buf, sizeof buf, ",\"line1\":\"%s %u\"", place.street,
                  static_cast<unsigned>((h >> 8) % 180u) + 1u);
    body += buf;
    if (h % 5 == 0) {
      std::snprintf(buf, sizeof buf, ",\"line2\":\"Apt %u\"",
                    static_cast<unsigned>((h >> 24) % 40u) + 1u);
      body += buf;
    }
    body += ",\"city\":";
    append_json_string(body, place.city);
    body += ",\"postal_code\":";
    append_json_string(body, place.postal_code);
    std::snprintf(buf, sizeof buf, ",\"country\":\"%s\",\"latitude\":%.4f,\"longitude\":%.4f}",
                  place.country, place.latitude, place.longitude);
    body += buf;

    const int nlines = uniform(o_.lines_min, o_.lines_max);
    skus_.clear();
    while (static_cast<int>(skus_.size()) < nlines) {
      int s = uniform(1, o_.skus);
      if (std::find(skus_.begin(), skus_.end(), s) == skus_.end()) skus_.push_back(s);
    }
    body += ",\"lines\":[";
    for (std::size_t i = 0; i < skus_.size(); ++i) {
      const int s = skus_[i];
      const int qty = uniform(1, 3);
      // Price fixed per SKU so that the same SKU always costs the same.
      const auto price =
          199u + static_cast<unsigned>(splitmix64(static_cast<std::uint64_t>(s)) % 9800u);
      std::snprintf(buf, sizeof buf,
                    "%s{\"sku\":\"SKU-%05d\",\"quantity\":%d,\"unit_price\":{\"amount_minor\":%u,"
                    "\"currency\":\"EUR\"}}",
                    i ? "," : "", s, qty, price);
      body += buf;
    }
    body += "]}";
    return nlines;
  }

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  const Options& o_;
  int client_;
  std::mt19937_64 rng_;
  std::uint64_t seq_ = 0;
  std::vector<int> skus_;
};

// ---------------------------------------------------------------------------
// Clients

struct Shared {
  const Options* opt = nullptr;
  std::vector<Target> targets;  // client i talks to targets[i % size]
  TimePoint measure_start;
  TimePoint measure_end;  // duration mode only
  bool orders_mode = false;
  std::atomic<long long> tickets{0};
  std::atomic<bool> go{false};
  std::atomic<int> ready{0};
  std::atomic<std::uint64_t> progress_ok{0};
  std::atomic<std::uint64_t> progress_err{0};
  std::atomic<int> errors_shown{0};
  std::mutex print_mu;
};

struct ClientResult {
  std::vector<std::uint64_t> latencies_ns;  // measured 2xx only
  std::uint64_t ok = 0;
  std::uint64_t non2xx = 0;
  std::uint64_t transport = 0;
  std::uint64_t lines = 0;
  std::uint64_t warmup_sent = 0;
  std::uint64_t connects = 0;
  std::uint64_t connect_failures = 0;
  std::uint64_t retries = 0;
  std::map<int, std::uint64_t> statuses;                  // measured
  std::map<std::string, std::uint64_t> transport_errors;  // measured
  TimePoint last_end{};
  bool any_measured = false;
};

void show_error(Shared& sh, bool measured, const std::string& order_id, int status,
                const std::string& body) {
  if (sh.errors_shown.fetch_add(1) >= sh.opt->show_errors) return;
  std::string shown = body.substr(0, 600);
  for (char& ch : shown) {
    if (ch == '\n' || ch == '\r') ch = ' ';
  }
  std::lock_guard<std::mutex> lock(sh.print_mu);
  if (status > 0) {
    std::fprintf(stderr, "load_orders: %sHTTP %d for %s: %s%s\n", measured ? "" : "[warmup] ",
                 status, order_id.c_str(), shown.c_str(), body.size() > 600 ? " ..." : "");
  } else {
    std::fprintf(stderr, "load_orders: %sno response for %s: %s\n", measured ? "" : "[warmup] ",
                 order_id.c_str(), shown.c_str());
  }
}

void interruptible_sleep(std::chrono::milliseconds d, TimePoint limit) {
  auto until = std::min(Clock::now() + d, limit);
  while (!g_stop.load(std::memory_order_relaxed) && Clock::now() < until) {
    std::this_thread::sleep_for(
        std::min<Clock::duration>(std::chrono::milliseconds(10), until - Clock::now()));
  }
}

void client_main(int idx, Shared& sh, ClientResult& res) {
  const Options& o = *sh.opt;
  OrderGen gen(o, idx);
  Conn conn;
  std::string err;
  std::string body, order_id, request;
  Response resp;
  res.latencies_ns.reserve(1 << 16);

  // Connect before the start so the first measured request does not pay for it.
  const Target& target = sh.targets[static_cast<size_t>(idx) % sh.targets.size()];
  if (conn.open(target, o.timeout_s, err)) {
    ++res.connects;
  } else {
    ++res.connect_failures;
  }
  sh.ready.fetch_add(1);
  while (!sh.go.load()) {
    if (g_stop.load()) return;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }

  const std::string head_prefix = "POST " + o.path + " HTTP/1.1\r\nHost: " + target.host_header +
                                  "\r\nAuthorization: Bearer " + o.token +
                                  "\r\nContent-Type: application/json\r\nAccept: application/json"
                                  "\r\nUser-Agent: wareflow-load-orders/1\r\nConnection: keep-alive"
                                  "\r\nContent-Length: ";
  int backoff_ms = 0;
  const TimePoint far_future = Clock::now() + std::chrono::hours(24 * 365);

  while (!g_stop.load(std::memory_order_relaxed)) {
    const TimePoint start = Clock::now();
    bool measured = false;
    if (start >= sh.measure_start) {
      if (sh.orders_mode) {
        if (sh.tickets.fetch_sub(1) <= 0) break;
      } else if (start >= sh.measure_end) {
        break;
      }
      measured = true;
    }

    const int nlines = gen.next(body, order_id);
    request.clear();
    request += head_prefix;
    request += std::to_string(body.size());
    request += "\r\n\r\n";
    request += body;

    bool answered = false;
    bool connect_failed = false;
    err.clear();
    for (int attempt = 0; attempt < 2 && !answered; ++attempt) {
      if (!conn.is_open()) {
        if (!conn.open(target, o.timeout_s, err)) {
          ++res.connect_failures;
          connect_failed = true;
          break;
        }
        ++res.connects;
      }
      const bool reused = conn.served() > 0;
      if (conn.send_all(request, err) && conn.read_response(resp, err)) {
        answered = true;
        if (!resp.keep_alive) conn.close();
        break;
      }
      // A kept-alive connection that the server closed before answering: the
      // request is safe to send again (same channel_order_id and body, so the
      // server treats a duplicate as an idempotent replay).
      const bool retryable = reused && !conn.got_bytes();
      conn.close();
      if (!retryable) break;
      ++res.retries;
    }
    const TimePoint end = Clock::now();

    if (!measured) ++res.warmup_sent;
    if (answered) {
      backoff_ms = 0;
      const bool ok = resp.status >= 200 && resp.status < 300;
      if (measured) {
        ++res.statuses[resp.status];
        res.last_end = end;
        res.any_measured = true;
        if (ok) {
          ++res.ok;
          res.lines += static_cast<std::uint64_t>(nlines);
          res.latencies_ns.push_back(static_cast<std::uint64_t>(
              std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count()));
        } else {
          ++res.non2xx;
        }
      }
      if (ok) {
        sh.progress_ok.fetch_add(1, std::memory_order_relaxed);
      } else {
        sh.progress_err.fetch_add(1, std::memory_order_relaxed);
        show_error(sh, measured, order_id, resp.status, resp.body);
      }
    } else {
      if (measured) {
        ++res.transport;
        ++res.transport_errors[err];
        res.last_end = end;
        res.any_measured = true;
      }
      sh.progress_err.fetch_add(1, std::memory_order_relaxed);
      show_error(sh, measured, order_id, 0, err);
      if (connect_failed) {
        backoff_ms = backoff_ms == 0 ? 10 : std::min(backoff_ms * 2, 500);
        interruptible_sleep(std::chrono::milliseconds(backoff_ms),
                            sh.orders_mode ? far_future : sh.measure_end);
      }
    }
  }
}

double ns_to_ms(std::uint64_t ns) { return static_cast<double>(ns) / 1e6; }

std::uint64_t percentile(const std::vector<std::uint64_t>& sorted, double p) {
  // Nearest-rank percentile.
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  if (rank < 1) rank = 1;
  if (rank > sorted.size()) rank = sorted.size();
  return sorted[rank - 1];
}

std::string json_ms(bool have, std::uint64_t ns) {
  if (!have) return "null";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f", ns_to_ms(ns));
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt = parse_args(argc, argv);
  std::vector<Target> targets;
  for (int port : opt.ports) {
    auto one = loopback_target(opt.host, port);
    if (!one) {
      std::fprintf(stderr,
                   "load_orders: refusing host '%s': only loopback targets are allowed "
                   "(127.x.x.x, localhost, ::1)\n",
                   opt.host.c_str());
      return 2;
    }
    targets.push_back(*one);
  }
  const Target* target = &targets.front();

  struct sigaction sa {};
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, nullptr);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  Shared sh;
  sh.opt = &opt;
  sh.targets = targets;
  sh.orders_mode = opt.orders > 0;
  sh.tickets.store(opt.orders);

  std::vector<ClientResult> results(static_cast<std::size_t>(opt.clients));
  std::vector<std::thread> threads;
  threads.reserve(results.size());
  // Start times must be set before the threads look at them; they are
  // published by the release store to `go` below.
  for (int i = 0; i < opt.clients; ++i) {
    threads.emplace_back(client_main, i, std::ref(sh),
                         std::ref(results[static_cast<std::size_t>(i)]));
  }
  while (sh.ready.load() < opt.clients && !g_stop.load())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));

  const auto to_dur = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  const TimePoint t0 = Clock::now();
  sh.measure_start = t0 + to_dur(opt.warmup_s);
  sh.measure_end = sh.measure_start + to_dur(opt.duration_s);
  sh.go.store(true);

  if (!opt.quiet) {
    char plan[64];
    if (sh.orders_mode) {
      std::snprintf(plan, sizeof plan, "then %lld orders", opt.orders);
    } else {
      std::snprintf(plan, sizeof plan, "then %.1fs", opt.duration_s);
    }
    std::fprintf(stderr, "load_orders: %d clients -> %s%s, run id %s, warmup %.1fs, %s\n",
                 opt.clients, target->display.c_str(), opt.path.c_str(), opt.run_id.c_str(),
                 opt.warmup_s, plan);
  }

  // Wait for the clients, with a progress line each second.
  std::atomic<int> done{0};
  std::thread joiner([&] {
    for (auto& t : threads) t.join();
    done.store(1);
  });
  TimePoint next_report = t0 + std::chrono::seconds(1);
  std::uint64_t last_ok = 0;
  while (!done.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const TimePoint now = Clock::now();
    if (!opt.quiet && now >= next_report) {
      const std::uint64_t ok = sh.progress_ok.load(std::memory_order_relaxed);
      const std::uint64_t er = sh.progress_err.load(std::memory_order_relaxed);
      std::lock_guard<std::mutex> lock(sh.print_mu);
      std::fprintf(stderr,
                   "load_orders: t=%5.1fs %s ok=%" PRIu64 " (+%" PRIu64 "/s) errors=%" PRIu64 "\n",
                   std::chrono::duration<double>(now - t0).count(),
                   now < sh.measure_start ? "warmup " : "measure", ok, ok - last_ok, er);
      last_ok = ok;
      next_report += std::chrono::seconds(1);
    }
  }
  joiner.join();
  const TimePoint finished = Clock::now();

  // Merge.
  ClientResult total;
  std::vector<std::uint64_t> lat;
  for (auto& r : results) {
    lat.insert(lat.end(), r.latencies_ns.begin(), r.latencies_ns.end());
    total.ok += r.ok;
    total.non2xx += r.non2xx;
    total.transport += r.transport;
    total.lines += r.lines;
    total.warmup_sent += r.warmup_sent;
    total.connects += r.connects;
    total.connect_failures += r.connect_failures;
    total.retries += r.retries;
    for (auto& [k, v] : r.statuses) total.statuses[k] += v;
    for (auto& [k, v] : r.transport_errors) total.transport_errors[k] += v;
    if (r.any_measured) {
      if (!total.any_measured || r.last_end > total.last_end) total.last_end = r.last_end;
      total.any_measured = true;
    }
  }
  std::sort(lat.begin(), lat.end());

  // Measured window: from the end of the warmup to the last measured answer; in
  // duration mode at least to the planned end (or to an early stop).
  double duration_s = 0;
  if (finished > sh.measure_start) {
    TimePoint end = sh.orders_mode ? sh.measure_start : std::min(sh.measure_end, finished);
    if (total.any_measured && total.last_end > end) end = total.last_end;
    duration_s = std::chrono::duration<double>(end - sh.measure_start).count();
  }
  const std::uint64_t errors = total.non2xx + total.transport;
  const double orders_per_s = duration_s > 0 ? static_cast<double>(total.ok) / duration_s : 0.0;
  const double lines_per_order =
      total.ok ? static_cast<double>(total.lines) / static_cast<double>(total.ok) : 0.0;
  const bool have = !lat.empty();
  const std::uint64_t p50 = percentile(lat, 50), p90 = percentile(lat, 90),
                      p99 = percentile(lat, 99);
  const std::uint64_t mx = have ? lat.back() : 0;
  long double sum = 0;
  for (auto v : lat) sum += static_cast<long double>(v);
  const double mean_ms =
      have ? static_cast<double>(sum / static_cast<long double>(lat.size())) / 1e6 : 0.0;

  std::string statuses;
  for (auto& [k, v] : total.statuses) {
    statuses += (statuses.empty() ? "" : ", ") + std::to_string(k) + ": " + std::to_string(v);
  }

  std::printf("Wareflow order capture: POST %s on %s\n", opt.path.c_str(), target->display.c_str());
  std::printf("  run id          %s (seed %" PRIu64 ", channel %s)\n", opt.run_id.c_str(), opt.seed,
              opt.channel.c_str());
  std::printf("  clients         %d keep-alive connections, closed loop\n", opt.clients);
  std::printf("  warmup          %.1f s, %" PRIu64 " orders sent, not measured\n", opt.warmup_s,
              total.warmup_sent);
  std::printf("  measured        %.3f s%s\n", duration_s,
              g_stop.load() ? " (stopped early by a signal)" : "");
  std::printf("  orders ok       %" PRIu64 " (2xx)\n", total.ok);
  std::printf("  errors          %" PRIu64 " (non-2xx %" PRIu64 ", no response %" PRIu64 ")\n",
              errors, total.non2xx, total.transport);
  std::printf("  statuses        %s\n", statuses.empty() ? "-" : statuses.c_str());
  for (auto& [k, v] : total.transport_errors)
    std::printf("  transport       %" PRIu64 " x %s\n", v, k.c_str());
  std::printf("  throughput      %.1f orders/s, %.1f lines/s\n", orders_per_s,
              duration_s > 0 ? static_cast<double>(total.lines) / duration_s : 0.0);
  if (have) {
    std::printf("  latency (ms)    p50 %.3f  p90 %.3f  p99 %.3f  max %.3f  mean %.3f\n",
                ns_to_ms(p50), ns_to_ms(p90), ns_to_ms(p99), ns_to_ms(mx), mean_ms);
  } else {
    std::printf("  latency (ms)    -\n");
  }
  std::printf("  lines/order     %.3f\n", lines_per_order);
  std::printf("  connections     %" PRIu64 " opened, %" PRIu64 " failed to open, %" PRIu64
              " requests resent\n",
              total.connects, total.connect_failures, total.retries);
  std::printf("{\"clients\":%d,\"orders\":%" PRIu64 ",\"errors\":%" PRIu64
              ",\"duration_s\":%.3f,\"orders_per_s\":%.1f,\"p50_ms\":%s,\"p90_ms\":%s,\"p99_ms\":%"
              "s,\"max_ms\":%s,"
              "\"lines_per_order\":%.3f}\n",
              opt.clients, total.ok, errors, duration_s, orders_per_s, json_ms(have, p50).c_str(),
              json_ms(have, p90).c_str(), json_ms(have, p99).c_str(), json_ms(have, mx).c_str(),
              lines_per_order);
  std::fflush(stdout);
  return (total.ok > 0 && errors == 0) ? 0 : 1;
}
