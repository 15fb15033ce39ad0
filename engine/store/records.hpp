// Rows as the repositories read and write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

struct survey_row {
    std::string id;
    std::string name;
    std::string kind;
    std::string status; // active | archived
    int current_version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::string definition; // JSON of the current version
};

struct contact_row {
    std::string id;
    std::string external_id;
    std::optional<std::string> email;
    std::optional<std::string> name;
    std::optional<std::string> locale;
    std::optional<std::string> timezone;
    std::string attributes = "{}"; // JSON object
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// A contact with whether it unsubscribed from surveys: what triggers judge.
struct contact_with_standing {
    contact_row row;
    bool unsubscribed = false;
};

struct invitation_row {
    std::string id;
    std::string survey_id;
    std::optional<std::string> contact_id;
    std::string channel;
    std::optional<std::string> campaign_id;
    std::string status; // created, scheduled, sent, delivered, opened, responded, skipped, cancelled, failed, expired (read, never written)
    std::optional<std::int64_t> expires_at;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> opened_at;
    std::optional<std::int64_t> responded_at;
    std::optional<std::string> reason; // why it no longer accepts answers: "contact_erased"
    // Campaign delivery (null for invitations made directly): when it is or was
    // due, sent and delivered, and how many delivery attempts were made.
    std::optional<std::int64_t> due_at, sent_at, delivered_at;
    int attempts = 0;
};

// What answering an invitation needs to know, read in one query.
struct invitation_context {
    invitation_row invitation;
    std::string survey_status;
    int survey_current_version = 1;
    std::int64_t survey_updated_at = 0;
    std::optional<std::string> contact_external_id;
    std::optional<std::string> contact_locale;
    std::optional<std::string> response_id; // set when a response exists
    std::optional<int> response_version;
    std::optional<std::string> response_answers;
    bool response_complete = false;
    std::optional<std::int64_t> response_created_at;
};

// The stored analysis of one free-text answer (see migration 0004).
struct text_analysis_row {
    std::string question_id;
    std::string language;  // ISO 639-1 or "und"
    double sentiment = 0;  // in [-1, 1]
    std::string feeling;   // positive | negative | neutral | mixed
    std::string themes;    // theme ids separated by spaces
    std::string phrases;   // key phrases, one "stems\twords" per line
    int revision = 0;      // the text model's; 0: not analysed yet
};

struct response_row {
    std::string id;
    std::string survey_id;
    int survey_version = 1;
    std::string invitation_id;
    std::optional<std::string> contact_id;
    std::optional<std::string> contact_external_id;
    std::string channel;
    std::string locale;
    std::string answers = "{}"; // JSON object
    bool complete = false;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<text_analysis_row> analyses; // of its text answers, when read with them
};

// One row of the answers table: a score, a chosen option or a text.
struct answer_cell {
    std::string question_id;
    std::optional<long long> score;
    std::optional<std::string> choice;
    std::optional<std::string> text;
    std::optional<text_analysis_row> analysis; // for a text; without it the text pass analyses it
};

struct api_key_row {
    std::string id;
    std::string name;
    std::string scope;
    std::string key_hash;
    std::int64_t created_at = 0;
};

// Keyset paging: rows after (created_at, id) in that order.
struct page_cursor {
    std::int64_t created_at = 0;
    std::string id;
};

} // namespace touchpoint::engine::store
