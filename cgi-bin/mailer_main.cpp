// bookfair-mailer: sends what the outbox holds, writes the scheduled digests into it and does the
// periodic housekeeping. `bookfair-mailer [--config FILE] [--once]`. Any number may run at once.
// SIGTERM or SIGINT: the message being sent finishes, its sent mark is written, then the process exits.
// --once: send what is due now, then exit (tests, benchmarks).
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/process.h"
#include "core/templates.h"
#include "emails/order_notices.h"
#include "mailer/digests.h"
#include "mailer/housekeeping.h"
#include "mailer/personal_copies.h"
#include "mailer/payouts.h"
#include "mailer/mailer.h"
#include "mailer/password_resets.h"

namespace {

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

// The SMTP URL for the log, without a user or password written into it (smtp://user:pass@host).
std::string without_credentials(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
    if (scheme == std::string::npos || at == std::string::npos || url.find('/', scheme + 3) < at) return url;
    return url.substr(0, scheme + 3) + "***@" + url.substr(at + 1);
}

}  // namespace

int main(int argc, char** argv) {
    const bool once = bf::process::has_flag(argc, argv, "--once");
    try {
        const bf::Config config = bf::Config::load(bf::config_path_from_args(argc, argv));
        bf::crypto::init();
        bf::db::library_init();
        bf::mailer::smtp_global_init();
        bf::templates::set_root(config.get("templates_dir", "templates"));
        bf::templates::set_shop_identity(config);
        bf::emails::install_order_notices(config);  // the buying sweep tells buyers their payment expired

        std::atomic<bool>& stop = bf::process::stop_on_terminate();
        signal(SIGPIPE, SIG_IGN);

        const auto clock = bf::make_clock(config.get("clock_file"));
        const bf::crypto::Signer signer(bf::crypto::read_secret_file(config.require("secret_file")));
        const bf::db::DbConfig db_config = bf::db::DbConfig::from(config);
        bf::mailer::SmtpConfig smtp_config;
        smtp_config.url = config.get("smtp_url", smtp_config.url);
        smtp_config.starttls = config.get_bool("smtp_starttls", false);
        smtp_config.user = config.get("smtp_user");
        smtp_config.password = config.get("smtp_password");
        smtp_config.timeout_seconds = config.get_int("smtp_timeout_seconds", smtp_config.timeout_seconds);
        const auto settings = bf::mailer::MailerSettings::from_config(config);
        // Senders: each a thread with its own SMTP connection, database connections and messages
        // in flight. One keeps a local SMTP server busy; more help against a slow distant one.
        const int senders = static_cast<int>(std::clamp<int64_t>(config.get_int("mail_senders", 1), 1, 32));

        bf::log::info("bookfair-mailer sending to " + without_credentials(smtp_config.url) + " with " + std::to_string(senders) +
                      " senders, " +
                      (settings.rate_per_minute ? std::to_string(settings.rate_per_minute) + " per minute" : "no rate limit") +
                      (once ? ", once" : ""));
        std::vector<bf::mailer::DrainStats> stats(static_cast<size_t>(senders));
        std::vector<std::string> errors(static_cast<size_t>(senders));
        auto sender = [&](size_t index) {
            try {
                bf::db::ThreadScope db_thread;
                bf::db::Connection connection(db_config);
                bf::store::Store store(connection);
                bf::mailer::SmtpClient smtp(smtp_config);
                bf::mailer::SentMarks marks(db_config, static_cast<size_t>(settings.in_flight));
                bf::mailer::Mailer mailer(settings, store, smtp, marks, *clock, signer, stop);
                if (index == 0) {  // the first sender also keeps the timetable and the house
                    bf::mailer::add_housekeeping(mailer);
                    bf::mailer::add_password_resets(mailer, config);
                    bf::mailer::add_personal_copy_sweep(mailer, config);
                    bf::mailer::add_digests(mailer.scheduler(), config);
                    bf::mailer::add_payouts(mailer.scheduler(), config);
                }
                stats[index] = mailer.run(once);
            } catch (const std::exception& e) {
                errors[index] = e.what();
                stop = true;
            }
        };
        std::vector<std::thread> threads;
        for (size_t i = 1; i < stats.size(); ++i) threads.emplace_back(sender, i);
        sender(0);
        for (auto& t : threads) t.join();
        bf::mailer::DrainStats total;
        for (const auto& s : stats) {
            total.sent += s.sent;
            total.retried += s.retried;
            total.failed += s.failed;
        }
        bf::log::info("bookfair-mailer stopped: sent " + std::to_string(total.sent) + ", to retry " +
                      std::to_string(total.retried) + ", failed " + std::to_string(total.failed) + "; peak RSS " +
                      std::to_string(peak_rss_kb()) + " kB");
        for (const auto& e : errors)
            if (!e.empty()) throw std::runtime_error(e);
        bf::db::library_end();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bookfair-mailer: " << e.what() << "\n";
        return 1;
    }
}
