// No access-log line is lost when `touchpoint serve` stops on SIGTERM: the real
// binary runs at --log-level info with its output sent to a file (as an
// operator redirects it) or a pipe (as a supervisor reads it), answers N
// requests, is stopped right after the last answer, and its output must hold
// N access lines in the usual format, then the shutdown lines. With a stalled
// pipe nobody reads until half a second after the signal, so thousands of lines
// are still buffered in the server when it is asked to stop.
#include "support/http_client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

using touchpoint::testing::free_port;
using touchpoint::testing::send_request;

namespace {

// `touchpoint serve --log-level info` as a child process whose stdout and stderr go to `output_fd`.
class serve_process {
public:
    serve_process(const std::filesystem::path& dir, unsigned short port, int output_fd) : port_(port) {
        const std::string binary = TOUCHPOINT_BINARY;
        std::vector<std::string> args{binary, "serve", "--db", "sqlite:" + (dir / "log.db").string(), "--data-dir",
                                      dir.string(), "--listen", "127.0.0.1:" + std::to_string(port), "--log-level",
                                      "info", "--secret", "access-log-test-secret-0123456789abcdef"};
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, output_fd, STDOUT_FILENO);
        posix_spawn_file_actions_adddup2(&actions, output_fd, STDERR_FILENO);
        const int spawned = ::posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (spawned != 0) throw std::runtime_error("cannot start " + binary);
        // Readiness is asked of /metrics, so every /healthz line comes from the test's requests.
        for (int i = 0; i < 400; ++i) {
            try {
                if (send_request(port_, "GET", "/metrics").status == 200) return;
            } catch (const std::exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        stop(SIGKILL);
        throw std::runtime_error("the server did not start");
    }
    ~serve_process() { stop(SIGKILL); }

    void signal(int signal) const { ::kill(pid_, signal); }
    // Waits for the process to end and returns its wait status.
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }
    int stop(int signal) {
        if (pid_ <= 0) return -1;
        this->signal(signal);
        return wait();
    }

private:
    unsigned short port_;
    pid_t pid_ = -1;
};

// Where the server's stdout and stderr go: a file, or a pipe drained by a
// thread as a supervisor would drain it, at once or only after start_reading().
class server_output {
public:
    server_output(const std::string& kind, const std::filesystem::path& file) : file_(file) {
        if (kind == "file") {
            write_fd_ = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
            if (write_fd_ < 0) throw std::runtime_error("cannot open " + file.string());
            return;
        }
        int ends[2];
        if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("cannot make a pipe");
        write_fd_ = ends[1];
        if (kind == "pipe") start_reading();
        reader_ = std::thread([this, fd = ends[0]] {
            reading_.get_future().wait();
            char buffer[65536];
            for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
                if (n > 0) piped_.append(buffer, static_cast<std::size_t>(n));
                else if (errno != EINTR) break;
            }
            ::close(fd);
        });
    }
    ~server_output() {
        close_write_end();
        start_reading();
        if (reader_.joinable()) reader_.join();
    }

    void start_reading() {
        if (!started_) reading_.set_value();
        started_ = true;
    }

    int write_fd() const { return write_fd_; }
    // The child holds its own copy: once the parent's is closed, the pipe ends when the child does.
    void close_write_end() {
        if (write_fd_ >= 0) ::close(write_fd_);
        write_fd_ = -1;
    }
    // Everything written, once the child has exited.
    std::string text() {
        close_write_end();
        start_reading();
        if (reader_.joinable()) {
            reader_.join();
            return piped_;
        }
        std::ifstream in(file_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

private:
    std::filesystem::path file_;
    int write_fd_ = -1;
    std::promise<void> reading_;
    bool started_ = false;
    std::thread reader_;
    std::string piped_;
};

class access_log : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("touchpoint-access-log-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST_P(access_log, keeps_every_line_when_the_server_stops_on_sigterm) {
    constexpr int request_count = 4000;
    constexpr int client_count = 4;
    const auto port = free_port();
    server_output output(GetParam(), dir_ / "server.log");
    int status = -1;
    std::atomic<int> answered{0};
    {
        serve_process server(dir_, port, output.write_fd());
        output.close_write_end();
        std::vector<std::thread> clients;
        for (int c = 0; c < client_count; ++c)
            clients.emplace_back([&] {
                for (int i = 0; i < request_count / client_count; ++i) {
                    try {
                        if (send_request(port, "GET", "/healthz").status == 200) ++answered;
                    } catch (const std::exception&) {
                        // Counted by `answered` falling short.
                    }
                }
            });
        for (auto& client : clients) client.join();
        // At once: the last lines are still buffered in the server.
        server.signal(SIGTERM);
        // Long enough for a server that did not wait for its logging thread to have exited by now.
        if (GetParam() == "stalled_pipe") std::this_thread::sleep_for(std::chrono::milliseconds(500));
        output.start_reading();
        status = server.wait();
    }
    ASSERT_EQ(answered, request_count);
    ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
    EXPECT_EQ(WEXITSTATUS(status), 0);

    const auto lines = lines_of(output.text());
    const std::regex access_line(R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] GET /healthz 200 \d+\.\d\dms)");
    int logged = 0;
    std::size_t last_access = 0;
    for (std::size_t i = 0; i < lines.size(); ++i)
        if (lines[i].find("GET /healthz") != std::string::npos) {
            EXPECT_TRUE(std::regex_match(lines[i], access_line)) << lines[i];
            ++logged;
            last_access = i;
        }
    EXPECT_EQ(logged, request_count);
    ASSERT_FALSE(lines.empty());
    const auto received = std::find_if(lines.begin(), lines.end(), [](const std::string& line) {
        return line.find("[info] received SIGTERM, finishing requests in flight") != std::string::npos;
    });
    ASSERT_TRUE(received != lines.end()) << "the line on the signal is missing";
    EXPECT_GT(received - lines.begin(), static_cast<std::ptrdiff_t>(last_access));
    EXPECT_NE(lines.back().find("[info] stopped"), std::string::npos) << lines.back();
}

INSTANTIATE_TEST_SUITE_P(output, access_log, ::testing::Values("file", "pipe", "stalled_pipe"),
                         [](const auto& info) { return info.param; });

} // namespace
