#include "engine/buffered_logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {
using namespace std::chrono_literals;
using touchpoint::engine::buffered_logging;
using touchpoint::engine::buffered_logging_options;

// A log file the default logger writes to, read back by name.
class buffered_logging_test : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("touchpoint-log-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        file_ = std::fopen(path_.c_str(), "w");
        ASSERT_NE(file_, nullptr);
    }
    void TearDown() override {
        std::fclose(file_);
        std::filesystem::remove(path_);
    }

    buffered_logging_options options(spdlog::level::level_enum level = spdlog::level::info) const {
        return {.level = level, .buffer = {.interval = 1h}, .target = file_};
    }
    std::vector<std::string> lines() const {
        std::ifstream in(path_);
        std::vector<std::string> result;
        for (std::string line; std::getline(in, line);) result.push_back(line);
        return result;
    }

    std::filesystem::path path_;
    std::FILE* file_ = nullptr;
};

TEST_F(buffered_logging_test, writes_lines_in_spdlogs_default_format) {
    {
        buffered_logging logging(options());
        spdlog::info("{} {} {} {:.2f}ms", "GET", "/healthz", 200, 0.0123);
    }
    const auto written = lines();
    ASSERT_EQ(written.size(), 1u);
    EXPECT_TRUE(std::regex_match(
        written[0], std::regex(R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] GET /healthz 200 0\.01ms)")))
        << written[0];
}

TEST_F(buffered_logging_test, writes_a_warning_and_the_lines_before_it_at_once) {
    buffered_logging logging(options());
    spdlog::info("a request before the warning");
    spdlog::warn("WAL checkpoint failed");
    const auto written = lines();
    ASSERT_EQ(written.size(), 2u) << "the buffer's interval is an hour";
    EXPECT_NE(written[0].find("[info] a request before the warning"), std::string::npos);
    EXPECT_NE(written[1].find("[warning] WAL checkpoint failed"), std::string::npos);
}

TEST_F(buffered_logging_test, leaves_out_lines_below_its_level) {
    {
        buffered_logging logging(options(spdlog::level::warn));
        spdlog::info("an access line");
        spdlog::error("a failure");
    }
    const auto written = lines();
    ASSERT_EQ(written.size(), 1u);
    EXPECT_NE(written[0].find("[error] a failure"), std::string::npos);
}

TEST_F(buffered_logging_test, puts_the_previous_default_logger_back) {
    const auto* before = spdlog::default_logger_raw();
    {
        buffered_logging logging(options());
        EXPECT_NE(spdlog::default_logger_raw(), before);
    }
    EXPECT_EQ(spdlog::default_logger_raw(), before);
}

} // namespace
