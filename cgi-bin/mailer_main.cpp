// bookfair-mailer: sends what the outbox holds, writes the scheduled digests into it and does the
// periodic housekeeping. `bookfair-mailer [--config FILE] [--once]`. Any number may run at once.
// SIGTERM or SIGINT: the message in flight finishes, then the process exits.
// --once: send what is due now, then exit (tests, benchmarks).
#include <signal.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <iostream>

#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/templates.h"
#include "db/settings.h"
#include "mailer/digests.h"
#include "mailer/housekeeping.h"
#include "mailer/mailer.h"

namespace {

std::atomic<bool> g_stop{false};

void on_terminate(int) { g_stop = true; }

// The process's peak resident size in kB (VmHWM), for the logs and the benchmark.
long peak_rss_kb() {
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "VmHWM:") {
            long kb = 0;
            in >> kb;
            return kb;
        }
        in.ignore(1 << 12, '\n');
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bool once = false;
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--once") == 0) once = true;
    try {
        const bf::Config config = bf::Config::load(bf::config_path_from_args(argc, argv));
        bf::crypto::init();
        bf::db::library_init();
        bf::mailer::smtp_global_init();
        bf::templates::set_root(config.get("templates_dir", "templates"));

        struct sigaction sa {};
        sa.sa_handler = on_terminate;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
        signal(SIGPIPE, SIG_IGN);

        const auto clock = bf::make_clock(config.get("clock_file"));
        const bf::crypto::Signer signer(bf::crypto::read_secret_file(config.require("secret_file")));
        bf::db::Connection connection(bf::db::settings_from(config));
        bf::store::Store store(connection);

        bf::mailer::SmtpConfig smtp_config;
        smtp_config.url = config.get("smtp_url", smtp_config.url);
        smtp_config.starttls = config.get_bool("smtp_starttls", false);
        smtp_config.user = config.get("smtp_user");
        smtp_config.password = config.get("smtp_password");
        smtp_config.timeout_seconds = config.get_int("smtp_timeout_seconds", smtp_config.timeout_seconds);
        bf::mailer::SmtpClient smtp(smtp_config);

        const auto settings = bf::mailer::MailerSettings::from_config(config);
        bf::mailer::Mailer mailer(settings, store, smtp, *clock, signer, g_stop);
        bf::mailer::add_housekeeping(mailer);
        bf::mailer::add_digests(mailer.scheduler(), config);

        bf::log::info("bookfair-mailer " + mailer.worker_id() + " sending to " + smtp_config.url + ", " +
                      (settings.rate_per_minute ? std::to_string(settings.rate_per_minute) + " per minute" : "no rate limit") +
                      (once ? ", once" : ""));
        const auto stats = mailer.run(once);
        bf::log::info("bookfair-mailer stopped: sent " + std::to_string(stats.sent) + ", to retry " +
                      std::to_string(stats.retried) + ", failed " + std::to_string(stats.failed) + "; peak RSS " +
                      std::to_string(peak_rss_kb()) + " kB");
        bf::db::library_end();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bookfair-mailer: " << e.what() << "\n";
        return 1;
    }
}
