#include "engine/http/server.hpp"

#include "engine/http/router.hpp"
#include "engine/thread_name.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace touchpoint::engine::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

struct server::impl {
    impl(server_options o, request_handler h) : options(std::move(o)), handler(std::move(h)), workers(options.worker_threads) {}

    server_options options;
    request_handler handler;
    net::io_context ioc{options.io_threads};
    net::thread_pool workers;
    tcp::acceptor acceptor{ioc};
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};
    bool stopped = false;
    std::mutex stop_mutex;
    std::condition_variable stopped_cv;

    // Connections waiting for their next request, so stop() can close them.
    std::mutex sessions_mutex;
    std::uint64_t next_session = 0;
    std::unordered_map<std::uint64_t, std::weak_ptr<beast::tcp_stream>> idle_sessions;

    void set_idle(std::uint64_t id, const std::shared_ptr<beast::tcp_stream>& stream) {
        std::lock_guard lock(sessions_mutex);
        if (stream) idle_sessions[id] = stream;
        else idle_sessions.erase(id);
    }

    template <class F>
    net::awaitable<std::invoke_result_t<F&>> on_workers(F f) {
        using result = std::invoke_result_t<F&>;
        co_return co_await net::co_spawn(
            workers.get_executor(),
            [f = std::move(f)]() mutable -> net::awaitable<result> {
                // Asio's pool starts its threads itself: each names itself on its first task.
                thread_local const bool named = (name_this_thread("tp-worker"), true);
                (void)named;
                co_return f();
            },
            net::use_awaitable);
    }

    // Waits, without holding a thread, for a handler that answers later. Not a
    // coroutine itself: the initiation lives in Asio's frame, not as a temporary
    // in ours (g++ 12 mishandles non-trivial temporaries inside co_await).
    static net::awaitable<response> await_deferred(std::function<void(reply_function)> deferred) {
        return net::async_initiate<decltype(net::use_awaitable), void(response)>(
            [deferred = std::move(deferred)](auto handler) mutable {
                using handler_type = decltype(handler);
                auto shared = std::make_shared<handler_type>(std::move(handler));
                deferred([shared](response_builder build) {
                    // Build and send on the connection's own executor, whichever thread replies.
                    auto executor = net::get_associated_executor(*shared);
                    net::post(executor, [shared, build = std::move(build)]() mutable {
                        response res;
                        try {
                            res = build();
                        } catch (const std::exception& e) {
                            spdlog::error("building a deferred response failed: {}", e.what());
                            res = error_response(500, "internal", "the server failed to handle the request");
                        }
                        (*shared)(std::move(res));
                    });
                });
            },
            net::use_awaitable);
    }

    net::awaitable<void> listen();
    net::awaitable<void> session(std::shared_ptr<beast::tcp_stream> connection);
    net::awaitable<bool> write(beast::tcp_stream& stream, response& res, unsigned version, bool keep_alive, bool head);

    net::awaitable<void> reject_too_large(beast::tcp_stream& stream, unsigned version) {
        auto res = error_response(413, "payload_too_large",
                                  "the request body exceeds the limit of " + std::to_string(options.body_limit) + " bytes");
        co_await write(stream, res, version, false, false);
        // Closing with the unread body still arriving would reset the connection
        // and the client might never see the 413: read and discard a while first.
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.expires_after(std::chrono::seconds(2));
        std::array<char, 16 * 1024> sink;
        for (std::size_t drained = 0; drained < 8 * options.body_limit + (1 << 20);) {
            auto [drain_ec, got] = co_await stream.async_read_some(net::buffer(sink), use_tuple);
            if (drain_ec) break;
            drained += got;
        }
    }
};

namespace {

request to_request(const bhttp::request<bhttp::string_body>& in, bool& valid) {
    request out;
    out.method = std::string(in.method_string());
    out.target = std::string(in.target());
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto [it, inserted] = out.headers.emplace(std::move(name), std::string(field.value()));
        if (!inserted) it->second += ", " + std::string(field.value());
    }
    out.body = in.body();
    valid = parse_target(out.target, out.path, out.query);
    return out;
}

void fail(beast::error_code ec, const char* what) {
    // Timeouts, resets and clients going away are normal life for a server.
    if (ec == net::error::operation_aborted || ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == bhttp::error::end_of_stream)
        return;
    spdlog::debug("http {}: {}", what, ec.message());
}

} // namespace

net::awaitable<bool> server::impl::write(beast::tcp_stream& stream, response& res, unsigned version, bool keep_alive,
                                         bool head) {
    stream.expires_after(std::chrono::seconds(60));
    if (!res.stream) {
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
        out.set(bhttp::field::server, "Touchpoint");
        for (const auto& [name, value] : res.headers) out.set(name, value);
        out.keep_alive(keep_alive);
        out.content_length(res.body.size());
        if (!head) out.body() = std::move(res.body);
        auto [ec, n] = co_await bhttp::async_write(stream, out, use_tuple);
        if (ec) fail(ec, "write");
        co_return !ec;
    }
    bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(res.status), version};
    out.set(bhttp::field::server, "Touchpoint");
    for (const auto& [name, value] : res.headers) out.set(name, value);
    out.keep_alive(keep_alive);
    out.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{out};
    auto [ec, n] = co_await bhttp::async_write_header(stream, serializer, use_tuple);
    if (ec) {
        fail(ec, "write header");
        co_return false;
    }
    for (bool more = true; more;) {
        std::string chunk;
        more = co_await on_workers([&] { return res.stream(chunk); });
        if (chunk.empty()) continue;
        stream.expires_after(std::chrono::seconds(60));
        auto [chunk_ec, written] = co_await net::async_write(stream, bhttp::make_chunk(net::buffer(chunk)), use_tuple);
        if (chunk_ec) {
            fail(chunk_ec, "write chunk");
            co_return false;
        }
    }
    auto [last_ec, last_n] = co_await net::async_write(stream, bhttp::make_chunk_last(), use_tuple);
    co_return !last_ec;
}

