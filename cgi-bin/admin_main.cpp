// bookfair: the admin tool. `bookfair --config FILE COMMAND [options]`; `bookfair help` lists commands.
#include <cstring>
#include <iostream>
#include <map>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "db/connection.h"
#include "db/migrations.h"
#include "db/settings.h"
#include "pages/validate.h"
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
    "  outbox [--status pending|failed|dead] [--limit N]\n"
    "                                           list messages not sent yet, refused or given up\n"
    "  outbox --requeue ID | --requeue-dead     queue a failed or dead message again / every dead one\n"
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

int migrate(const bf::Config& config, const bf::Clock& clock) {
    const std::string name = config.require("db_name");
    for (char ch : name)
        if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'))
            throw std::runtime_error("db_name may hold letters, digits and '_' only");
    {
        bf::db::Connection server(bf::db::settings_from(config, false));
        server.execute_script("CREATE DATABASE IF NOT EXISTS `" + name +
                              "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }
    bf::db::Connection db(bf::db::settings_from(config, true));
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
    bf::db::Connection db(bf::db::settings_from(config, true));
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

// `bookfair outbox`: what has not gone out, and why; requeue what should be tried again.
int outbox(const bf::Config& config, const bf::Clock& clock, const Args& args) {
    bf::db::Connection db(bf::db::settings_from(config, true));
    bf::store::Store store(db);
    if (args.options.count("requeue")) {
        const std::string id = option(args, "requeue");
        if (id.find_first_not_of("0123456789") != std::string::npos) throw std::runtime_error("--requeue takes an outbox id");
        if (!store.mail.requeue(std::stoll(id), clock.now())) {
            std::cerr << "outbox " << id << " is not failed or dead; nothing requeued\n";
            return 1;
        }
        std::cout << "requeued outbox " << id << "\n";
        return 0;
    }
    if (args.options.count("requeue-dead")) {
        std::cout << "requeued " << store.mail.requeue_dead(clock.now()) << " dead messages\n";
        return 0;
    }
    const auto status = args.options.count("status") ? option(args, "status") : "";
    const int limit = args.options.count("limit") ? std::stoi(option(args, "limit")) : 100;
    const auto rows = store.mail.list(status, limit);
    std::cout << "id\tstatus\tattempts\tkind\trecipient\tnext attempt\tlast error\n";
    for (const auto& r : rows)
        std::cout << r.id << "\t" << r.status << "\t" << r.attempts << "\t" << r.kind << "\t" << r.recipient << "\t"
                  << (r.status == "pending" ? bf::format_iso(r.next_attempt) : "-") << "\t"
                  << r.last_error.value_or("-") << "\n";
    std::cout << rows.size() << (rows.size() == static_cast<size_t>(limit) ? "+" : "") << " messages\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse_args(argc, argv);
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
        if (args.command == "outbox") return outbox(config, *clock, args);
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
