// bookfair: the admin tool. `bookfair --config FILE COMMAND [options]`; `bookfair help` lists commands.
#include <limits.h>
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <map>
#include <optional>
#include <vector>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/covers.h"
#include "core/errors.h"
#include "core/crypto.h"
#include "core/templates.h"
#include "emails/order_notices.h"
#include "core/text.h"
#include "db/connection.h"
#include "db/migrations.h"
#include "http/upload.h"
#include "pages/validate.h"
#include "search/admin.h"
#include "store/catalog_seed.h"
#include "store/ledger.h"
#include "store/sales_seed.h"
#include "store/buying_housekeeping.h"
#include "store/store.h"

namespace {

const char* kUsage =
    "usage: bookfair [--config FILE] COMMAND [options]\n"
    "commands:\n"
    "  migrate                                  create the database if needed and apply schema/\n"
    "  create-admin --email E --name N --password P\n"
    "                                           create an administrator (or promote an existing account)\n"
    "  create-user --email E --name N --password P --role customer|author\n"
    "                                           create a verified account; leaves an existing one alone\n"
    "  seed --demo                              a category tree, a dozen authors and ~200 books with covers,\n"
    "                                           a year of paid orders for them and reviews\n"
    "  seed --books N                           N more generated books (multi-row inserts), for benchmarks\n"
    "  seed --sales N --author EMAIL [--days D] about N paid order items of the author's books over the last\n"
    "                                           D days (730), with the revenue rollups: dashboard demo and bench\n"
    "  fold-views                               move counted page views into books.view_count\n"
    "  sweep                                    run the periodic buying tasks once: expire unpaid orders\n"
    "                                           (stock back, order cancelled), delete idle guest carts,\n"
    "                                           close ended flash sales (copies left back to the book)\n"
    "  check-revenue [--repair]                 recompute the revenue rollups from the sales ledger and the\n"
    "                                           ledger from the orders; print every difference (exit 1 when\n"
    "                                           any); --repair then rebuilds the rollups from the ledger\n"
    "  check-ledger                             recompute every order's royalty ledger entries from the order,\n"
    "                                           its refunds and the commission terms; check that journals\n"
    "                                           balance and payouts equal their items (exit 1 on any difference)\n"
    "  outbox [--status pending|failed|dead] [--limit N]\n"
    "                                           list messages not sent yet, refused or given up\n"
    "  outbox --requeue ID | --requeue-dead     queue a failed or dead message again / every dead one\n"
    "  backup [--full|--incremental] [--dir DIR] hot backup (mariadb-backup) and uploads, with manifest and\n"
    "                                           checksums, into DIR/<time>-full|-inc (as root, on the DB host)\n"
    "  restore --from DIR/BACKUP --datadir NEW  verify, prepare and copy a backup (its chain) into a fresh\n"
    "                                           datadir, and unpack its uploads\n"
    "  search-index [--rebuild]                 where the search index is and the changes waiting for it;\n"
    "                                           --rebuild builds a new one from the database (progress bar)\n"
    "                                           and switches to it; searches use the old one until then\n"
    "  help                                     this text\n";

struct Args {
    std::string command;
    std::map<std::string, std::string> options;
};

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.rfind("--", 0) == 0) {
            const std::string name = arg.substr(2);
            const bool is_flag = i + 1 >= argc || std::strncmp(argv[i + 1], "--", 2) == 0;
            a.options[name] = is_flag ? "1" : argv[++i];
        } else if (a.command.empty()) {
            a.command = arg;
        }
    }
    return a;
}

std::string option(const Args& a, const std::string& name) {
    const auto it = a.options.find(name);
    if (it == a.options.end() || it->second.empty()) throw std::runtime_error("--" + name + " is required");
    return it->second;
}

// For commands whose statements may run for minutes on a large database (migrations, the seed's
// full-text index rebuild): the shop's 60 s reply timeout would drop the link mid-statement.
bf::db::DbConfig long_running(bf::db::DbConfig d) {
    d.io_timeout_seconds = 24 * 3600;
    return d;
}

