#include "engine/app.hpp"

#include "engine/api/routes.hpp"
#include "engine/dispatch/dispatcher.hpp"
#include "engine/dispatch/webhook_delivery.hpp"
#include "engine/http/server.hpp"
#include "engine/metrics.hpp"
#include "engine/pages/page_routes.hpp"
#include "engine/pages/report_page_routes.hpp"
#include "engine/security/report_link.hpp"
#include "engine/security/token_signer.hpp"
#include "engine/services/api_key_service.hpp"
#include "engine/services/audience_walker.hpp"
#include "engine/services/campaign_preview_service.hpp"
#include "engine/services/campaign_service.hpp"
#include "engine/services/contact_service.hpp"
#include "engine/services/delivery_log_service.hpp"
#include "engine/services/delivery_service.hpp"
#include "engine/services/event_service.hpp"
#include "engine/services/invitation_sender.hpp"
#include "engine/services/invitation_service.hpp"
#include "engine/services/report_service.hpp"
#include "engine/services/response_service.hpp"
#include "engine/services/settings_service.hpp"
#include "engine/services/subscription_directory.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/services/text_model_service.hpp"
#include "engine/services/text_pass.hpp"
#include "engine/services/timeline_service.hpp"
#include "engine/services/trigger_service.hpp"
#include "engine/services/webhook_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/migrations.hpp"
#include "engine/store/response_writer.hpp"
#include "engine/store/wal_checkpointer.hpp"
#include "reports/text/lemmatizer.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include <unistd.h>

