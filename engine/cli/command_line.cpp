#include "engine/cli/command_line.hpp"

#include "engine/app.hpp"
#include "engine/buffered_logging.hpp"
#include "engine/services/api_key_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/database_doctor.hpp"
#include "engine/store/migrations.hpp"
#include "engine/thread_name.hpp"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <thread>

#ifndef TOUCHPOINT_VERSION
#define TOUCHPOINT_VERSION "0.0.0"
#endif

namespace touchpoint::engine::cli {
namespace {

void add_db_option(CLI::App& command, config& settings) {
    command.add_option("--db", settings.db, "sqlite:PATH or postgresql://USER@HOST:PORT/DB")
        ->envname("TOUCHPOINT_DB")
        ->capture_default_str();
}

int serve(const config& settings) {
    // Signals are taken by a waiting thread, so shutdown runs as ordinary code.
    // Blocked before any thread starts: threads inherit the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    // Before anything logs; destroyed last, so every buffered line is written
    // out on any way out of serve, a throw included.
    buffered_logging_options log_options;
    log_options.level = spdlog::level::from_str(settings.log_level);
    buffered_logging logging(log_options);

    app engine(settings);
    engine.start();
    spdlog::info("touchpoint {} serving on http://{} (public URL {})", TOUCHPOINT_VERSION, settings.listen,
                 settings.public_url);
    std::thread stopper([&] {
        name_this_thread("tp-signals");
        int signal = 0;
        sigwait(&signals, &signal);
        spdlog::info("received {}, finishing requests in flight", signal == SIGINT ? "SIGINT" : "SIGTERM");
        engine.stop();
    });
    engine.wait();
    stopper.join();
    spdlog::info("stopped");
    return 0;
}

// Exit status 0 when nothing is wrong (or all of it was repaired), 1 otherwise.
int doctor(const config& settings, bool repair) {
    store::database db(settings.db, 1);
    std::cerr << "checking " << db.target().display << "\n";
    const auto report = store::examine_database(db, repair, [](const std::string& table) { std::cerr << "  reading " << table << "\n"; });
    for (const auto version : report.pending_migrations)
        std::cout << "migration " << version << " is not applied: run touchpoint migrate\n";
    constexpr std::size_t shown = 50;
    for (std::size_t i = 0; i < report.findings.size() && i < shown; ++i) {
        const auto& f = report.findings[i];
        std::cout << f.table << " " << f.row << " " << f.column << ": " << f.problem << (f.repaired ? " (repaired)" : "") << "\n";
    }
    if (report.findings.size() > shown) std::cout << "... and " << report.findings.size() - shown << " more\n";
    std::cout << report.rows_checked << " rows checked, " << report.findings.size() << " problem(s)";
    if (!report.findings.empty() && !repair) std::cout << "; touchpoint doctor --repair replaces ill-formed bytes by U+FFFD";
    std::cout << "\n";
    return report.unrepaired() ? 1 : 0;
}

} // namespace

int run(int argc, char** argv) {
    CLI::App command{"Touchpoint: survey and feedback collection engine", "touchpoint"};
    command.require_subcommand(1);
    command.set_config("--config", "", "read settings from a TOML or INI file (flags and environment win)");
    config settings;

    auto* serve_command = command.add_subcommand("serve", "run the engine");
    add_db_option(*serve_command, settings);
    serve_command->add_option("--listen", settings.listen, "address and port to listen on")->envname("TOUCHPOINT_LISTEN")->capture_default_str();
    serve_command->add_option("--data-dir", settings.data_dir, "directory for the token secret and the default SQLite file")
        ->envname("TOUCHPOINT_DATA_DIR")->capture_default_str();
    serve_command->add_option("--public-url", settings.public_url, "base URL respondents reach the engine at")
        ->envname("TOUCHPOINT_PUBLIC_URL")->capture_default_str();
    serve_command->add_option("--threads", settings.threads, "network threads")->envname("TOUCHPOINT_THREADS")->check(CLI::Range(1, 64))->capture_default_str();
    serve_command->add_option("--workers", settings.workers, "threads that run request handlers")
        ->envname("TOUCHPOINT_WORKERS")->check(CLI::Range(2, 1024))->capture_default_str();
    serve_command->add_option("--max-body-bytes", settings.max_body_bytes, "largest request body accepted (413 beyond)")
        ->envname("TOUCHPOINT_MAX_BODY_BYTES")->capture_default_str();
    serve_command->add_option("--read-timeout", settings.read_timeout_seconds, "seconds to receive a request once it started")
        ->envname("TOUCHPOINT_READ_TIMEOUT")->check(CLI::Range(1, 3600))->capture_default_str();
    serve_command->add_option("--idle-timeout", settings.idle_timeout_seconds, "seconds a kept-alive connection may stay idle")
        ->envname("TOUCHPOINT_IDLE_TIMEOUT")->check(CLI::Range(1, 3600))->capture_default_str();
    serve_command->add_option("--secret", settings.secret, "token-signing secret (32+ characters); default: kept in DATA_DIR/secret")
        ->envname("TOUCHPOINT_SECRET");
    serve_command->add_option("--log-level", settings.log_level, "trace, debug, info, warn, error or off")
        ->envname("TOUCHPOINT_LOG_LEVEL")->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))->capture_default_str();

    serve_command->add_option("--text-pass-interval-ms", settings.text_pass_interval_ms,
                              "milliseconds between the text pass's looks for unanalysed answers")
        ->envname("TOUCHPOINT_TEXT_PASS_INTERVAL_MS")->check(CLI::Range(10, 3'600'000))->capture_default_str();
    serve_command->add_option("--learn-interval", settings.learn_interval_seconds,
                              "seconds between checks whether enough new comments came in to learn domain words")
        ->envname("TOUCHPOINT_LEARN_INTERVAL")->check(CLI::Range(1, 86'400))->capture_default_str();
    serve_command->add_flag("--webhook-allow-private", settings.webhook_allow_private,
                            "accept webhook targets on loopback, private and link-local addresses (tests, closed networks)")
        ->envname("TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE");
    serve_command->add_option("--delivery-attempts", settings.delivery_attempts,
                              "attempts per message (webhook delivery, e-mail) before it fails")
        ->envname("TOUCHPOINT_DELIVERY_ATTEMPTS")->check(CLI::Range(1, 100))->capture_default_str();
    serve_command->add_option("--retry-base-ms", settings.retry_base_ms,
                              "the first retry's delay in milliseconds; each next one doubles (full jitter, at most 6 hours)")
        ->envname("TOUCHPOINT_RETRY_BASE_MS")->check(CLI::Range(1, 3'600'000))->capture_default_str();
    serve_command->add_option("--lease-seconds", settings.lease_seconds,
                              "how long a claimed job is kept for its process; past it any process takes the job over")
        ->envname("TOUCHPOINT_LEASE_SECONDS")->check(CLI::Range(1, 86'400))->capture_default_str();
    serve_command->add_option("--dispatch-workers", settings.dispatch_workers,
                              "threads that deliver due jobs; 0: this process sends nothing (others sharing the database do)")
        ->envname("TOUCHPOINT_DISPATCH_WORKERS")->check(CLI::Range(0, 256))->capture_default_str();
    serve_command->add_option("--webhook-timeout-ms", settings.webhook_timeout_ms,
                              "milliseconds one webhook POST may take (connect, send and answer) before it is retried")
        ->envname("TOUCHPOINT_WEBHOOK_TIMEOUT_MS")->check(CLI::Range(100, 120'000))->capture_default_str();
    serve_command->add_option("--webhook-ca-file", settings.extra_ca_file,
                              "PEM certificates to trust for webhook targets, besides the system store")
        ->envname("TOUCHPOINT_WEBHOOK_CA_FILE")->check(CLI::ExistingFile);

    auto* migrate_command = command.add_subcommand("migrate", "apply pending migrations and exit");
    add_db_option(*migrate_command, settings);

    auto* keys_command = command.add_subcommand("keys", "manage API keys");
    keys_command->require_subcommand(1);
    auto* create_key = keys_command->add_subcommand("create", "create an API key and print it on the last line");
    std::string scope_name, key_name = "default";
    add_db_option(*create_key, settings);
    create_key->add_option("--scope", scope_name, "admin (everything) or ingest (events and contacts)")
        ->required()->check(CLI::IsMember({"admin", "ingest"}));
    create_key->add_option("--name", key_name, "a label to recognise the key by")->capture_default_str();

    auto* doctor_command = command.add_subcommand(
        "doctor", "check the database: pending migrations, text that is not UTF-8, JSON that does not parse");
    add_db_option(*doctor_command, settings);
    bool repair = false;
    doctor_command->add_flag("--repair", repair, "replace ill-formed bytes by U+FFFD (in one transaction)");

    command.add_subcommand("version", "print the version");

    try {
        command.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return command.exit(e);
    }

    try {
        if (command.got_subcommand("version")) {
            std::cout << "touchpoint " << TOUCHPOINT_VERSION << "\n";
            return 0;
        }
        if (serve_command->parsed()) return serve(settings);
        if (migrate_command->parsed()) {
            store::database db(settings.db, 1);
            const int applied = store::migrate(db, [](const store::migration& m) {
                std::cerr << "applying migration " << m.version << " " << m.name << "\n";
            });
            std::cerr << (applied == 0 ? "the schema is up to date" : "applied " + std::to_string(applied) + " migration(s)")
                      << " on " << db.target().display << "\n";
            return 0;
        }
        if (doctor_command->parsed()) return doctor(settings, repair);
        if (create_key->parsed()) {
            store::database db(settings.db, 1);
            store::migrate(db);
            services::api_key_service keys(db);
            const auto key = keys.create(*services::parse_scope(scope_name), key_name);
            std::cerr << "created " << scope_name << " key \"" << key_name << "\"; it is shown only once:\n";
            std::cout << key << std::endl;
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "touchpoint: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

} // namespace touchpoint::engine::cli