int migrate(const bf::Config& config, const bf::Clock& clock) {
    const std::string name = config.require("db_name");
    for (char ch : name)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'))
            throw std::runtime_error("db_name may hold letters, digits and '_' only");
    {
        bf::db::Connection server(long_running(bf::db::DbConfig::from(config, false)));
        server.execute_script("CREATE DATABASE IF NOT EXISTS `" + name +
                              "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
    bf::db::Connection db(long_running(bf::db::DbConfig::from(config)));
    const auto applied = bf::db::apply_migrations(db, config.get("schema_dir", "schema"), clock.now().us);
    if (applied.empty()) std::cout << "schema is up to date\n";
    for (const auto& n : applied) std::cout << "applied " << n << "\n";
    return 0;
}

int create_account(const bf::Config& config, const bf::Clock& clock, const Args& args, const std::string& role) {
    const std::string email = bf::pages::normalize_email(option(args, "email"));
    const std::string name = option(args, "name");
    const std::string password = option(args, "password");
    if (auto e = bf::pages::check_email(email); !e.empty()) throw std::runtime_error("email: " + e);
    if (auto e = bf::pages::check_password(password); !e.empty()) throw std::runtime_error("password: " + e);
    bf::db::Connection db(bf::db::DbConfig::from(config));
    bf::store::Store store(db);
    if (role != "admin" && store.accounts.find_by_email(email)) {
        std::cout << email << " already exists; left unchanged\n";
        return 0;
    }
    const int64_t id =
        store.accounts.upsert_verified({email, name, role, bf::crypto::hash_password(password)}, clock.now());
    std::cout << role << " " << email << " ready (id " << id << ")\n";
    return 0;
}

// Breaks a title into lines of about `width` characters for the cover.
std::vector<std::string> cover_lines(const std::string& title, size_t width) {
    std::vector<std::string> lines;
    std::string line, word;
    auto add_word = [&] {
        if (word.empty()) return;
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        word.clear();
    };
    for (char c : title) {
        if (c == ' ') add_word();
        else word += c;
    }
    add_word();
    if (!line.empty()) lines.push_back(line);
    return lines;
}

// Draws a generated cover (templates/covers/cover.svg.tpl) into uploads_dir/covers/.
std::optional<std::string> write_cover(const std::string& uploads_dir, const bf::store::SeedCover& c) {
    const auto& palette = bf::cover_palette(static_cast<size_t>(c.palette));
    ctemplate::TemplateDictionary dict("cover");
    dict.SetValue("TITLE", c.title);
    dict.SetValue("AUTHOR", c.author);
    dict.SetValue("AUTHOR_UPPER", bf::to_upper(c.author));
    dict.SetValue("BACKGROUND", palette.background);
    dict.SetValue("ACCENT", palette.accent);
    dict.SetValue("INK", palette.ink);
    dict.SetIntValue("ORNAMENT_RADIUS", 60 + (c.palette % 8) * 6);
    dict.SetIntValue("ORNAMENT_INNER", 30 + (c.palette % 8) * 4);
    const auto lines = cover_lines(c.title, 14);
    const int size = lines.size() > 3 ? 34 : 42;
    int y = 150;
    for (const auto& line : lines) {
        auto* l = dict.AddSectionDictionary("TITLE_LINE");
        l->SetValue("TEXT", line);
        l->SetIntValue("Y", y);
        l->SetIntValue("SIZE", size);
        y += size + 14;
    }
    const std::string path = "covers/" + c.slug + ".svg";
    bf::http::store_file(uploads_dir, path, bf::templates::render("covers/cover.svg.tpl", dict));
    return path;
}

int seed(const bf::Config& config, const bf::Clock& clock, const Args& args) {
    bf::db::Connection db(long_running(bf::db::DbConfig::from(config)));
    if (args.options.count("demo")) {
        bf::templates::set_root(config.get("templates_dir", "templates"));
        bf::templates::set_shop_identity(config);
        const std::string uploads = config.require("uploads_dir");
        const auto s = bf::store::seed_demo(db, clock.now(), [&](const bf::store::SeedCover& c) {
            return write_cover(uploads, c);
        });
        std::cout << "demo catalogue: " << s.categories << " categories, " << s.authors << " authors, " << s.books
                  << " books\n";
        return 0;
    }
    if (args.options.count("sales")) {
        const int64_t n = std::stoll(option(args, "sales"));
        const int days = args.options.count("days") ? std::stoi(option(args, "days")) : 730;
        if (n <= 0 || days <= 0) throw std::runtime_error("--sales and --days need positive numbers");
        int64_t reported = 0;
        const auto s = bf::store::seed_sales(db, option(args, "author"), n, days, clock.now(), [&](int64_t done) {
            if (done / 100000 == reported / 100000 && done < n) return;
            reported = done;
            std::cout << "  " << done << " items\n" << std::flush;
        });
        std::cout << "seeded " << s.orders << " paid orders with " << s.items << " items"
                  << (s.books_created ? " (and " + std::to_string(s.books_created) + " books for the author)" : "") << "\n";
        return 0;
    }
    const int64_t n = std::stoll(option(args, "books"));
    if (n <= 0) throw std::runtime_error("--books needs a positive number");
    const auto s = bf::store::seed_books(db, n, clock.now(), [&](int64_t done) {
        if (done % 100000 == 0 || done == n) std::cout << "  " << done << " books\n" << std::flush;
    });
    std::cout << "seeded " << s.books << " books by " << s.authors << " new authors\n";
    return 0;
}

int fold_views(const bf::Config& config, const bf::Clock& clock) {
    bf::db::Connection db(bf::db::DbConfig::from(config));
    bf::store::Store store(db);
    std::cout << "folded " << store.catalog.fold_views(clock.now()) << " views\n";
    return 0;
}

int sweep(const bf::Config& config, const bf::Clock& clock) {
    bf::templates::set_root(config.get("templates_dir", "templates"));
    bf::templates::set_shop_identity(config);
    bf::emails::install_order_notices(config);  // expired orders tell their buyers
    bf::db::Connection db(bf::db::DbConfig::from(config));
    bf::store::Store store(db);
    const auto done = bf::store::sweep_buying(store, clock.now());
    std::cout << "expired " << done.expired_orders << " unpaid orders, deleted " << done.idle_guest_carts
              << " idle guest carts, closed " << done.closed_flash_sales << " ended flash sales\n";
    return 0;
}

int check_revenue(const bf::Config& config, const Args& args) {
    bf::db::Connection db(bf::db::DbConfig::from(config));
    bf::store::Store store(db);
    const bool repair = args.options.count("repair") > 0;
    const auto differences = store.revenue.check(repair);
    for (const auto& d : differences) std::cout << d.what << "\n";
    if (differences.empty()) {
        std::cout << "revenue rollups match the ledger, and the ledger matches the orders\n";
        return 0;
    }
    std::cout << differences.size() << (differences.size() == 1 ? " difference" : " differences")
              << (repair ? "; the rollups were rebuilt from the ledger\n" : "\n");
    return 1;
}

int check_ledger(const bf::Config& config) {
    bf::db::Connection db(bf::db::DbConfig::from(config));
    const auto differences = bf::store::Ledger(db).check();
    for (const auto& d : differences) std::cout << d.what << "\n";
    if (differences.empty()) {
        std::cout << "the ledger matches the orders, every journal balances and every payout equals its items\n";
        return 0;
    }
    std::cout << differences.size() << (differences.size() == 1 ? " difference\n" : " differences\n");
    return 1;
}

// `bookfair outbox`: what has not gone out, and why; requeue what should be tried again.
int outbox(const bf::Config& config, const bf::Clock& clock, const Args& args) {
    bf::db::Connection db(bf::db::DbConfig::from(config));
    bf::store::Store store(db);
    // Requeues go through the admin console's store, so they are audited too (actor: the system).
    if (args.options.count("requeue")) {
        const auto id = bf::parse_int(option(args, "requeue"), 1, INT64_MAX / 10);
        if (!id) throw std::runtime_error("--requeue takes an outbox id");
        try {
            store.outbox_admin.requeue(std::nullopt, *id, clock.now());
        } catch (const bf::HttpError& e) {  // NotFound, or Conflict: neither failed nor dead
            std::cerr << "outbox " << *id << ": " << e.what() << " Nothing requeued.\n";
            return 1;
        }
        std::cout << "requeued outbox " << *id << "\n";
        return 0;
    }
    if (args.options.count("requeue-dead")) {
        std::cout << "requeued " << store.outbox_admin.requeue_dead(std::nullopt, clock.now()) << " dead messages\n";
        return 0;
    }
    const auto status = args.options.count("status") ? option(args, "status") : "";
    const auto limit =
        args.options.count("limit") ? bf::parse_int(option(args, "limit"), 1, 100000) : std::optional<int64_t>(100);
    if (!limit) throw std::runtime_error("--limit takes a number from 1 to 100000");
    const auto rows = store.mail.list(status, static_cast<int>(*limit));
    std::cout << "id\tstatus\tattempts\tkind\trecipient\tnext attempt\tlast error\n";
    for (const auto& r : rows)
        std::cout << r.id << "\t" << r.status << "\t" << r.attempts << "\t" << r.kind << "\t" << r.recipient << "\t"
                  << (r.status == "pending" ? bf::format_iso(r.next_attempt) : "-") << "\t"
                  << r.last_error.value_or("-") << "\n";
    std::cout << rows.size() << (rows.size() == static_cast<size_t>(*limit) ? "+" : "") << " messages\n";
    return 0;
}

// backup and restore are mariadb-backup's work, driven by a script: bin/bookfair-backup beside this
// program once installed, scripts/backup in a checkout (this program is build/bookfair there).
int run_backup_script(int argc, char** argv) {
    char self[PATH_MAX] = {};
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    std::string dir = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string(argv[0]);
    dir = dir.substr(0, dir.rfind('/') + 1);
    for (const std::string& script : {dir + "bookfair-backup", dir + "../scripts/backup"}) {
        if (::access(script.c_str(), X_OK) != 0) continue;
        std::vector<char*> args{const_cast<char*>(script.c_str())};
        for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
        args.push_back(nullptr);
        ::execv(script.c_str(), args.data());
        std::perror(script.c_str());
        return 1;
    }
    std::cerr << "bookfair: the backup script is missing (" << dir << "bookfair-backup)\n";
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse_args(argc, argv);
    if (args.command == "backup" || args.command == "restore") return run_backup_script(argc, argv);
    if (args.command.empty() || args.command == "help") {
        std::cout << kUsage;
        return args.command.empty() ? 2 : 0;
    }
    try {
        const bf::Config config = bf::Config::load(bf::config_path_from_args(argc, argv));
        bf::crypto::init();
        bf::db::library_init();
        const auto clock = bf::make_clock(config.get("clock_file"));
        if (args.command == "migrate") return migrate(config, *clock);
        if (args.command == "create-admin") return create_account(config, *clock, args, "admin");
        if (args.command == "seed") return seed(config, *clock, args);
        if (args.command == "fold-views") return fold_views(config, *clock);
        if (args.command == "sweep") return sweep(config, *clock);
        if (args.command == "check-revenue") return check_revenue(config, args);
        if (args.command == "check-ledger") return check_ledger(config);
        if (args.command == "outbox") return outbox(config, *clock, args);
        if (args.command == "search-index") return bf::search::search_index_command(config, *clock, args.options.count("rebuild") > 0);
        if (args.command == "create-user") {
            const std::string role = option(args, "role");
            if (role != "customer" && role != "author") throw std::runtime_error("--role must be customer or author");
            return create_account(config, *clock, args, role);
        }
        std::cerr << "unknown command: " << args.command << "\n" << kUsage;
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "bookfair " << args.command << ": " << e.what() << "\n";
        return 1;
    }
}
