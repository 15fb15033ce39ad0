#include "engine/store/response_writer.hpp"

#include "engine/store/database.hpp"
#include "engine/store/nullable.hpp"

#include <soci/soci.h>

#include <stdexcept>

namespace touchpoint::engine::store {
using soci::use;

// Prepared once on the writer's own session and re-executed for every row.
struct response_writer::statements {
    explicit statements(soci::session& session)
        : upsert(session), clear_answers(session), insert_answer(session), mark_responded(session) {
        upsert.exchange(use(id));
        upsert.exchange(use(survey_id));
        upsert.exchange(use(survey_version));
        upsert.exchange(use(invitation_id));
        upsert.exchange(use(contact_id, contact_indicator));
        upsert.exchange(use(channel));
        upsert.exchange(use(locale));
        upsert.exchange(use(answers));
        upsert.exchange(use(complete));
        upsert.exchange(use(created_at));
        upsert.exchange(use(updated_at));
        upsert.alloc();
        // An edit keeps the version and creation time the response started with.
        upsert.prepare("INSERT INTO responses (id, survey_id, survey_version, invitation_id, contact_id, channel, locale, "
                       "answers, complete, created_at, updated_at) "
                       "VALUES (:id, :survey, :version, :invitation, :contact, :channel, :locale, :answers, :complete, "
                       ":created, :updated) "
                       "ON CONFLICT (invitation_id) DO UPDATE SET answers = excluded.answers, "
                       "complete = excluded.complete, locale = excluded.locale, channel = excluded.channel, "
                       "updated_at = excluded.updated_at");
        upsert.define_and_bind();

        clear_answers.exchange(use(id));
        clear_answers.alloc();
        clear_answers.prepare("DELETE FROM answers WHERE response_id = :id");
        clear_answers.define_and_bind();

        insert_answer.exchange(use(id));
        insert_answer.exchange(use(survey_id));
        insert_answer.exchange(use(question_id));
        insert_answer.exchange(use(created_at));
        insert_answer.exchange(use(score, score_indicator));
        insert_answer.exchange(use(choice, choice_indicator));
        insert_answer.exchange(use(text, text_indicator));
        insert_answer.alloc();
        insert_answer.prepare("INSERT INTO answers (response_id, survey_id, question_id, created_at, score, choice, text_value) "
                              "VALUES (:id, :survey, :question, :created, :score, :choice, :text)");
        insert_answer.define_and_bind();

        mark_responded.exchange(use(updated_at));
        mark_responded.exchange(use(invitation_id));
        mark_responded.alloc();
        mark_responded.prepare("UPDATE invitations SET status = 'responded', responded_at = COALESCE(responded_at, :now) "
                               "WHERE id = :id");
        mark_responded.define_and_bind();
    }

    void write(const response_write& w) {
        const auto& row = w.row;
        id = row.id;
        survey_id = row.survey_id;
        survey_version = row.survey_version;
        invitation_id = row.invitation_id;
        contact_id = row.contact_id.value_or("");
        contact_indicator = row.contact_id ? soci::i_ok : soci::i_null;
        channel = row.channel;
        locale = row.locale;
        answers = row.answers;
        complete = row.complete ? 1 : 0;
        created_at = row.created_at;
        updated_at = row.updated_at;
        upsert.execute(true);
        clear_answers.execute(true);
        for (const auto& cell : w.cells) {
            question_id = cell.question_id;
            score = cell.score.value_or(0);
            score_indicator = cell.score ? soci::i_ok : soci::i_null;
            choice = cell.choice.value_or("");
            choice_indicator = cell.choice ? soci::i_ok : soci::i_null;
            text = cell.text.value_or("");
            text_indicator = cell.text ? soci::i_ok : soci::i_null;
            insert_answer.execute(true);
        }
        mark_responded.execute(true);
    }

    std::string id, survey_id, invitation_id, contact_id, channel, locale, answers, question_id, choice, text;
    int survey_version = 0, complete = 0;
    long long created_at = 0, updated_at = 0, score = 0;
    soci::indicator contact_indicator = soci::i_null, score_indicator = soci::i_null, choice_indicator = soci::i_null,
                    text_indicator = soci::i_null;
    soci::statement upsert, clear_answers, insert_answer, mark_responded;
};

response_writer::response_writer(database& db, std::size_t max_batch, std::function<void(std::size_t)> on_committed)
    : db_(db), max_batch_(max_batch), on_committed_(std::move(on_committed)), session_(db.open_session()),
      statements_(std::make_unique<statements>(*session_)), thread_([this] { run(); }) {}

response_writer::~response_writer() { stop(); }

std::future<void> response_writer::submit(response_write write) {
    pending item{std::move(write), {}};
    auto future = item.done.get_future();
    {
        std::lock_guard lock(mutex_);
        if (stopping_) throw std::runtime_error("the response writer is stopped");
        queue_.push_back(std::move(item));
    }
    wake_.notify_one();
    return future;
}

void response_writer::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void response_writer::run() {
    std::vector<pending> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return; // stopping, and everything is written
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        write_batch(batch);
        batch.clear();
    }
}

void response_writer::write_batch(std::vector<pending>& batch) {
    try {
        write_transaction transaction(db_, *session_);
        for (const auto& item : batch) statements_->write(item.write);
        transaction.commit();
        if (on_committed_) on_committed_(batch.size());
        for (auto& item : batch) item.done.set_value();
        return;
    } catch (...) {
        // Fall through: one bad response must not fail the others that shared its batch.
    }
    for (auto& item : batch) {
        try {
            write_transaction transaction(db_, *session_);
            statements_->write(item.write);
            transaction.commit();
            if (on_committed_) on_committed_(1);
            item.done.set_value();
        } catch (...) {
            item.done.set_exception(std::current_exception());
        }
    }
}

} // namespace touchpoint::engine::store
