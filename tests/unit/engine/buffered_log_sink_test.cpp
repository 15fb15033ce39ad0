#include "engine/buffered_log_sink.hpp"

#include <gtest/gtest.h>
#include <spdlog/logger.h>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {
using namespace std::chrono_literals;
using touchpoint::engine::buffered_log_sink;
using touchpoint::engine::buffered_log_sink_options;

// A file the sink writes through its own descriptor, read back by name.
class buffered_log_sink_test : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("touchpoint-sink-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        ASSERT_GE(fd_, 0);
    }
    void TearDown() override {
        ::close(fd_);
        std::filesystem::remove(path_);
    }

    std::shared_ptr<spdlog::logger> logger_to(std::shared_ptr<buffered_log_sink> sink) const {
        return std::make_shared<spdlog::logger>("", std::move(sink));
    }
    std::string contents() const {
        std::ifstream in(path_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }
    std::vector<std::string> lines() const {
        std::vector<std::string> result;
        std::istringstream in(contents());
        for (std::string line; std::getline(in, line);) result.push_back(line);
        return result;
    }
    bool appears_within(const std::string& text, std::chrono::milliseconds limit) const {
        for (const auto until = std::chrono::steady_clock::now() + limit; std::chrono::steady_clock::now() < until;) {
            if (contents().find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }

    std::filesystem::path path_;
    int fd_ = -1;
};

TEST_F(buffered_log_sink_test, keeps_lines_in_memory_until_the_interval_ends) {
    auto log = logger_to(std::make_shared<buffered_log_sink>(fd_, buffered_log_sink_options{.interval = 1h}));
    log->info("GET /healthz 200 0.01ms");
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(contents(), "") << "one line is no batch, and the hour has not passed";
}

TEST_F(buffered_log_sink_test, writes_lines_within_the_interval) {
    auto log = logger_to(std::make_shared<buffered_log_sink>(fd_, buffered_log_sink_options{.interval = 20ms}));
    log->info("a quiet request");
    EXPECT_TRUE(appears_within("a quiet request", 5s));
}

TEST_F(buffered_log_sink_test, writes_a_full_batch_before_the_interval_ends) {
    auto log = logger_to(
        std::make_shared<buffered_log_sink>(fd_, buffered_log_sink_options{.interval = 1h, .batch_bytes = 1024}));
    for (int i = 0; i < 100; ++i) log->info("line {}", i);
    EXPECT_TRUE(appears_within("line 10", 5s));
}

TEST_F(buffered_log_sink_test, flush_writes_everything_before_it_returns) {
    auto sink = std::make_shared<buffered_log_sink>(fd_, buffered_log_sink_options{.interval = 1h});
    auto log = logger_to(sink);
    log->info("first");
    log->info("second");
    sink->flush();
    const auto written = lines();
    ASSERT_EQ(written.size(), 2u);
    EXPECT_NE(written[0].find("first"), std::string::npos);
    EXPECT_NE(written[1].find("second"), std::string::npos);
}

TEST_F(buffered_log_sink_test, writes_every_line_in_order_when_destroyed_though_callers_had_to_wait) {
    constexpr int thread_count = 4;
    constexpr int per_thread = 5000;
    {
        // Room for a few lines only: callers wait for the writer, and nothing is dropped.
        auto log = logger_to(std::make_shared<buffered_log_sink>(
            fd_, buffered_log_sink_options{.interval = 1ms, .batch_bytes = 128, .limit_bytes = 256}));
        std::vector<std::thread> threads;
        for (int t = 0; t < thread_count; ++t)
            threads.emplace_back([&log, t] {
                for (int i = 0; i < per_thread; ++i) log->info("thread {} line {}", t, i);
            });
        for (auto& thread : threads) thread.join();
    }
    const auto written = lines();
    ASSERT_EQ(written.size(), static_cast<std::size_t>(thread_count * per_thread));
    std::vector<int> next(thread_count, 0);
    for (const auto& line : written) {
        const auto at = line.find("thread ");
        ASSERT_NE(at, std::string::npos) << line;
        const int t = line[at + 7] - '0';
        ASSERT_EQ(line.substr(at), "thread " + std::to_string(t) + " line " + std::to_string(next[t]));
        ++next[t];
    }
}

} // namespace
