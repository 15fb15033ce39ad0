// The HTTP server's limits over real sockets: oversized headers, idle and slow
// clients, and a graceful stop that lets a request in flight finish.
#include "engine/http/router.hpp"
#include "engine/http/server.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include <thread>

using namespace touchpoint::engine::http;
using namespace std::chrono_literals;

namespace {

int connect_to(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void send_all(int fd, const std::string& data) {
    for (std::size_t sent = 0; sent < data.size();) {
        const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

// Everything the server sends until it closes the connection or `limit` passes.
std::string read_until_closed(int fd, std::chrono::milliseconds limit, bool* closed = nullptr) {
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char buffer[4096];
        const auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            if (closed) *closed = true;
            break;
        }
        out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
}

class http_server : public ::testing::Test {
protected:
    void start(server_options options) {
        options.address = "127.0.0.1";
        options.port = 0;
        options.worker_threads = 2;
        routes_.add("GET", "/fast", [](request&) { return text_response(200, "fast"); });
        routes_.add("GET", "/later", [this](request&) {
            response out;
            out.deferred = [this](reply_function reply) {
                deferred_started_ = true;
                std::thread([reply = std::move(reply)] {
                    std::this_thread::sleep_for(300ms);
                    reply([] { return text_response(200, "finished"); });
                }).detach();
            };
            return out;
        });
        server_ = std::make_unique<server>(std::move(options), [this](request& req) { return routes_.dispatch(req); });
        server_->start();
    }
    void TearDown() override {
        if (server_) server_->stop();
    }

    router routes_;
    std::unique_ptr<server> server_;
    std::atomic<bool> deferred_started_{false};
};

// The names `top -H` and `perf` show for this process's threads.
std::vector<std::string> thread_names() {
    std::vector<std::string> names;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string name;
        if (std::getline(comm, name)) names.push_back(name);
    }
    return names;
}

TEST_F(http_server, network_and_worker_threads_are_named) {
    start({});
    const int fd = connect_to(server_->port());
    send_all(fd, "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(read_until_closed(fd, 2s).find("fast"), std::string::npos);
    ::close(fd);
    const auto names = thread_names();
    auto has = [&](const char* name) { return std::find(names.begin(), names.end(), name) != names.end(); };
    // The network thread that took the request (under load another may not have named itself yet).
    EXPECT_TRUE(std::ranges::any_of(names, [](const std::string& name) { return name.starts_with("tp-net-"); }));
    EXPECT_TRUE(has("tp-worker")) << "the worker that answered";
}

TEST_F(http_server, headers_over_the_limit_get_431) {
    start({});
    const int fd = connect_to(server_->port());
    send_all(fd, "GET /fast HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n");
    const auto reply = read_until_closed(fd, 2s);
    ::close(fd);
    EXPECT_EQ(reply.rfind("HTTP/1.1 431", 0), 0u) << reply.substr(0, 80);
}

TEST_F(http_server, an_idle_connection_is_closed_after_the_idle_timeout) {
    server_options options;
    options.idle_timeout = 1s;
    start(options);
    const int fd = connect_to(server_->port());
    bool closed = false;
    const auto started = std::chrono::steady_clock::now();
    read_until_closed(fd, 5s, &closed);
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST_F(http_server, a_client_that_stops_sending_its_body_is_cut_off_after_the_read_timeout) {
    server_options options;
    options.idle_timeout = 30s;
    options.read_timeout = 1s;
    start(options);
    const int fd = connect_to(server_->port());
    send_all(fd, "POST /fast HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b");
    bool closed = false;
    const auto started = std::chrono::steady_clock::now();
    read_until_closed(fd, 10s, &closed);
    ::close(fd);
    EXPECT_TRUE(closed);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 4s) << "the read timeout, not the 30 s idle timeout";
}

TEST_F(http_server, stopping_finishes_a_request_in_flight_then_refuses_new_ones) {
    start({});
    const auto port = server_->port();
    const int fd = connect_to(port);
    send_all(fd, "GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
    // Stop only once the request waits for its deferred reply (a loaded machine may take a while).
    for (int i = 0; i < 500 && !deferred_started_; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_TRUE(deferred_started_);
    std::thread stopper([this] { server_->stop(); });
    const auto reply = read_until_closed(fd, 5s);
    stopper.join();
    server_.reset();
    ::close(fd);
    EXPECT_EQ(reply.rfind("HTTP/1.1 200", 0), 0u) << reply;
    EXPECT_NE(reply.find("finished"), std::string::npos);
    EXPECT_NE(reply.find("Connection: close"), std::string::npos) << "no keep-alive while stopping";
    EXPECT_EQ(connect_to(port), -1) << "the listener is closed";
}

} // namespace
