// Answering: from a respondent token to a validated, durable response.
#pragma once

#include "engine/security/token_signer.hpp"
#include "engine/services/definition_cache.hpp"
#include "engine/services/service_error.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/store/records.hpp"
#include "engine/store/response_repository.hpp"
#include "surveys/answers.hpp"

#include <boost/json/fwd.hpp>

#include <exception>
#include <functional>
#include <optional>
#include <variant>

namespace touchpoint::engine::store {
class database;
class response_writer;
struct response_write;
} // namespace touchpoint::engine::store

namespace touchpoint::engine::services {

class survey_service;
class subscription_directory;
class text_model_service;

// An invitation opened with a valid token, with the survey version it answers.
struct answer_session {
    store::invitation_context context;
    definition_cache::definition_ptr definition;
    int version = 1;
    surveys::answer_map answers; // what was answered so far
};

struct submission {
    const boost::json::value* answers = nullptr; // object of question id to value; null clears one
    bool complete = false;
    std::string channel; // "link" (hosted page), "in_app" (API), "email" (one-click)
    std::string locale;
};

class response_service {
public:
    response_service(store::database& db, survey_service& surveys, const security::token_signer& signer,
                     store::response_writer& writer, const text_model_service& texts)
        : db_(db), surveys_(surveys), signer_(signer), writer_(writer), texts_(texts) {}

    // 404 for a token that is not ours, 410 once expired or when the survey is archived.
    outcome<answer_session> open(std::string_view token);
    // Merges the new answers over the earlier ones and validates them against the
    // version. An invalid submission is returned at once; a valid one is queued
    // to the writer and `done` is called on the writer thread after the commit
    // with the stored row, or with the reason it failed. The one path every
    // channel (hosted page, one-click score, in-app API) submits through.
    using stored_or_failure = std::variant<store::response_row, std::exception_ptr>;
    std::optional<service_error> submit_async(const answer_session& session, const submission& input,
                                              std::function<void(stored_or_failure)> done);
    void record_opened(const answer_session& session);

    // Response webhook messages (response.created, response.updated,
    // response.completed) go to the subscriptions in `subscriptions`, enqueued
    // in the response's own transaction; `wake` runs after such a commit.
    void notify_through(subscription_directory& subscriptions, std::function<void()> wake) {
        subscriptions_ = &subscriptions;
        wake_ = std::move(wake);
    }

    // A page of responses, with the analyses of their text answers unless
    // `with_analyses` is false (the CSV export has no column for them).
    std::vector<store::response_row> list(const store::response_filter& filter,
                                          const std::optional<store::page_cursor>& after, int limit,
                                          bool with_analyses = true);

private:
    outcome<store::response_write> prepare(const answer_session& session, const submission& input) const;
    // The webhook messages a response's write carries, for the subscriptions that want them.
    std::vector<store::job_row> response_messages(const answer_session& session, const boost::json::object& answers,
                                                  const store::response_row& row, std::int64_t now) const;

    store::database& db_;
    survey_service& surveys_;
    const security::token_signer& signer_;
    store::response_writer& writer_;
    const text_model_service& texts_;
    subscription_directory* subscriptions_ = nullptr;
    std::function<void()> wake_;
};

} // namespace touchpoint::engine::services
