#include "engine/store/response_writer.hpp"

#include "engine/store/database.hpp"
#include "engine/store/nullable.hpp"
#include "engine/thread_name.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

namespace touchpoint::engine::store {
using soci::use;

namespace {

constexpr long long day_ms = 86'400'000; // answers.day is the UTC day of created_at

// The writer touches index pages all over the tables; a larger page cache saves
// re-reading them from the OS on every batch.
constexpr std::size_t writer_cache_mib = 32;
// While the checkpointer restarts the WAL the writer waits for the lock. SQLite's
// own busy handler sleeps in steps of up to 25 ms then 100 ms; this one retries
// every 100 us, so the writer resumes as soon as the lock is free.
int retry_soon(void*, int attempts) {
    constexpr int give_up_after = 100'000; // 10 s, like busy_timeout
    if (attempts >= give_up_after) return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(100));
    return 1;
}

std::unique_ptr<soci::session> open_writer_session(database& db) {
    auto session = db.open_session(writer_cache_mib);
    if (db.kind() == dialect::sqlite) {
        auto* backend = static_cast<soci::sqlite3_session_backend*>(session->get_backend());
        sqlite_api::sqlite3_busy_handler(backend->conn_, retry_soon, nullptr);
    }
    return session;
}

// Inserts a response or, when its invitation has one already, edits it: an edit
// keeps the id, version and creation time the response started with, and the
// RETURNING clause each dialect adds tells which id that is, also when two first
// answers race. Each placeholder appears once (SOCI binds by position).
#define TOUCHPOINT_UPSERT_RESPONSE                                                                                    \
    "INSERT INTO responses (id, survey_id, survey_version, invitation_id, contact_id, channel, locale, answers, "     \
    "complete, created_at, updated_at) "                                                                              \
    "VALUES (:id, :survey, :version, :invitation, :contact, :channel, :locale, :answers, :complete, :created, "       \
    ":updated) "                                                                                                      \
    "ON CONFLICT (invitation_id) DO UPDATE SET answers = excluded.answers, complete = excluded.complete, "           \
    "locale = excluded.locale, channel = excluded.channel, updated_at = excluded.updated_at "

constexpr const char* sqlite_upsert = TOUCHPOINT_UPSERT_RESPONSE "RETURNING id, created_at, contact_id";

// One response and all its answer rows in a single statement: on PostgreSQL every
// statement is a network round trip, and those, not the database, bound the rate.
// The DELETE sees the rows from before this statement, so it removes only the
// answers an edit replaces.
constexpr const char* postgresql_write =
    "WITH r AS (" TOUCHPOINT_UPSERT_RESPONSE "RETURNING id, survey_id, created_at, channel, locale, contact_id), "
    "cleared AS (DELETE FROM answers WHERE response_id = (SELECT id FROM r)), "
    "added AS (INSERT INTO answers (response_id, survey_id, question_id, created_at, day, channel, locale, campaign_id, "
    "contact_id, score, choice, text_value, language, sentiment, feeling, themes, phrases, analysis_revision) "
    "SELECT r.id, r.survey_id, c.q, r.created_at, r.created_at / 86400000, r.channel, r.locale, CAST(:campaign AS text), "
    "r.contact_id, c.s, c.c, c.t, c.l, "
    "c.se, c.f, c.th, c.ph, c.rv FROM r, json_to_recordset(CAST(:cells AS json)) AS c(q text, s bigint, c text, t text, l text, "
    "se double precision, f text, th text, ph text, rv integer)) "
    "SELECT id, created_at FROM r";

#undef TOUCHPOINT_UPSERT_RESPONSE

// The answer rows as the JSON array json_to_recordset reads.
std::string cells_json(const std::vector<answer_cell>& cells) {
    boost::json::array out;
    for (const auto& cell : cells) {
        boost::json::object item{{"q", cell.question_id}};
        item["s"] = cell.score ? boost::json::value(*cell.score) : boost::json::value(nullptr);
        item["c"] = cell.choice ? boost::json::value(*cell.choice) : boost::json::value(nullptr);
        item["t"] = cell.text ? boost::json::value(*cell.text) : boost::json::value(nullptr);
        if (cell.text) {
            const auto& a = cell.analysis;
            item["rv"] = a ? a->revision : 0;
            if (a) {
                item["l"] = a->language;
                item["se"] = a->sentiment;
                item["f"] = a->feeling;
                item["th"] = a->themes;
                item["ph"] = a->phrases;
            }
        }
        out.push_back(std::move(item));
    }
    return boost::json::serialize(out);
}

} // namespace

