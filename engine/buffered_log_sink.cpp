#include "engine/buffered_log_sink.hpp"

#include "engine/thread_name.hpp"

#include <unistd.h>

#include <cerrno>

namespace touchpoint::engine {
namespace {

// A write that fails (a closed pipe, a full disk) drops the batch: logging must not stop the server.
void write_all(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

} // namespace

buffered_log_sink::buffered_log_sink(int fd, buffered_log_sink_options options)
    : fd_(fd), options_(options), formatter_(std::make_unique<spdlog::pattern_formatter>()) {
    writer_ = std::thread([this] {
        name_this_thread("tp-log");
        run();
    });
}

buffered_log_sink::~buffered_log_sink() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    batch_ready_.notify_one();
    writer_.join();
    std::string rest;
    write_out(rest);
}

void buffered_log_sink::log(const spdlog::details::log_msg& msg) {
    spdlog::memory_buf_t line; // on the stack: another caller may format while this one waits for room
    std::unique_lock lock(mutex_);
    formatter_->format(msg, line);
    // Block rather than drop: the caller slows to the pace of the file, as with a synchronous sink.
    room_.wait(lock, [&] { return pending_.empty() || pending_.size() + line.size() <= options_.limit_bytes; });
    const bool was_empty = pending_.empty();
    pending_.append(line.data(), line.size());
    // Only these two wake the writer, so a busy server wakes it once per batch, not per line.
    if (was_empty || pending_.size() >= options_.batch_bytes) batch_ready_.notify_one();
}

void buffered_log_sink::flush() {
    std::string batch;
    write_out(batch);
}

void buffered_log_sink::set_pattern(const std::string& pattern) {
    set_formatter(std::make_unique<spdlog::pattern_formatter>(pattern));
}

void buffered_log_sink::set_formatter(std::unique_ptr<spdlog::formatter> formatter) {
    std::lock_guard lock(mutex_);
    formatter_ = std::move(formatter);
}

void buffered_log_sink::run() {
    std::string batch; // swapped with pending_, so both keep their capacity
    for (;;) {
        bool last = false;
        {
            std::unique_lock lock(mutex_);
            // Asleep while there is nothing to write; then gather for an interval or a batch.
            batch_ready_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
            batch_ready_.wait_for(lock, options_.interval,
                                  [this] { return stopping_ || pending_.size() >= options_.batch_bytes; });
            last = stopping_;
        }
        write_out(batch);
        batch.clear();
        if (last) return;
    }
}

void buffered_log_sink::write_out(std::string& batch) {
    // Held from taking the lines to writing them: a flush and the writer never reorder batches.
    std::lock_guard order(write_mutex_);
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_);
    }
    room_.notify_all();
    write_all(fd_, batch);
}

} // namespace touchpoint::engine
