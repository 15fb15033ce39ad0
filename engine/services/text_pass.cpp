#include "engine/services/text_pass.hpp"

#include "engine/services/text_model_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/text_repository.hpp"
#include "engine/thread_name.hpp"

#include <spdlog/spdlog.h>

namespace touchpoint::engine::services {

text_pass::text_pass(store::database& db, text_model_service& model, survey_service& surveys, text_pass_options options)
    : db_(db), model_(model), surveys_(surveys), options_(options) {}

text_pass::~text_pass() { stop(); }

void text_pass::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        name_this_thread("tp-text-pass");
        run();
    });
}

void text_pass::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

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

void text_pass::run() {
    // The first check waits one interval too: a restart does not relearn at once.
    auto next_learning = std::chrono::steady_clock::now() + options_.learn_interval;
    std::size_t caught_up = 0; // analysed since the pass last found nothing to do
    // A long catch-up (a new taxonomy over millions of comments) says how far it got.
    constexpr auto progress_every = std::chrono::seconds(10);
    auto catch_up_started = std::chrono::steady_clock::now(), last_progress = catch_up_started;
    for (;;) {
        std::size_t analysed = 0;
        try {
            analysed = analyse_batch();
            const auto now = std::chrono::steady_clock::now();
            if (caught_up == 0 && analysed > 0) catch_up_started = last_progress = now;
            caught_up += analysed;
            if (analysed < static_cast<std::size_t>(options_.batch) && caught_up > 0) {
                spdlog::info("text pass: analysed {} text answers with text model revision {}", caught_up,
                             model_.current()->revision);
                caught_up = 0;
            } else if (caught_up > 0 && now - last_progress >= progress_every) {
                const double seconds = std::chrono::duration<double>(now - catch_up_started).count();
                spdlog::info("text pass: {} text answers analysed so far ({:.0f}/s), more waiting", caught_up,
                             static_cast<double>(caught_up) / seconds);
                last_progress = now;
            }
            if (analysed == 0 && std::chrono::steady_clock::now() >= next_learning) {
                next_learning = std::chrono::steady_clock::now() + options_.learn_interval;
                model_.learn(surveys_);
            }
        } catch (const std::exception& e) {
            spdlog::warn("text pass: {}; trying again in {} ms", e.what(), options_.interval.count());
            analysed = 0;
        }
        std::unique_lock lock(mutex_);
        if (stopping_) return;
        // A full batch means more are waiting: go on at once.
        if (analysed == static_cast<std::size_t>(options_.batch)) continue;
        wake_.wait_for(lock, options_.interval, [this] { return stopping_; });
        if (stopping_) return;
    }
}

} // namespace touchpoint::engine::services
