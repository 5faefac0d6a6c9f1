// The only translation unit that includes Boost.Beast (slow to compile).
#include "api/server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

#include "api/request_id.h"

namespace wareflow::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

constexpr size_t kHeaderLimitBytes = 16 * 1024;
constexpr int kAcceptPauseMs = 100;
constexpr int kSendBufferBytes = 256 * 1024;

// A warning that a flood of clients could repeat thousands of times a
// second: logged at most once in five seconds, with how often it happened.
class ThrottledWarning {
 public:
  // Returns how many times it happened since the last line (this one
  // included) when a line is due now, else 0.
  int64_t due() {
    std::lock_guard lock(mutex_);
    ++count_;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::seconds(5)) return 0;
    last_ = now;
    return std::exchange(count_, 0);
  }

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
  int64_t count_ = 0;
};

struct Shared {
  Api& api;
  const ServerOptions& options;
  int max_connections;
  std::atomic<int64_t> in_flight{0};
  std::atomic<int> open_connections{0};
  ThrottledWarning connections_full{};
  ThrottledWarning accept_failing{};
  RequestIds request_ids{};
};

bool parse_target(std::string_view target, Request& request) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  // The path as sent: the router splits it at '/' before it decodes a
  // segment, so an encoded "%2F" stays inside its segment.
  request.path = std::string(parsed->encoded_path());
  for (auto param : parsed->params()) {
    request.query[std::string(param.key)] = std::string(param.value);
  }
  return true;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {
    ++shared_.open_connections;
    shared_.api.metrics().connections_open().add(1);
  }
  ~Session() {
    --shared_.open_connections;
    shared_.api.metrics().connections_open().add(-1);
  }

  void start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimitBytes);
    parser_->body_limit(shared_.options.max_body_bytes);
    stream_.expires_after(std::chrono::seconds(shared_.options.header_timeout_s));
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec == http::error::body_limit) {  // a Content-Length over the limit
      method_ = std::string(parser_->get().method_string());
      path_ = std::string(parser_->get().target());
      request_id_ = shared_.request_ids.accept_or_make(parser_->get()["X-Request-Id"]);
      started_ = std::chrono::steady_clock::now();
      return reply_and_close(problem(
          413, "payload_too_large",
          "the body is larger than " + std::to_string(shared_.options.max_body_bytes) + " bytes"));
    }
    if (ec == http::error::header_limit) {
      method_ = "-";
      path_ = "-";
      request_id_ = shared_.request_ids.next();  // the headers were never read
      started_ = std::chrono::steady_clock::now();
      return reply_and_close(problem(431, "headers_too_large",
                                     "the request line and headers are larger than " +
                                         std::to_string(kHeaderLimitBytes / 1024) + " KiB"));
    }
    if (ec) return close();
    auto length = parser_->content_length();
    if (length && *length > shared_.options.max_body_bytes) {
      method_ = std::string(parser_->get().method_string());
      path_ = std::string(parser_->get().target());
      request_id_ = shared_.request_ids.accept_or_make(parser_->get()["X-Request-Id"]);
      started_ = std::chrono::steady_clock::now();
      return reply_and_close(problem(
          413, "payload_too_large",
          "the body is larger than " + std::to_string(shared_.options.max_body_bytes) + " bytes"));
    }
    stream_.expires_after(std::chrono::seconds(shared_.options.body_timeout_s));
    // curl and others wait for "100 Continue" before sending a larger body.
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      auto interim =
          std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      http::async_write(stream_, *interim,
                        [self = shared_from_this(), interim](beast::error_code write_ec, size_t) {
                          if (write_ec) return self->close();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->on_body(ec); });
  }

  void on_body(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return reply_and_close(problem(413, "payload_too_large", "the body is too large"));
    }
    if (ec) return close();
    stream_.expires_never();
    auto& message = parser_->get();
    started_ = std::chrono::steady_clock::now();
    keep_alive_ = message.keep_alive();
    version_ = message.version();
    Request request;
    request.method = std::string(message.method_string());
    request.request_id = shared_.request_ids.accept_or_make(message["X-Request-Id"]);
    request_id_ = request.request_id;
    method_ = request.method;
    path_ = "-";
    target_ = std::string(message.target());
    if (!parse_target(message.target(), request)) {
      return send(problem(400, "malformed_request", "the request target is not a valid path"));
    }
    request.body = std::move(message.body());
    request.authorization = std::string(message[http::field::authorization]);
    request.idempotency_key = std::string(message["Idempotency-Key"]);
    request.content_type = std::string(message[http::field::content_type]);
    method_ = request.method;
    path_ = request.path;
    if (shared_.options.web) {
      if (auto file = shared_.options.web->serve(request)) {
        file->route = kWebRoute;
        return send(std::move(*file));
      }
    }
    ++shared_.in_flight;
    counted_ = true;
    shared_.api.handle(request, [self = shared_from_this()](Response response) {
      if (!response.log_path.empty()) self->path_ = response.log_path;
      net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->send(std::move(response));
      });
    });
  }

  void send(Response r) {
    auto response = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), version_ ? version_ : 11);
    response->set(http::field::server, "wareflow");
    response->set(http::field::content_type, r.content_type);
    response->set(http::field::cache_control, "no-store");
    for (const auto& [name, value] : r.headers) response->set(name, value);
    if (!request_id_.empty()) response->set("X-Request-Id", request_id_);
    response->keep_alive(keep_alive_ && !closing_);
    size_t bytes = r.body.size();
    response->body() = std::move(r.body);
    response->prepare_payload();
    if (!method_.empty()) {
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
      std::string_view route = r.route.empty() ? kUnmatchedRoute : std::string_view(r.route);
      shared_.api.metrics().request(method_, route, r.status, seconds);
      if (shared_.options.log_requests) log_request(r, route, seconds, bytes);
    }
    stream_.expires_after(std::chrono::seconds(shared_.options.write_timeout_s));
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](beast::error_code ec, size_t) {
                        if (self->counted_) --self->shared_.in_flight;
                        self->counted_ = false;
                        self->method_.clear();
                        self->request_id_.clear();
                        if (ec) return self->close();
                        if (self->closing_) return self->linger_close();
                        if (!response->keep_alive()) return self->close();
                        self->read_header();
                      });
  }

  // One line per request. The path is the client's, so in text it is the
  // last field but one and in JSON an escaped string: neither can forge a field.
  void log_request(const Response& r, std::string_view route, double seconds, size_t bytes) {
    double ms = seconds * 1000;
    const std::string& token = r.principal.empty() ? std::string("-") : r.principal;
    if (shared_.options.log_json) {
      boost::json::object line{{"event", "request"},
                               {"request_id", request_id_},
                               {"method", method_},
                               {"path", path_},
                               {"route", route},
                               {"status", r.status},
                               {"duration_ms", std::round(ms * 1000) / 1000},
                               {"bytes", bytes},
                               {"token", token}};
      if (!r.error_code.empty()) line["code"] = r.error_code;
      spdlog::info("{}", boost::json::serialize(line));
      return;
    }
    spdlog::info(
        "request id={} method={} path={} status={} duration_ms={:.3f} bytes={} token={}{}{}",
        request_id_, method_, path_, r.status, ms, bytes, token,
        r.error_code.empty() ? "" : " code=", r.error_code);
  }

  void reply_and_close(Response r) {
    closing_ = true;
    send(std::move(r));
  }

  // After refusing a request whose body we did not read (413), closing at once
  // would reset the connection and the client might never see the answer:
  // stop sending, then read and drop what still comes, for a short while.
  void linger_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(2));
    drain_ = std::make_shared<std::array<char, 16384>>();
    drain();
  }

  void drain() {
    stream_.async_read_some(net::buffer(*drain_),
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::chrono::steady_clock::time_point started_;
  bool keep_alive_ = true;
  bool closing_ = false;
  bool counted_ = false;  // this request is in shared_.in_flight
  unsigned version_ = 11;
  std::string method_, path_, target_, request_id_;
  std::shared_ptr<std::array<char, 16384>> drain_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::endpoint endpoint, Shared& shared)
      : ioc_(ioc), acceptor_(net::make_strand(ioc)), shared_(shared) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                             self->on_accept(ec, std::move(socket));
                           });
  }

  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  // Only stop() ends the loop: every other failure accepts again, at once
  // or, out of descriptors or memory, after a pause (each try would fail
  // the same way until some connection closes).
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;  // closed for shutdown
    if (ec) {
      if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space ||
          ec == net::error::no_memory || ec.value() == ENFILE) {
        if (int64_t times = shared_.accept_failing.due()) {
          spdlog::warn("accept failed {} times: {}; {} connections open; trying again every {} ms",
                       times, ec.message(), shared_.open_connections.load(), kAcceptPauseMs);
        }
        pause_.expires_after(std::chrono::milliseconds(kAcceptPauseMs));
        pause_.async_wait([self = shared_from_this()](beast::error_code) { self->accept(); });
        return;
      }
      return accept();  // e.g. the client went away before it was accepted
    }
    if (shared_.open_connections.load() >= shared_.max_connections) {
      if (int64_t times = shared_.connections_full.due()) {
        spdlog::warn("connection limit {} reached: refused {} connections with 503",
                     shared_.max_connections, times);
      }
      shared_.api.metrics().refused(HttpMetrics::Refusal::too_many_connections);
      refuse(socket);
      return accept();
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    // A fixed send buffer (the kernel doubles it) instead of one that grows
    // to megabytes for a client that reads slowly or not at all.
    socket.set_option(net::socket_base::send_buffer_size(kSendBufferBytes), ignored);
    std::make_shared<Session>(std::move(socket), shared_)->start();
    accept();
  }

  // Answers 503 without reading the request and closes: one non-blocking
  // send into an empty socket buffer, so it never waits for the client.
  static void refuse(tcp::socket& socket) {
    static constexpr std::string_view kFull =
        "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n"
        "Content-Type: application/problem+json\r\nContent-Length: 135\r\n\r\n"
        "{\"type\":\"https://wareflow.dev/problems/too_many_connections\",\"title\":\"Too many "
        "connections\",\"status\":503,\"code\":\"too_many_connections\"}";
    static_assert(kFull.size() - kFull.find("\r\n\r\n") - 4 == 135);
    beast::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.send(net::buffer(kFull.data(), kFull.size()), 0, ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer pause_{acceptor_.get_executor()};
  Shared& shared_;
};

// How many connections the descriptor limit leaves room for. The soft limit
// is raised to the hard one first (as nginx's worker_rlimit_nofile does);
// some descriptors stay for the database, files and the log.
int connection_cap(int wanted) {
  constexpr rlim_t kReserved = 128;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  if (limit.rlim_cur == RLIM_INFINITY) return wanted;
  rlim_t room = limit.rlim_cur > 2 * kReserved ? limit.rlim_cur - kReserved : limit.rlim_cur / 2;
  return static_cast<int>(std::min<rlim_t>(static_cast<rlim_t>(wanted), room));
}

}  // namespace

void serve(Api& api, const ServerOptions& options,
           const std::function<void(uint16_t port)>& on_listening) {
  net::io_context ioc(options.threads);
  Shared shared{api, options, connection_cap(options.max_connections)};
  if (shared.max_connections < options.max_connections) {
    spdlog::info("at most {} connections: the descriptor limit leaves no room for {}",
                 shared.max_connections, options.max_connections);
  }
  auto address = net::ip::make_address(options.host);
  auto listener = std::make_shared<Listener>(ioc, tcp::endpoint(address, options.port), shared);
  listener->accept();
  if (on_listening) on_listening(listener->port());

  std::thread stopper;
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int signal) {
    spdlog::info("signal {}: stopping; {} requests in flight", signal, shared.in_flight.load());
    listener->stop();
    // Wait (off the io threads) for in-flight requests to be answered.
    stopper = std::thread([&ioc, &shared] {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
      while (shared.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      ioc.stop();
    });
  });

  std::vector<std::thread> threads;
  for (int i = 1; i < options.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  if (stopper.joinable()) stopper.join();
  // Background jobs answer by posting to this io_context: they finish while
  // it still exists (the posts are then dropped with it, never run).
  api.wait_for_background_work();
}

}  // namespace wareflow::api
