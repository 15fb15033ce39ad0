// The default logger of `touchpoint serve`: a request thread formats its
// access-log line into memory, and a writer thread writes the lines out in
// batches (buffered_log_sink), so the access log costs no write per request.
#pragma once

#include "engine/buffered_log_sink.hpp"

#include <spdlog/common.h>
#include <spdlog/fwd.h>

#include <cstdio>
#include <memory>

namespace touchpoint::engine {

struct buffered_logging_options {
    spdlog::level::level_enum level = spdlog::level::info;
    buffered_log_sink_options buffer;
    std::FILE* target = stdout; // tests log to a file of their own
};

// While it lives, spdlog's default logger writes to `target` in spdlog's default
// line format; warn and above are written at once with every line before them.
// A terminal gets spdlog's coloured console sink, which writes each line at once.
// The destructor writes out every buffered line and puts the previous default
// logger back.
class buffered_logging {
public:
    explicit buffered_logging(buffered_logging_options options = {});
    ~buffered_logging();
    buffered_logging(const buffered_logging&) = delete;
    buffered_logging& operator=(const buffered_logging&) = delete;

private:
    std::shared_ptr<spdlog::logger> previous_;
    std::shared_ptr<spdlog::logger> logger_;
};

} // namespace touchpoint::engine
