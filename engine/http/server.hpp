// The HTTP/1.1 server: Boost.Beast with Asio coroutines on a few network threads.
// Handlers run on a separate pool because they block on the database, except
// those `runs_inline` picks: they never block, so they skip the hand-over.
#pragma once

#include "engine/http/message.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace touchpoint::engine::http {

struct server_options {
    std::string address = "127.0.0.1";
    unsigned short port = 8080; // 0: any free port
    int io_threads = 2;
    int worker_threads = 64; // handlers wait on storage, so more than the cores
    std::size_t body_limit = 1024 * 1024;
    std::size_t header_limit = 16 * 1024;
    std::chrono::seconds read_timeout{30}; // to receive one whole request once it started
    std::chrono::seconds idle_timeout{60}; // between requests on a kept-alive connection
    std::function<bool(request&)> runs_inline; // true: call the handler on the network thread
};

using request_handler = std::function<response(request&)>;

class server {
public:
    server(server_options options, request_handler handler);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    // Binds and starts serving on background threads; throws when it cannot bind.
    void start();
    unsigned short port() const;
    // Stops accepting, lets requests in flight finish, closes idle connections,
    // and returns once every connection is closed.
    void stop();
    // Blocks until stop() has finished (e.g. from a signal handler thread).
    void wait();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace touchpoint::engine::http