net::awaitable<void> server::impl::session(std::shared_ptr<beast::tcp_stream> connection) {
    auto& stream = *connection;
    std::uint64_t id;
    {
        std::lock_guard lock(sessions_mutex);
        id = next_session++;
    }
    beast::flat_buffer buffer;
    for (;;) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
        parser.body_limit(options.body_limit);

        set_idle(id, connection);
        if (stopping) break; // checked after registering, so stop() cannot miss this connection
        stream.expires_after(options.idle_timeout);
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, use_tuple);
        set_idle(id, nullptr);
        if (ec == bhttp::error::header_limit) {
            auto res = error_response(431, "header_too_large", "the request headers exceed the limit");
            co_await write(stream, res, 11, false, false);
            break;
        }
        if (ec == bhttp::error::body_limit) { // a Content-Length over the limit is caught with the header
            co_await reject_too_large(stream, parser.get().version());
            break;
        }
        if (ec) {
            fail(ec, "read header");
            break;
        }
        if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
            co_await bhttp::async_write(stream, go_on, use_tuple);
        }
        stream.expires_after(options.read_timeout);
        std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
        const auto version = parser.get().version();
        if (ec == bhttp::error::body_limit) {
            co_await reject_too_large(stream, version);
            break;
        }
        if (ec) {
            fail(ec, "read body");
            break;
        }
        const auto& message = parser.get();
        const bool keep_alive = message.keep_alive();
        const bool head = message.method() == bhttp::verb::head;
        bool valid = true;
        auto req = to_request(message, valid);
        response res;
        if (!valid) {
            res = error_response(400, "bad_request", "the request target is not a valid path and query");
        } else {
            try {
                if (options.runs_inline && options.runs_inline(req)) res = handler(req);
                else res = co_await on_workers([this, &req] { return handler(req); });
                if (res.deferred) {
                    auto waiting = await_deferred(std::move(res.deferred));
                    res = co_await std::move(waiting);
                }
            } catch (const std::exception& e) {
                // The route pattern, not the path: a path can hold a respondent token.
                spdlog::error("unhandled error on {} {}: {}", req.method, req.route.empty() ? "(unrouted)" : req.route, e.what());
                res = error_response(500, "internal", "the server failed to handle the request");
            }
        }
        const bool again = keep_alive && !stopping;
        if (!co_await write(stream, res, version, again, head) || !again) break;
    }
    set_idle(id, nullptr);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
}

net::awaitable<void> server::impl::listen() {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(net::make_strand(ioc), use_tuple);
        if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
        if (ec) {
            fail(ec, "accept");
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto executor = socket.get_executor();
        net::co_spawn(executor, session(std::make_shared<beast::tcp_stream>(std::move(socket))), [](std::exception_ptr e) {
            if (!e) return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& error) {
                spdlog::error("connection ended by an error: {}", error.what());
            }
        });
    }
}

server::server(server_options options, request_handler handler)
    : impl_(std::make_unique<impl>(std::move(options), std::move(handler))) {}

server::~server() {
    if (!impl_->threads.empty()) stop();
}

void server::start() {
    auto& s = *impl_;
    const tcp::endpoint endpoint{net::ip::make_address(s.options.address), s.options.port};
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(net::socket_base::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen(net::socket_base::max_listen_connections);
    net::co_spawn(s.ioc, s.listen(), net::detached);
    for (int i = 0; i < s.options.io_threads; ++i)
        s.threads.emplace_back([&s, i] {
            name_this_thread(("tp-net-" + std::to_string(i)).c_str());
            s.ioc.run();
        });
}

unsigned short server::port() const { return impl_->acceptor.local_endpoint().port(); }

void server::stop() {
    auto& s = *impl_;
    {
        std::lock_guard lock(s.stop_mutex);
        if (s.stopped || s.threads.empty()) return;
    }
    s.stopping = true;
    net::post(s.ioc, [&s] {
        beast::error_code ec;
        s.acceptor.close(ec);
    });
    {
        // Idle connections wait in a read: cancel it on their own strand.
        std::lock_guard lock(s.sessions_mutex);
        for (auto& [id, weak] : s.idle_sessions)
            if (auto stream = weak.lock()) net::post(stream->get_executor(), [weak] {
                if (auto alive = weak.lock()) alive->cancel();
            });
    }
    for (auto& thread : s.threads) thread.join(); // returns when every session has ended
    s.workers.join();
    {
        std::lock_guard lock(s.stop_mutex);
        s.stopped = true;
        s.threads.clear();
    }
    s.stopped_cv.notify_all();
}

void server::wait() {
    auto& s = *impl_;
    std::unique_lock lock(s.stop_mutex);
    s.stopped_cv.wait(lock, [&s] { return s.stopped; });
}

} // namespace touchpoint::engine::http