namespace touchpoint::engine {

namespace {

http::server_options server_options_of(const config& settings) {
    http::server_options options;
    const auto colon = settings.listen.rfind(':');
    if (colon == std::string::npos) throw std::invalid_argument("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
    options.address = settings.listen.substr(0, colon);
    const auto port = std::stoi(settings.listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::invalid_argument("--listen: the port must be from 0 to 65535");
    options.port = static_cast<unsigned short>(port);
    options.io_threads = std::max(1, settings.threads);
    options.worker_threads = std::max(2, settings.workers);
    options.body_limit = settings.max_body_bytes;
    options.read_timeout = std::chrono::seconds(settings.read_timeout_seconds);
    options.idle_timeout = std::chrono::seconds(settings.idle_timeout_seconds);
    return options;
}

std::string trim_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

void warn_of_missing_dictionaries() {
    const std::pair<const char*, const char*> packages[] = {{"en", "hunspell-en-us"}, {"fr", "hunspell-fr"}, {"nl", "hunspell-nl"}};
    for (const auto& [language, package] : packages)
        if (!reports::text::has_dictionary(language))
            spdlog::warn("no Hunspell dictionary for '{}' in {} (Debian package {}): its inflected words are rated by "
                         "their stem only", language, reports::text::dictionary_directory(), package);
}

// Names this process's leases in the jobs table: "host:pid".
std::string process_name() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return std::string(host[0] ? host : "localhost") + ":" + std::to_string(getpid());
}

dispatch::dispatcher_options dispatcher_options_of(const config& settings) {
    dispatch::dispatcher_options options;
    options.workers = settings.dispatch_workers;
    options.lease_ms = static_cast<std::int64_t>(settings.lease_seconds) * 1000;
    options.backoff.base_ms = settings.retry_base_ms;
    options.backoff.max_attempts = settings.delivery_attempts;
    options.process_name = process_name();
    return options;
}

channels::webhook::client_options webhook_client_options_of(const config& settings) {
    channels::webhook::client_options options;
    options.allow_private = settings.webhook_allow_private;
    options.extra_ca_file = settings.extra_ca_file;
    options.total_timeout = std::chrono::milliseconds(settings.webhook_timeout_ms);
    options.connect_timeout = std::min(options.connect_timeout, options.total_timeout);
    return options;
}

} // namespace

struct app::parts {
    explicit parts(const config& settings)
        // Every worker may hold one session, plus a few for background work.
        : db(settings.db, static_cast<std::size_t>(std::max(2, settings.workers) + settings.dispatch_workers) + 4),
          secret(load_or_create_secret(settings)), signer(secret), report_links(secret) {
        store::migrate(db, [](const store::migration& m) { spdlog::info("applying migration {} {}", m.version, m.name); });
        checkpointer = std::make_unique<store::wal_checkpointer>(db);
        writer = std::make_unique<store::response_writer>(db, 512, [this](std::size_t n) { stats.add_response_commit(n); });
        surveys = std::make_unique<services::survey_service>(db, cache);
        contacts = std::make_unique<services::contact_service>(db, *surveys);
        events = std::make_unique<services::event_service>(db, triggers);
        invitations = std::make_unique<services::invitation_service>(db, signer, trim_trailing_slash(settings.public_url));
        texts = std::make_unique<services::text_model_service>(db);
        warn_of_missing_dictionaries();
        text_analysis = std::make_unique<services::text_pass>(
            db, *texts, *surveys,
            services::text_pass_options{std::chrono::milliseconds(settings.text_pass_interval_ms),
                                        std::chrono::seconds(settings.learn_interval_seconds)});
        responses = std::make_unique<services::response_service>(db, *surveys, signer, *writer, *texts);
        reports = std::make_unique<services::report_service>(db, *surveys, *texts);
        keys = std::make_unique<services::api_key_service>(db);
        campaigns = std::make_unique<services::campaign_service>(db, *surveys);
        campaign_previews = std::make_unique<services::campaign_preview_service>(db, *campaigns);
        engine_settings = std::make_unique<services::settings_service>(db);
        subscriptions = std::make_unique<services::subscription_directory>(db);
        webhooks = std::make_unique<services::webhook_service>(db, settings.webhook_allow_private, *subscriptions);
        delivery_log = std::make_unique<services::delivery_log_service>(db);
        timeline = std::make_unique<services::timeline_service>(db);
        sender = std::make_unique<services::invitation_sender>(db, *surveys, signer, trim_trailing_slash(settings.public_url),
                                                               *subscriptions);
        webhook_channel = std::make_unique<dispatch::webhook_delivery>(
            webhook_client_options_of(settings),
            [this](const std::string& subscription_id) -> std::optional<dispatch::webhook_target> {
                auto entry = subscriptions->find(subscription_id);
                if (!entry) return std::nullopt;
                return dispatch::webhook_target{std::move(entry->url), std::move(entry->secrets)};
            });
        walker = std::make_unique<services::audience_walker>(db);
        deliveries = std::make_unique<services::delivery_service>(*sender, *walker, *webhook_channel, *subscriptions);
        // --dispatch-workers 0: this process answers the API and sends nothing; others sharing the database do.
        if (settings.dispatch_workers > 0)
            outbox = std::make_unique<dispatch::dispatcher>(
                db, dispatcher_options_of(settings), [this](const store::job_row& job) { return deliveries->deliver(job); },
                [this](store::leased_session& lease, const store::job_row& job, const dispatch::delivery_verdict& verdict,
                       bool final) {
                    deliveries->on_verdict(lease, job, verdict, final);
                    const bool delivered = verdict.outcome == dispatch::delivery_verdict::kind::delivered;
                    stats.count_job_attempt(job.kind, delivered ? "delivered" : final ? "failed" : "retry");
                });
        if (outbox)
            // Send jobs only read and write the database: a worker runs its batch's in one transaction.
            outbox->set_local_jobs({[](const store::job_row& job) { return job.kind == "send"; },
                                    [this](store::leased_session& lease, const store::job_row& job, bool& wake) {
                                        return sender->send_within(lease, job, wake);
                                    }});
        const auto wake = [this] {
            if (outbox) outbox->wake();
        };
        triggers.set_wake(wake);
        sender->set_wake(wake);
        walker->set_wake(wake);
        contacts->set_wake(wake);
        campaigns->set_wake(wake);
        delivery_log->set_wake(wake);
        responses->notify_through(*subscriptions, wake);
        contacts->notify_through(*subscriptions);
        // The routes hold references into the context, so it lives as long as they do.
        context = std::make_unique<api::api_context>(
            api::api_context{*surveys, *contacts, *events, *invitations, *responses, *reports, *keys, *texts, *campaigns,
                             *campaign_previews, *engine_settings, *webhooks, *delivery_log, *timeline, stats,
                             report_links, trim_trailing_slash(settings.public_url), db.kind() == store::dialect::sqlite});
        api::add_api_routes(routes, *context);
        pages::add_page_routes(routes, *responses, db.kind() == store::dialect::sqlite);
        report_pages = std::make_unique<pages::report_page_dependencies>(
            pages::report_page_dependencies{*surveys, *reports, *keys, report_links});
        pages::add_report_page_routes(routes, *report_pages);
        auto options = server_options_of(settings);
        options.runs_inline = [this](http::request& req) { return routes.resolve(req) == http::runs_on::network_thread; };
        server = std::make_unique<http::server>(std::move(options), [this](http::request& req) { return handle(req); });
    }