// Prepared once on the writer's own session and re-executed for every row.
struct response_writer::statements {
    statements(soci::session& session, dialect kind)
        : kind(kind), upsert(session), clear_answers(session), insert_answer(session), write_all(session) {
        if (kind == dialect::postgresql) {
            prepare_postgresql();
            return;
        }
        bind_response(upsert);
        upsert.exchange(soci::into(stored_contact_id, stored_contact_indicator)); // the stored response's contact
        upsert.alloc();
        upsert.prepare(sqlite_upsert);
        upsert.define_and_bind();

        clear_answers.exchange(use(stored_id));
        clear_answers.alloc();
        clear_answers.prepare("DELETE FROM answers WHERE response_id = :id");
        clear_answers.define_and_bind();

        insert_answer.exchange(use(stored_id));
        insert_answer.exchange(use(survey_id));
        insert_answer.exchange(use(question_id));
        insert_answer.exchange(use(stored_created_at));
        insert_answer.exchange(use(stored_day));
        insert_answer.exchange(use(channel));
        insert_answer.exchange(use(locale));
        insert_answer.exchange(use(campaign_id, campaign_indicator));
        insert_answer.exchange(use(stored_contact_id, stored_contact_indicator));
        insert_answer.exchange(use(score, score_indicator));
        insert_answer.exchange(use(choice, choice_indicator));
        insert_answer.exchange(use(text, text_indicator));
        insert_answer.exchange(use(language, analysis_indicator));
        insert_answer.exchange(use(sentiment, analysis_indicator));
        insert_answer.exchange(use(feeling, analysis_indicator));
        insert_answer.exchange(use(themes, analysis_indicator));
        insert_answer.exchange(use(phrases, analysis_indicator));
        insert_answer.exchange(use(revision, revision_indicator));
        insert_answer.alloc();
        insert_answer.prepare("INSERT INTO answers (response_id, survey_id, question_id, created_at, day, channel, locale, "
                              "campaign_id, contact_id, score, choice, text_value, language, sentiment, feeling, themes, "
                              "phrases, analysis_revision) VALUES (:id, :survey, :question, :created, :day, :channel, "
                              ":locale, :campaign, :contact, :score, :choice, :text, :language, :sentiment, :feeling, "
                              ":themes, :phrases, :revision)");
        insert_answer.define_and_bind();
    }

    // The response's columns, in the order of TOUCHPOINT_UPSERT_RESPONSE, and the
    // id and creation time it returns.
    void bind_response(soci::statement& statement) {
        statement.exchange(soci::into(stored_id));
        statement.exchange(soci::into(stored_created_at));
        statement.exchange(use(id));
        statement.exchange(use(survey_id));
        statement.exchange(use(survey_version));
        statement.exchange(use(invitation_id));
        statement.exchange(use(contact_id, contact_indicator));
        statement.exchange(use(channel));
        statement.exchange(use(locale));
        statement.exchange(use(answers));
        statement.exchange(use(complete));
        statement.exchange(use(created_at));
        statement.exchange(use(updated_at));
    }

    void prepare_postgresql() {
        bind_response(write_all);
        write_all.exchange(use(campaign_id, campaign_indicator));
        write_all.exchange(use(cells));
        write_all.alloc();
        write_all.prepare(postgresql_write);
        write_all.define_and_bind();
    }

    // Writes one response and sets the id and creation time in `w.row` to those
    // stored (the same again if a failed batch is retried row by row).
    void write(response_write& w) {
        auto& row = w.row;
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
        campaign_id = w.campaign_id.value_or("");
        campaign_indicator = w.campaign_id ? soci::i_ok : soci::i_null;
        if (kind == dialect::postgresql) {
            cells = cells_json(w.cells);
            write_all.execute(true);
            while (write_all.fetch()) {}
            row.id = stored_id;
            row.created_at = stored_created_at;
            return;
        }
        upsert.execute(true);
        while (upsert.fetch()) {} // finish the statement before the commit
        if (w.replaces_existing || stored_id != row.id) clear_answers.execute(true);
        row.id = stored_id;
        row.created_at = stored_created_at;
        stored_day = stored_created_at / day_ms;
        for (const auto& cell : w.cells) {
            question_id = cell.question_id;
            score = cell.score.value_or(0);
            score_indicator = cell.score ? soci::i_ok : soci::i_null;
            choice = cell.choice.value_or("");
            choice_indicator = cell.choice ? soci::i_ok : soci::i_null;
            text = cell.text.value_or("");
            text_indicator = cell.text ? soci::i_ok : soci::i_null;
            const auto* analysis = cell.analysis ? &*cell.analysis : nullptr;
            analysis_indicator = cell.text && analysis ? soci::i_ok : soci::i_null;
            language = analysis ? analysis->language : "";
            sentiment = analysis ? analysis->sentiment : 0;
            feeling = analysis ? analysis->feeling : "";
            themes = analysis ? analysis->themes : "";
            phrases = analysis ? analysis->phrases : "";
            revision = analysis ? analysis->revision : 0; // 0: the text pass analyses it
            revision_indicator = cell.text ? soci::i_ok : soci::i_null;
            insert_answer.execute(true);
        }
    }

