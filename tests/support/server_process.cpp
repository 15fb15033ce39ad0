#include "support/server_process.hpp"

#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace touchpoint::testing {

unsigned short free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

server_process::server_process(const std::string& db, const std::filesystem::path& dir, unsigned short port,
                               const std::vector<std::string>& extra)
    : port_(port) {
    const std::string binary = TOUCHPOINT_BINARY;
    std::vector<std::string> args{binary, "serve", "--db", db, "--data-dir", dir.string(), "--listen",
                                  "127.0.0.1:" + std::to_string(port), "--log-level", "warn",
                                  "--secret", "crash-test-secret-crash-test-secret-0123"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot start " + binary);
    for (int i = 0; i < 200; ++i) {
        try {
            if (send_request(port_, "GET", "/healthz").status == 200) return;
        } catch (const std::exception&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    kill();
    throw std::runtime_error("the server did not start");
}

server_process::~server_process() { kill(); }

void server_process::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

} // namespace touchpoint::testing
