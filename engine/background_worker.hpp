// The one loop behind every background job (the text pass, SQLite's WAL
// checkpoints, the delivery dispatcher): a named thread that runs a round every
// interval, runs the next one at once while the round says more work is
// waiting, and stops promptly when asked, since stop() wakes it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace touchpoint::engine {

struct background_worker_options {
    std::string name;                          // the thread's name, "tp-…" (15 bytes at most)
    std::chrono::milliseconds interval{1000};  // between rounds while there is nothing to do
    bool low_priority = false;                 // nice 10: request threads get the CPU first
    bool final_round = false;                  // run one more round after stop() (e.g. a last checkpoint)
};

class background_worker {
public:
    // `round` returns true when more work is waiting. An exception it throws is
    // logged (warn) and the next round comes after the interval.
    background_worker(background_worker_options options, std::function<bool()> round);
    ~background_worker();
    background_worker(const background_worker&) = delete;
    background_worker& operator=(const background_worker&) = delete;

    // Starts the thread; a second call does nothing.
    void start();
    // Asks the loop to end, wakes it and waits for it; the round in progress finishes.
    void stop();
    // Runs the next round now instead of at the end of the interval.
    void wake();

private:
    void run();
    bool run_round();

    background_worker_options options_;
    std::function<bool()> round_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    std::thread thread_;
};

} // namespace touchpoint::engine
