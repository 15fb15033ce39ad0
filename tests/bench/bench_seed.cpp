// Seeds a database for the benchmarks and times the bare SQL aggregate that the
// score report is compared against. Writes straight through SOCI in large
// transactions, because seeding a million rows through the HTTP API would
// measure the API rather than prepare for it.
//
//   bench_seed invitations --db URL --secret S --survey ID --count N --tokens FILE
//   bench_seed responses   --db URL --survey ID --count N [--days D] [--seed X] [--comments] [--contacts C]
//   bench_seed events      --db URL --contacts N [--days D] [--seed X]
//   bench_seed campaign-events --db URL --survey ID --contacts N --events N [--days D] [--seed X]
//   bench_seed aggregate   --db URL --survey ID [--runs R]
//   bench_seed count       --db URL [--runs R]
#include "comment_generator.hpp"
#include "engine/security/token_signer.hpp"
#include "engine/services/text_model_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/report_repository.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <iostream>
#include <random>
#include <string>
#include <vector>

namespace {
using namespace touchpoint::engine;
using soci::use;
using clock_type = std::chrono::steady_clock;

constexpr long long day_ms = 86'400'000;
constexpr int rows_per_transaction = 20'000;

long long now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

void progress(const char* what, long long done, long long total, clock_type::time_point start) {
    std::fprintf(stderr, "\r%s: %lld / %lld (%.0f rows/s)", what, done, total, done / std::max(seconds_since(start), 1e-9));
    if (done == total) std::fprintf(stderr, "\n");
}

// The rows of one invitation, prepared once and re-executed.
struct invitation_insert {
    explicit invitation_insert(soci::session& session) : statement(session) {
        statement.exchange(use(id));
        statement.exchange(use(survey_id));
        statement.exchange(use(contact_id, contact_indicator));
        statement.exchange(use(campaign_id, campaign_indicator));
        statement.exchange(use(created_at));
        statement.alloc();
        statement.prepare("INSERT INTO invitations (id, survey_id, contact_id, channel, campaign_id, created_at) "
                          "VALUES (:id, :survey, :contact, 'in_app', :campaign, :created)");
        statement.define_and_bind();
    }
    std::string id, survey_id, contact_id, campaign_id;
    soci::indicator contact_indicator = soci::i_null, campaign_indicator = soci::i_null; // NULL unless set
    long long created_at = 0;
    soci::statement statement;
};

// Contacts with a plan attribute, as a product's automation would have created
// them: 60 % free, 30 % pro, 10 % enterprise.
void seed_contacts(store::database& db, soci::session& session, long long count, std::mt19937_64& random) {
    std::discrete_distribution<int> pick_plan({60, 30, 10});
    const char* const plans[] = {"free", "pro", "enterprise"};
    std::string id, external_id, attributes;
    const long long created = now_ms();
    soci::statement contact(session);
    contact.exchange(use(id));
    contact.exchange(use(external_id));
    contact.exchange(use(attributes));
    contact.exchange(use(created));
    contact.exchange(use(created));
    contact.alloc();
    contact.prepare("INSERT INTO contacts (id, external_id, attributes, created_at, updated_at) "
                    "VALUES (:id, :external, :attributes, :created, :updated)");
    contact.define_and_bind();
    const auto start = clock_type::now();
    for (long long done = 0; done < count;) {
        store::write_transaction transaction(db, session);
        for (int i = 0; i < rows_per_transaction && done < count; ++i, ++done) {
            id = fmt::format("cnt_rsp_{:010d}", done);
            external_id = fmt::format("bench-{}", done);
            attributes = fmt::format(R"({{"plan":"{}","seats":{}}})", plans[pick_plan(random)], 1 + done % 50);
            contact.execute(true);
        }
        transaction.commit();
        progress("contacts", done, count, start);
    }
}

// A session for bulk writes. The engine's sessions leave WAL checkpoints to its
// checkpointer thread; a seeder has none, so it turns SQLite's own back on, or
// the WAL would grow by every page written, without end.
std::unique_ptr<soci::session> seeding_session(store::database& db) {
    auto session = db.open_session(256);
    if (db.kind() == store::dialect::sqlite) *session << "PRAGMA wal_autocheckpoint=10000";
    return session;
}

int seed_invitations(const std::string& url, const std::string& secret, const std::string& survey, long long count,
                     const std::string& tokens_path) {
    store::database db(url, 1);
    auto session = seeding_session(db);
    security::token_signer signer(secret);
    std::ofstream tokens(tokens_path);
    if (!tokens) {
        std::cerr << "cannot write the tokens file " << tokens_path << "\n";
        return 1;
    }
    invitation_insert insert(*session);
    insert.survey_id = survey;
    const auto start = clock_type::now();
    for (long long done = 0; done < count;) {
        store::write_transaction transaction(db, *session);
        for (int i = 0; i < rows_per_transaction && done < count; ++i, ++done) {
            insert.id = security::new_invitation_id();
            insert.created_at = now_ms();
            insert.statement.execute(true);
            tokens << signer.issue({insert.id, std::nullopt}) << '\n';
        }
        transaction.commit();
        progress("invitations", done, count, start);
    }
    return 0;
}

// A realistic NPS mix: about half promoters, a fifth detractors.
int draw_nps(std::mt19937_64& random) {
    static const std::vector<double> weights{2, 1, 1, 2, 2, 4, 8, 10, 18, 24, 28};
    std::discrete_distribution<int> pick(weights.begin(), weights.end());
    return pick(random);
}

// Contacts who sign up over the period, log in now and then, most create a
// project and finish onboarding after a few days (faster in later months), some
// never do: signup, login, project.created and onboarding.completed events.
int seed_events(const std::string& url, long long contacts, int days, unsigned seed) {
    store::database db(url, 1);
    auto session = seeding_session(db);
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::lognormal_distribution<double> onboarding_days(1.6, 0.8); // median about 5 days
    std::poisson_distribution<int> logins(6);
    const long long start_ms = now_ms() - days * day_ms;
    const double slice_ms = static_cast<double>(days * day_ms) / static_cast<double>(contacts);

    std::string contact_id, external_id, event_id, name;
    long long created = 0, occurred = 0;
    soci::statement contact(*session);
    contact.exchange(use(contact_id));
    contact.exchange(use(external_id));
    contact.exchange(use(created));
    contact.exchange(use(created));
    contact.alloc();
    contact.prepare("INSERT INTO contacts (id, external_id, attributes, created_at, updated_at) "
                    "VALUES (:id, :ext, '{}', :created, :updated)");
    contact.define_and_bind();
    soci::statement event(*session);
    event.exchange(use(event_id));
    event.exchange(use(contact_id));
    event.exchange(use(name));
    event.exchange(use(occurred));
    event.exchange(use(occurred));
    event.alloc();
    event.prepare("INSERT INTO events (id, contact_id, name, occurred_at, properties, received_at) "
                  "VALUES (:id, :contact, :name, :occurred, '{}', :received)");
    event.define_and_bind();

    long long events = 0;
    const auto start = clock_type::now();
    for (long long done = 0; done < contacts;) {
        store::write_transaction transaction(db, *session);
        for (int i = 0; i < rows_per_transaction / 10 && done < contacts; ++i, ++done) {
            contact_id = fmt::format("cnt_bench_{:010d}", done);
            external_id = fmt::format("bench-{}", done);
            created = start_ms + static_cast<long long>((static_cast<double>(done) + unit(random)) * slice_ms);
            contact.execute(true);
            int sequence = 0;
            auto emit = [&](const char* event_name, long long at) {
                event_id = fmt::format("{}-{}", external_id, sequence++);
                name = event_name;
                occurred = at;
                event.execute(true);
                ++events;
            };
            emit("signup", created);
            // Onboarding gets faster over the year: from the full delay to about half of it.
            const double speedup = 1.0 - 0.5 * static_cast<double>(done) / static_cast<double>(contacts);
            const long long onboarded = created + static_cast<long long>(onboarding_days(random) * speedup * day_ms);
            const bool finishes = unit(random) < 0.7;
            const int login_count = logins(random);
            for (int k = 0; k < login_count; ++k)
                emit("login", created + static_cast<long long>(unit(random) * 30 * day_ms));
            if (unit(random) < 0.8) emit("project.created", created + (onboarded - created) / 2);
            if (finishes) emit("onboarding.completed", onboarded);
        }
        transaction.commit();
        progress("contacts", done, contacts, start);
    }
    *session << "ANALYZE";
    std::printf("seeded %lld contacts with %lld events\n", contacts, events);
    return 0;
}

int seed_responses(const std::string& url, const std::string& survey, long long count, int days, unsigned seed,
                   bool comments, long long contacts) {
    store::database db(url, 2);
    // With comments, each is analysed as ingest would, by the stored text model.
    std::unique_ptr<services::text_model_service> texts;
    if (comments) texts = std::make_unique<services::text_model_service>(db);
    auto session = seeding_session(db);
    std::mt19937_64 random(seed);
    // Responses arrive over time: each one lands at a random moment of its own
    // slice of the period, so the rows are written in time order as in production.
    std::uniform_real_distribution<double> within_slice(0.0, 1.0);
    const double slice_ms = static_cast<double>(days * day_ms) / static_cast<double>(count);
    const long long start_ms = now_ms() - days * day_ms;

    invitation_insert invitation(*session);
    invitation.survey_id = survey;
    // With contacts, each response comes from a random one of them, invited by
    // one of four lifecycle campaigns.
    if (contacts > 0) seed_contacts(db, *session, contacts, random);
    std::uniform_int_distribution<long long> pick_contact(0, std::max(contacts - 1, 0LL));
    std::discrete_distribution<int> pick_campaign({40, 30, 20, 10});
    const char* const campaigns[] = {"cmp_bench_signup", "cmp_bench_onboarded", "cmp_bench_day90", "cmp_bench_renewal"};
    std::string response_id, answers, channel, locale;
    long long score = 0, day = 0;
    // Half answer by email link, a third in app; English, French and Dutch.
    std::discrete_distribution<int> pick_channel({50, 33, 17}), pick_locale({60, 25, 15});
    const char* const channels[] = {"email", "in_app", "link"};
    const char* const locales[] = {"en", "fr", "nl"};
    soci::statement response(*session);
    response.exchange(use(response_id));
    response.exchange(use(invitation.survey_id));
    response.exchange(use(invitation.id));
    response.exchange(use(invitation.contact_id, invitation.contact_indicator));
    response.exchange(use(channel));
    response.exchange(use(locale));
    response.exchange(use(answers));
    response.exchange(use(invitation.created_at));
    response.exchange(use(invitation.created_at)); // each placeholder binds once (PostgreSQL counts them)
    response.alloc();
    response.prepare("INSERT INTO responses (id, survey_id, survey_version, invitation_id, contact_id, channel, locale, "
                     "answers, complete, created_at, updated_at) "
                     "VALUES (:id, :survey, 1, :invitation, :contact, :channel, :locale, :answers, 1, :created, :updated)");
    response.define_and_bind();
    // The columns every answer row copies from its response, in the order both
    // answer statements list them.
    auto bind_response_columns = [&](soci::statement& statement) {
        statement.exchange(use(response_id));
        statement.exchange(use(invitation.survey_id));
        statement.exchange(use(invitation.created_at));
        statement.exchange(use(day));
        statement.exchange(use(channel));
        statement.exchange(use(locale));
        statement.exchange(use(invitation.campaign_id, invitation.campaign_indicator));
        statement.exchange(use(invitation.contact_id, invitation.contact_indicator));
    };
    soci::statement answer(*session);
    bind_response_columns(answer);
    answer.exchange(use(score));
    answer.alloc();
    answer.prepare("INSERT INTO answers (response_id, survey_id, question_id, created_at, day, channel, locale, "
                   "campaign_id, contact_id, score) "
                   "VALUES (:id, :survey, 'q_score', :created, :day, :channel, :locale, :campaign, :contact, :score)");
    answer.define_and_bind();
    store::text_analysis_row analysis;
    std::string comment;
    soci::statement text_answer(*session);
    bind_response_columns(text_answer);
    text_answer.exchange(use(comment));
    text_answer.exchange(use(analysis.language));
    text_answer.exchange(use(analysis.sentiment));
    text_answer.exchange(use(analysis.feeling));
    text_answer.exchange(use(analysis.themes));
    text_answer.exchange(use(analysis.phrases));
    text_answer.exchange(use(analysis.revision));
    text_answer.alloc();
    text_answer.prepare("INSERT INTO answers (response_id, survey_id, question_id, created_at, day, channel, locale, "
                        "campaign_id, contact_id, text_value, language, sentiment, feeling, themes, phrases, "
                        "analysis_revision) VALUES (:id, :survey, 'q_why', :created, :day, :channel, :locale, :campaign, "
                        ":contact, :text, :language, :sentiment, :feeling, :themes, :phrases, :revision)");
    text_answer.define_and_bind();
    double analysing_seconds = 0;
    long long comment_bytes = 0;

    const auto start = clock_type::now();
    for (long long done = 0; done < count;) {
        store::write_transaction transaction(db, *session);
        for (int i = 0; i < rows_per_transaction && done < count; ++i, ++done) {
            invitation.id = security::new_invitation_id();
            invitation.created_at = start_ms + static_cast<long long>((static_cast<double>(done) + within_slice(random)) * slice_ms);
            day = invitation.created_at / day_ms;
            response_id = "rsp_" + fmt::format("{:012x}", invitation.created_at) + invitation.id.substr(16);
            if (contacts > 0) {
                invitation.contact_id = fmt::format("cnt_rsp_{:010d}", pick_contact(random));
                invitation.campaign_id = campaigns[pick_campaign(random)];
                invitation.contact_indicator = invitation.campaign_indicator = soci::i_ok;
            }
            score = draw_nps(random);
            channel = channels[pick_channel(random)];
            locale = locales[pick_locale(random)];
            answers = "{\"q_score\":" + std::to_string(score) + "}";
            if (comments) {
                comment = touchpoint::bench::generate_comment(random, static_cast<int>(score), locale).text;
                const auto analysing = clock_type::now();
                analysis = texts->analyse(comment, locale);
                analysing_seconds += seconds_since(analysing);
                comment_bytes += static_cast<long long>(comment.size());
                boost::json::object document{{"q_score", score}, {"q_why", comment}};
                answers = boost::json::serialize(document);
            }
            invitation.statement.execute(true);
            response.execute(true);
            answer.execute(true);
            if (comments) text_answer.execute(true);
        }
        transaction.commit();
        progress("responses", done, count, start);
    }
    *session << "ANALYZE"; // fresh statistics, as a long-running database would have
    if (comments)
        std::printf("analysed %lld comments (mean %.0f bytes) in %.2f s: %.0f comments/s on one thread\n", count,
                    static_cast<double>(comment_bytes) / static_cast<double>(count), analysing_seconds,
                    static_cast<double>(count) / analysing_seconds);
    return 0;
}

// What a campaign preview replays: contacts (plans, locales, time zones, 90 %
// with an e-mail, 2 % unsubscribed), each with one signup over the last year;
// the other events spread over the last `days`, with names in the proportions
// of a product's automation (logins most, tickets, orders, page views, a few
// cancellations; tickets with a priority); and one stored invitation of another
// campaign for every tenth contact, so fatigue has a history to read.
int seed_campaign_events(const std::string& url, const std::string& survey, long long contacts, long long events,
                         int days, unsigned seed) {
    store::database db(url, 1);
    auto session = seeding_session(db);
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const long long now = now_ms();
    const long long period_ms = days * day_ms;
    const char* const plans[] = {"free", "pro", "business"};
    const char* const locales[] = {"en", "fr", "nl"};
    const char* const zones[] = {"Europe/Paris", "America/New_York", "Asia/Tokyo"};
    const char* const priorities[] = {"low", "normal", "high", "urgent"};
    const char* const names[] = {"login", "ticket.resolved", "order.delivered", "page.viewed", "subscription.cancelled"};
    std::discrete_distribution<int> pick_plan({60, 30, 10}), pick_name({55, 15, 15, 13, 2});

    std::string contact_id, external_id, email, locale, timezone, attributes;
    soci::indicator email_set = soci::i_ok, timezone_set = soci::i_ok, unsubscribed_set = soci::i_null;
    long long created = 0, unsubscribed = 0;
    soci::statement contact(*session);
    contact.exchange(use(contact_id));
    contact.exchange(use(external_id));
    contact.exchange(use(email, email_set));
    contact.exchange(use(locale));
    contact.exchange(use(timezone, timezone_set));
    contact.exchange(use(attributes));
    contact.exchange(use(created));
    contact.exchange(use(created));
    contact.exchange(use(unsubscribed, unsubscribed_set));
    contact.alloc();
    contact.prepare("INSERT INTO contacts (id, external_id, email, locale, timezone, attributes, created_at, updated_at, "
                    "unsubscribed_at) VALUES (:id, :ext, :email, :locale, :tz, :attributes, :created, :updated, :unsub)");
    contact.define_and_bind();
    std::string event_id, name, properties;
    long long occurred = 0;
    soci::statement event(*session);
    event.exchange(use(event_id));
    event.exchange(use(contact_id));
    event.exchange(use(name));
    event.exchange(use(occurred));
    event.exchange(use(properties));
    event.exchange(use(occurred));
    event.alloc();
    event.prepare("INSERT INTO events (id, contact_id, name, occurred_at, properties, received_at) "
                  "VALUES (:id, :contact, :name, :occurred, :properties, :received)");
    event.define_and_bind();
    invitation_insert invitation(*session);
    invitation.survey_id = survey;
    invitation.campaign_id = "cmp_bench_other";
    invitation.campaign_indicator = soci::i_ok;
    invitation.contact_indicator = soci::i_ok;

    // Each contact's share of the other events, so they total `events` with the signups.
    const double others_per_contact = static_cast<double>(std::max(events - contacts, 0LL)) / static_cast<double>(contacts);
    long long written = 0, owed = 0;
    const auto start = clock_type::now();
    for (long long done = 0; done < contacts;) {
        store::write_transaction transaction(db, *session);
        for (int i = 0; i < rows_per_transaction / 10 && done < contacts; ++i, ++done) {
            contact_id = fmt::format("cnt_pv_{:010d}", done);
            external_id = fmt::format("pv-{}", done);
            email = fmt::format("pv-{}@example.com", done);
            email_set = unit(random) < 0.9 ? soci::i_ok : soci::i_null;
            locale = locales[done % 3];
            timezone = zones[done % 3];
            timezone_set = unit(random) < 0.7 ? soci::i_ok : soci::i_null;
            attributes = fmt::format(R"({{"plan":"{}","seats":{}}})", plans[pick_plan(random)], 1 + done % 50);
            const long long signup = now - static_cast<long long>(unit(random) * 365 * day_ms);
            created = signup;
            unsubscribed_set = unit(random) < 0.02 ? soci::i_ok : soci::i_null;
            unsubscribed = now - day_ms;
            contact.execute(true);
            int sequence = 0;
            auto emit = [&](const char* event_name, long long at, std::string props) {
                event_id = fmt::format("{}-{}", external_id, sequence++);
                name = event_name;
                occurred = at;
                properties = std::move(props);
                event.execute(true);
                ++written;
            };
            emit("signup", signup, "{}");
            // Whole events per contact, the fractions carried to the next one.
            const long long target = static_cast<long long>(others_per_contact * static_cast<double>(done + 1));
            for (; owed < target; ++owed) {
                const char* event_name = names[pick_name(random)];
                const long long at = now - static_cast<long long>(unit(random) * static_cast<double>(period_ms));
                emit(event_name, at,
                     event_name == std::string_view("ticket.resolved")
                         ? fmt::format(R"({{"priority":"{}"}})", priorities[random() % 4])
                         : std::string("{}"));
            }
            if (done % 10 == 0) {
                invitation.id = fmt::format("inv_pv_{:010d}", done);
                invitation.contact_id = contact_id;
                invitation.created_at = now - static_cast<long long>(unit(random) * static_cast<double>(period_ms));
                invitation.statement.execute(true);
            }
        }
        transaction.commit();
        progress("contacts", done, contacts, start);
    }
    *session << "ANALYZE";
    std::printf("seeded %lld contacts with %lld events and %lld invitations of another campaign\n", contacts, written,
                (contacts + 9) / 10);
    return 0;
}

// The references a preview is compared against: counting the events table, the
// least a query touching every event costs on this machine; and, with a name,
// reading that event's rows of the last `days` bare (contact, time, properties),
// the least a preview of a trigger on it must read.
int time_count(const std::string& url, int runs, const std::string& name, int days) {
    store::database db(url, 1);
    auto session = db.open_session();
    auto median = [](std::vector<double>& timings) {
        std::sort(timings.begin(), timings.end());
        return timings[timings.size() / 2];
    };
    std::vector<double> timings;
    long long count = 0;
    for (int run = 0; run < runs; ++run) {
        const auto start = clock_type::now();
        *session << "SELECT COUNT(*) FROM events", soci::into(count);
        timings.push_back(seconds_since(start) * 1000);
    }
    std::printf("SELECT COUNT(*) FROM events: %lld rows, median %.1f ms (%d runs)\n", count, median(timings), runs);
    if (name.empty()) return 0;
    timings.clear();
    const long long since = now_ms() - days * day_ms;
    long long rows = 0;
    for (int run = 0; run < runs; ++run) {
        std::string contact_id, properties;
        long long occurred = 0;
        soci::statement statement = (session->prepare << "SELECT contact_id, occurred_at, properties FROM events "
                                                         "WHERE name = :name AND occurred_at >= :since",
                                     use(name), use(since), soci::into(contact_id), soci::into(occurred),
                                     soci::into(properties));
        const auto start = clock_type::now();
        statement.execute();
        rows = 0;
        while (statement.fetch()) ++rows;
        timings.push_back(seconds_since(start) * 1000);
    }
    std::printf("reading the %lld %s events of the last %d days bare: median %.1f ms (%d runs)\n", rows, name.c_str(),
                days, median(timings), runs);
    return 0;
}

// The report's own grouping (question, UTC day, score) run bare, without the
// service around it: the floor the report is measured against.
int time_aggregate(const std::string& url, const std::string& survey, int runs) {
    store::database db(url, 1);
    auto session = db.open_session();
    std::vector<double> timings;
    long long groups = 0, total = 0;
    for (int run = 0; run < runs; ++run) {
        std::string question;
        long long day = 0, score = 0, count = 0;
        long long from_day = std::numeric_limits<long long>::min(), to_day = std::numeric_limits<long long>::max();
        long long from = from_day, to = to_day;
        soci::statement statement =
            (session->prepare << store::score_counts_sql, use(survey), use(from_day), use(to_day), use(from), use(to),
             soci::into(question), soci::into(day), soci::into(score), soci::into(count));
        const auto start = clock_type::now();
        statement.execute();
        groups = total = 0;
        while (statement.fetch()) {
            ++groups;
            total += count;
        }
        timings.push_back(seconds_since(start) * 1000);
    }
    std::sort(timings.begin(), timings.end());
    std::printf("bare aggregate over %lld answers in %lld groups: median %.1f ms, best %.1f ms (%d runs)\n", total,
                groups, timings[timings.size() / 2], timings.front(), runs);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Seeds benchmark data and times the bare score aggregate"};
    app.require_subcommand(1);
    std::string url, secret, survey, tokens;
    long long count = 0;
    int days = 365, runs = 5;
    unsigned seed = 1;

    auto* invitations = app.add_subcommand("invitations", "insert invitations and write their tokens, one per line");
    invitations->add_option("--db", url)->required();
    invitations->add_option("--secret", secret)->required();
    invitations->add_option("--survey", survey)->required();
    invitations->add_option("--count", count)->required()->check(CLI::PositiveNumber);
    invitations->add_option("--tokens", tokens)->required();

    auto* responses = app.add_subcommand("responses", "insert answered NPS responses spread over the last days");
    responses->add_option("--db", url)->required();
    responses->add_option("--survey", survey)->required();
    responses->add_option("--count", count)->required()->check(CLI::PositiveNumber);
    responses->add_option("--days", days)->check(CLI::Range(1, 3650));
    responses->add_option("--seed", seed);
    bool comments = false;
    responses->add_flag("--comments", comments, "add a generated en/fr/nl comment to each response, analysed");
    long long contacts = 0;
    responses->add_option("--contacts", contacts,
                          "responses come from this many contacts (attribute plan: free, pro, enterprise), "
                          "invited by four campaigns (cmp_bench_signup, _onboarded, _day90, _renewal)")
        ->check(CLI::NonNegativeNumber);

    auto* events = app.add_subcommand("events", "insert contacts and their lifecycle events over the last days");
    events->add_option("--db", url)->required();
    events->add_option("--contacts", contacts, "how many contacts sign up over the period")->required()->check(CLI::PositiveNumber);
    events->add_option("--days", days)->check(CLI::Range(1, 3650));
    events->add_option("--seed", seed);

    auto* campaign_events = app.add_subcommand(
        "campaign-events", "insert contacts, their events and another campaign's invitations, for the campaign preview");
    campaign_events->add_option("--db", url)->required();
    campaign_events->add_option("--survey", survey, "the survey the other campaign's invitations are of")->required();
    campaign_events->add_option("--contacts", contacts)->required()->check(CLI::PositiveNumber);
    long long event_count = 0;
    campaign_events->add_option("--events", event_count, "in all, one signup per contact included")->required()
        ->check(CLI::PositiveNumber);
    int event_days = 90;
    campaign_events->add_option("--days", event_days, "the period the events other than signups spread over")
        ->check(CLI::Range(1, 3650));
    campaign_events->add_option("--seed", seed);

    auto* count_events = app.add_subcommand("count", "time SELECT COUNT(*) FROM events, the preview's reference");
    count_events->add_option("--db", url)->required();
    count_events->add_option("--runs", runs)->check(CLI::Range(1, 100));
    std::string count_name;
    int count_days = 30;
    count_events->add_option("--name", count_name, "also time reading this event's rows of the last --days bare");
    count_events->add_option("--days", count_days)->check(CLI::Range(1, 3650));

    auto* aggregate = app.add_subcommand("aggregate", "time the bare SQL aggregate behind the score report");
    aggregate->add_option("--db", url)->required();
    aggregate->add_option("--survey", survey)->required();
    aggregate->add_option("--runs", runs)->check(CLI::Range(1, 100));

    CLI11_PARSE(app, argc, argv);
    try {
        if (*invitations) return seed_invitations(url, secret, survey, count, tokens);
        if (*responses) return seed_responses(url, survey, count, days, seed, comments, contacts);
        if (*events) return seed_events(url, contacts, days, seed);
        if (*campaign_events) return seed_campaign_events(url, survey, contacts, event_count, event_days, seed);
        if (*count_events) return time_count(url, runs, count_name, count_days);
        return time_aggregate(url, survey, runs);
    } catch (const std::exception& error) {
        std::cerr << "bench_seed: " << error.what() << "\n";
        return 1;
    }
}
