// The background text pass: analyses the text answers that have no analysis
// from the current text model yet (answers stored before the analysis existed,
// or before a taxonomy edit or newly learned words), and learns domain words
// when enough new comments came in. Every engine process runs one; their
// writes are idempotent, so sharing a database is safe.
#pragma once

#include "engine/background_worker.hpp"

#include <chrono>
#include <cstddef>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

class survey_service;
class text_model_service;

struct text_pass_options {
    std::chrono::milliseconds interval{1000};       // between rounds when caught up
    std::chrono::milliseconds learn_interval{60000}; // between checks whether to learn
    int batch = 500;                                  // answers analysed per transaction
};

class text_pass {
public:
    text_pass(store::database& db, text_model_service& model, survey_service& surveys, text_pass_options options = {});
    ~text_pass();
    text_pass(const text_pass&) = delete;
    text_pass& operator=(const text_pass&) = delete;

    void start();
    void stop();

    // One batch: picks up a new model revision, then analyses up to `batch`
    // stale answers; returns how many it analysed.
    std::size_t analyse_batch();

private:
    // One round of the worker: a batch, progress lines, learning when idle; true
    // when more answers are waiting.
    bool round();

    store::database& db_;
    text_model_service& model_;
    survey_service& surveys_;
    text_pass_options options_;
    background_worker worker_;
    std::chrono::steady_clock::time_point next_learning_;
    std::size_t caught_up_ = 0; // analysed since the pass last found nothing to do
    std::chrono::steady_clock::time_point catch_up_started_, last_progress_;
};

} // namespace touchpoint::engine::services
