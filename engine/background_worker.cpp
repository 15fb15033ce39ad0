#include "engine/background_worker.hpp"

#include "engine/thread_name.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

namespace touchpoint::engine {

background_worker::background_worker(background_worker_options options, std::function<bool()> round)
    : options_(std::move(options)), round_(std::move(round)) {}

background_worker::~background_worker() { stop(); }

void background_worker::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        name_this_thread(options_.name.c_str());
        if (options_.low_priority) ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
        run();
    });
}

void background_worker::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void background_worker::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_one();
}

bool background_worker::run_round() {
    try {
        return round_();
    } catch (const std::exception& e) {
        spdlog::warn("{}: {}; trying again in {} ms", options_.name, e.what(), options_.interval.count());
        return false;
    }
}

void background_worker::run() {
    for (;;) {
        // While a round says more is waiting, the next one starts at once.
        while (run_round()) {
            std::lock_guard lock(mutex_);
            if (stopping_) break;
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, options_.interval, [this] { return stopping_ || woken_; });
        woken_ = false;
        if (stopping_) break;
    }
    if (options_.final_round) run_round();
}

} // namespace touchpoint::engine
