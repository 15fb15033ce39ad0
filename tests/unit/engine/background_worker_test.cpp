#include "engine/background_worker.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

namespace {
using namespace std::chrono_literals;
using touchpoint::engine::background_worker;
using touchpoint::engine::background_worker_options;

TEST(background_worker, runs_the_next_round_at_once_while_work_is_waiting_then_waits_the_interval) {
    std::atomic<int> rounds{0};
    background_worker worker({"tp-test", 1h}, [&] { return ++rounds < 5; });
    worker.start();
    for (int i = 0; i < 200 && rounds < 5; ++i) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(rounds, 5) << "four rounds said more was waiting, the fifth did not: then it waits an hour";
    const auto asked = std::chrono::steady_clock::now();
    worker.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - asked, 1s) << "stop wakes the loop";
}

TEST(background_worker, wake_runs_a_round_before_the_interval_ends) {
    std::atomic<int> rounds{0};
    background_worker worker({"tp-test", 1h}, [&] { ++rounds; return false; });
    worker.start();
    for (int i = 0; i < 200 && rounds < 1; ++i) std::this_thread::sleep_for(5ms);
    worker.wake();
    for (int i = 0; i < 200 && rounds < 2; ++i) std::this_thread::sleep_for(5ms);
    EXPECT_EQ(rounds, 2);
}

TEST(background_worker, a_failing_round_is_retried_after_the_interval_and_the_final_round_runs_at_stop) {
    std::atomic<int> rounds{0};
    background_worker worker({"tp-test", 10ms, false, /*final_round=*/true}, [&]() -> bool {
        if (++rounds < 3) throw std::runtime_error("database unavailable");
        return false;
    });
    worker.start();
    for (int i = 0; i < 200 && rounds < 3; ++i) std::this_thread::sleep_for(5ms);
    EXPECT_GE(rounds, 3) << "the loop survived two failures";
    const int before = rounds;
    worker.stop();
    EXPECT_GE(rounds, before + 1) << "one more round after stop";
}

} // namespace
