#include "engine/services/text_pass.hpp"

#include "engine/services/text_model_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/text_repository.hpp"

#include <spdlog/spdlog.h>

namespace touchpoint::engine::services {

text_pass::text_pass(store::database& db, text_model_service& model, survey_service& surveys, text_pass_options options)
    : db_(db), model_(model), surveys_(surveys), options_(options),
      worker_(background_worker_options{"tp-text-pass", options.interval}, [this] { return round(); }),
      next_learning_(std::chrono::steady_clock::now() + options.learn_interval) {}

text_pass::~text_pass() { stop(); }

void text_pass::start() { worker_.start(); }

void text_pass::stop() { worker_.stop(); }

std::size_t text_pass::analyse_batch() {
    model_.refresh();
    const auto model = model_.current();
    std::vector<store::pending_text> pending;
    {
        store::leased_session lease(db_);
        pending = store::text_repository(lease).pending(model->revision, options_.batch);
    }
    if (pending.empty()) return 0;
    // Analysed outside the transaction: the write lock is held only to write.
    std::vector<store::text_analysis_row> analyses;
    analyses.reserve(pending.size());
    for (const auto& answer : pending)
        analyses.push_back(to_stored(model->analyzer.analyse(answer.text, answer.locale), model->revision));
    store::leased_session lease(db_);
    store::write_transaction transaction(db_, lease);
    store::text_repository repository(lease);
    for (std::size_t i = 0; i < pending.size(); ++i) repository.save_analysis(pending[i], analyses[i]);
    transaction.commit();
    return pending.size();
}

bool text_pass::round() {
    // A long catch-up (a new taxonomy over millions of comments) says how far it got.
    constexpr auto progress_every = std::chrono::seconds(10);
    std::size_t analysed = 0;
    try {
        analysed = analyse_batch();
    } catch (...) {
        caught_up_ = 0;
        throw;
    }
    const auto now = std::chrono::steady_clock::now();
    if (caught_up_ == 0 && analysed > 0) catch_up_started_ = last_progress_ = now;
    caught_up_ += analysed;
    if (analysed < static_cast<std::size_t>(options_.batch) && caught_up_ > 0) {
        spdlog::info("text pass: analysed {} text answers with text model revision {}", caught_up_, model_.current()->revision);
        caught_up_ = 0;
    } else if (caught_up_ > 0 && now - last_progress_ >= progress_every) {
        const double seconds = std::chrono::duration<double>(now - catch_up_started_).count();
        spdlog::info("text pass: {} text answers analysed so far ({:.0f}/s), more waiting", caught_up_,
                     static_cast<double>(caught_up_) / seconds);
        last_progress_ = now;
    }
    // Learning waits for a quiet round; the first one waits a whole interval, so a
    // restart does not relearn at once.
    if (analysed == 0 && now >= next_learning_) {
        next_learning_ = now + options_.learn_interval;
        model_.learn(surveys_);
    }
    // A full batch means more are waiting: go on at once.
    return analysed == static_cast<std::size_t>(options_.batch);
}

} // namespace touchpoint::engine::services