    // Access log and metrics around every request.
    http::response handle(http::request& req) {
        const auto started = std::chrono::steady_clock::now();
        http::response res;
        try {
            res = routes.dispatch(req);
        } catch (const services::service_exception& e) {
            res = http::error_response(e.error.status, e.error.code, e.error.message);
        } catch (const std::exception& e) {
            spdlog::error("{} {} failed: {}", req.method, req.route, e.what());
            res = http::error_response(500, "internal", "the server failed to handle the request");
        }
        if (res.deferred) {
            // Log and count when the deferred answer arrives, not now.
            res.deferred = [this, inner = std::move(res.deferred), method = req.method, route = req.route,
                            started](http::reply_function reply) {
                inner([this, reply = std::move(reply), method, route, started](http::response_builder build) {
                    reply([this, build = std::move(build), method, route, started] {
                        auto done = build();
                        observe(method, route, done.status, started);
                        return done;
                    });
                });
            };
            return res;
        }
        observe(req.method, req.route, res.status, started);
        return res;
    }

    void observe(const std::string& method, const std::string& route, int status,
                 std::chrono::steady_clock::time_point started) {
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        stats.observe_request(method, route, status, seconds);
        // The route pattern, never the path or query: tokens and keys must not reach the log.
        spdlog::info("{} {} {} {:.2f}ms", method, route, status, seconds * 1000);
    }

    store::database db;
    std::string secret;
    security::token_signer signer;
    security::report_link_signer report_links;
    services::definition_cache cache;
    metrics stats;
    std::unique_ptr<store::wal_checkpointer> checkpointer;
    std::unique_ptr<store::response_writer> writer;
    std::unique_ptr<services::survey_service> surveys;
    std::unique_ptr<services::contact_service> contacts;
    services::trigger_service triggers;
    std::unique_ptr<services::event_service> events;
    std::unique_ptr<services::invitation_service> invitations;
    std::unique_ptr<services::text_model_service> texts;
    std::unique_ptr<services::text_pass> text_analysis;
    std::unique_ptr<services::response_service> responses;
    std::unique_ptr<services::report_service> reports;
    std::unique_ptr<services::api_key_service> keys;
    std::unique_ptr<services::campaign_service> campaigns;
    std::unique_ptr<services::campaign_preview_service> campaign_previews;
    std::unique_ptr<services::settings_service> engine_settings;
    std::unique_ptr<services::subscription_directory> subscriptions;
    std::unique_ptr<services::webhook_service> webhooks;
    std::unique_ptr<services::delivery_log_service> delivery_log;
    std::unique_ptr<services::timeline_service> timeline;
    std::unique_ptr<services::invitation_sender> sender;
    std::unique_ptr<services::audience_walker> walker;
    std::unique_ptr<dispatch::webhook_delivery> webhook_channel;
    std::unique_ptr<services::delivery_service> deliveries;
    std::unique_ptr<dispatch::dispatcher> outbox;
    std::unique_ptr<api::api_context> context;
    std::unique_ptr<pages::report_page_dependencies> report_pages;
    http::router routes;
    std::unique_ptr<http::server> server;
};

app::app(const config& settings) : parts_(std::make_unique<parts>(settings)) {}

app::~app() { stop(); }

void app::start() {
    parts_->server->start();
    parts_->text_analysis->start();
    if (parts_->outbox) parts_->outbox->start();
}

unsigned short app::port() const { return parts_->server->port(); }

void app::stop() {
    if (!parts_) return;
    parts_->server->stop();
    // Finishes the deliveries in hand and hands the rest back, due at once, for any process.
    if (parts_->outbox) parts_->outbox->stop();
    parts_->text_analysis->stop();
    parts_->writer->stop();
    parts_->checkpointer->stop();
}

void app::wait() { parts_->server->wait(); }

} // namespace touchpoint::engine
