#include "support/webhook_receiver.hpp"

#include "support/http_client.hpp"

#include <boost/json.hpp>

#include <csignal>
#include <cstdio>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>


extern char** environ;

namespace touchpoint::testing {

webhook_receiver::webhook_receiver(const std::vector<std::string>& arguments) {
    std::vector<std::string> args{"node", std::string(TOUCHPOINT_WEBHOOK_RECEIVER), "--port", "0"};
    args.insert(args.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    const int spawned = ::posix_spawnp(&pid_, "node", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        throw std::runtime_error("cannot start node for tests/webhooks/receiver.mjs");
    }
    // The receiver prints exactly "listening PORT" once it accepts connections.
    FILE* stream = ::fdopen(out[0], "r");
    char line[128] = {};
    if (!std::fgets(line, sizeof line, stream) || std::sscanf(line, "listening %hu", &port_) != 1) {
        std::fclose(stream);
        throw std::runtime_error("the webhook receiver did not start (npm ci --prefix tests/webhooks?)");
    }
    std::fclose(stream);
}

webhook_receiver::~webhook_receiver() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    // It exits at once; a receiver that does not is killed rather than waited for.
    for (int i = 0; i < 40 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i) ::usleep(50'000);
    if (::waitpid(pid_, &status, WNOHANG) == 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
    }
}

std::string webhook_receiver::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

boost::json::value webhook_receiver::stats() const { return boost::json::parse(send_request(port_, "GET", "/stats").body); }

boost::json::value webhook_receiver::deliveries() const {
    return boost::json::parse(send_request(port_, "GET", "/deliveries").body);
}

void webhook_receiver::set_mode(const std::string& json) const {
    const auto reply = send_request(port_, "POST", "/mode", json, {{"Content-Type", "application/json"}});
    if (reply.status != 200) throw std::runtime_error("the receiver refused /mode: " + reply.body);
}

} // namespace touchpoint::testing
