#include "engine/buffered_logging.hpp"

#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/spdlog.h>

#include <unistd.h>

namespace touchpoint::engine {
namespace {

spdlog::sink_ptr sink_for(std::FILE* target, const buffered_log_sink_options& buffer) {
    // Someone reads a terminal line by line: keep spdlog's own console sink there.
    if (::isatty(::fileno(target)))
        return std::make_shared<spdlog::sinks::ansicolor_sink<spdlog::details::console_mutex>>(
            target, spdlog::color_mode::automatic);
    return std::make_shared<buffered_log_sink>(::fileno(target), buffer);
}

} // namespace

buffered_logging::buffered_logging(buffered_logging_options options) : previous_(spdlog::default_logger()) {
    // The sink writes to the descriptor: whatever stdio still holds goes first.
    std::fflush(options.target);
    // An empty name keeps spdlog's default line format (no "[name]" field).
    logger_ = std::make_shared<spdlog::logger>("", sink_for(options.target, options.buffer));
    logger_->set_level(options.level);
    // Operators see a warning or an error at once, and a crash right after it does not lose it.
    logger_->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger_);
}

buffered_logging::~buffered_logging() {
    spdlog::set_default_logger(previous_);
    logger_->flush();
}

} // namespace touchpoint::engine