    dialect kind;
    std::string id, survey_id, invitation_id, contact_id, channel, locale, answers, question_id, choice, text, stored_id,
        stored_contact_id, campaign_id, cells, language, feeling, themes, phrases;
    int survey_version = 0, complete = 0, revision = 0;
    double sentiment = 0;
    long long created_at = 0, updated_at = 0, score = 0, stored_created_at = 0, stored_day = 0;
    soci::indicator contact_indicator = soci::i_null, stored_contact_indicator = soci::i_null,
                    campaign_indicator = soci::i_null, score_indicator = soci::i_null, choice_indicator = soci::i_null,
                    text_indicator = soci::i_null, analysis_indicator = soci::i_null,
                    revision_indicator = soci::i_null;
    soci::statement upsert, clear_answers, insert_answer; // SQLite: prepared statements are cheap to run
    soci::statement write_all;                            // PostgreSQL: one round trip per response
};

response_writer::response_writer(database& db, std::size_t max_batch, std::function<void(std::size_t)> on_committed)
    : db_(db), max_batch_(max_batch), on_committed_(std::move(on_committed)), session_(open_writer_session(db)),
      statements_(std::make_unique<statements>(*session_, db.kind())), thread_([this] { run(); }) {}

response_writer::~response_writer() { stop(); }

void response_writer::submit(response_write write, write_done done) {
    bool was_idle = false;
    {
        std::lock_guard lock(mutex_);
        if (stopping_) throw std::runtime_error("the response writer is stopped");
        was_idle = queue_.empty() && !busy_;
        queue_.push_back({std::move(write), std::move(done)});
    }
    // A busy writer looks at the queue again after its commit: no wake-up needed.
    if (was_idle) wake_.notify_one();
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
    name_this_thread("tp-writer");
    std::vector<pending> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            busy_ = false;
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return; // stopping, and everything is written
            busy_ = true;
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        write_batch(batch);
        batch.clear();
    }
}

void response_writer::write_one(response_write& write) {
    statements_->write(write);
    if (write.messages.empty()) return;
    job_repository jobs(*session_);
    for (const auto& message : write.messages) jobs.enqueue(message);
}

void response_writer::write_batch(std::vector<pending>& batch) {
    if (!statements_ || !session_->is_connected()) {
        // The database server closed the writer's connection; open a new one.
        try {
            statements_.reset();
            session_ = open_writer_session(db_);
            statements_ = std::make_unique<statements>(*session_, db_.kind());
            spdlog::info("the response writer reconnected to the database");
        } catch (const std::exception& e) {
            spdlog::error("the response writer cannot reach the database: {}", e.what());
            for (auto& item : batch) item.done(std::current_exception(), item.write.row);
            return;
        }
    }
    try {
        write_transaction transaction(db_, *session_);
        for (auto& item : batch) write_one(item.write);
        transaction.commit();
        if (on_committed_) on_committed_(batch.size());
        for (auto& item : batch) item.done(nullptr, item.write.row);
        return;
    } catch (const std::exception& e) {
        // Fall through: one bad response must not fail the others that shared its batch.
        spdlog::warn("a batch of {} responses failed ({}); writing them one by one", batch.size(), e.what());
    }
    for (auto& item : batch) {
        try {
            write_transaction transaction(db_, *session_);
            write_one(item.write);
            transaction.commit();
            if (on_committed_) on_committed_(1);
            item.done(nullptr, item.write.row);
        } catch (...) {
            item.done(std::current_exception(), item.write.row);
        }
    }
}

} // namespace touchpoint::engine::store
