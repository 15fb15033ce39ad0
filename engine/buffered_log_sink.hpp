// An spdlog sink for a file or a pipe that keeps write() off the threads that
// log: a line is formatted into a memory buffer, and a writer thread of its own
// writes the buffer out in one write() every interval, or sooner once a batch
// has gathered. A flush writes everything at once, on the caller's thread.
#pragma once

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/sink.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace touchpoint::engine {

struct buffered_log_sink_options {
    std::chrono::milliseconds interval{200}; // longest a line waits in the buffer
    std::size_t batch_bytes = 64 * 1024;     // the writer starts as soon as this much waits
    std::size_t limit_bytes = 1024 * 1024;   // a caller that would go past this waits for the writer
};

class buffered_log_sink final : public spdlog::sinks::sink {
public:
    // Writes to `fd`, which it does not close.
    explicit buffered_log_sink(int fd, buffered_log_sink_options options = {});
    // Writes out every buffered line.
    ~buffered_log_sink() override;
    buffered_log_sink(const buffered_log_sink&) = delete;
    buffered_log_sink& operator=(const buffered_log_sink&) = delete;

    void log(const spdlog::details::log_msg& msg) override;
    // Returns once every line logged before it has been handed to the kernel.
    void flush() override;
    void set_pattern(const std::string& pattern) override;
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

private:
    void run();
    // Swaps the buffer with `batch` (empty) and writes what it took.
    void write_out(std::string& batch);

    int fd_;
    buffered_log_sink_options options_;
    std::mutex write_mutex_; // taken before mutex_, never after
    std::mutex mutex_;       // guards what follows
    std::unique_ptr<spdlog::formatter> formatter_;
    std::string pending_;
    bool stopping_ = false;
    std::condition_variable batch_ready_;
    std::condition_variable room_;
    std::thread writer_;
};

} // namespace touchpoint::engine
