// flash_bench: the flash-sale benchmark's helper (bench/flash-sale runs it).
//
//   flash_bench prepare  --config F --customers 10000 --quantity 1000 --out DIR
//       a book, a sale of --quantity copies open from now, and --customers customers with sessions made
//       straight in the database (multi-row inserts, no password hashing); writes DIR/customers.txt, one
//       "SESSION_TOKEN CSRF_TOKEN" line per customer for the wrk script, and prints the sale's id.
//   flash_bench baseline --config F --connections 64 --seconds 5
//       MariaDB's own rates from C++ connections, each its own thread: the single-row conditional UPDATE
//       (autocommit), and the alternatives for a hot row: the stock split over 8 rows, and one row per
//       unit claimed with SELECT ... FOR UPDATE SKIP LOCKED.
//   flash_bench writes   --config F --connections 16 --seconds 5
//       on a Galera cluster (bench/cluster): committed writes per second and certification conflicts (1213,
//       each transaction retried whole) for one hot row written by every connection, and for a row of each
//       connection's own; run once with db_write_policy ordered (one write node) and once spread.
//   flash_bench check    --config F --sale ID
//       the invariants (copies sold + left == quantity, nobody above the limit, one order per claim at the
//       sale's price) and the time from the first claim to the last.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "db/connection.h"
#include "http/csrf.h"

namespace {

using Steady = std::chrono::steady_clock;

std::map<std::string, std::string> parse(int argc, char** argv, int first) {
    std::map<std::string, std::string> o;
    for (int i = first; i + 1 < argc; i += 2) o[argv[i]] = argv[i + 1];
    if (!o.count("--config")) throw std::runtime_error("--config is required");
    return o;
}

int num(const std::map<std::string, std::string>& o, const std::string& key, int fallback) {
    const auto it = o.find(key);
    return it == o.end() ? fallback : std::stoi(it->second);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Runs `rows` inserts of `row` placeholders each, `batch` rows per statement.
void insert_many(bf::db::Connection& db, const std::string& head, const std::string& row, int rows, int batch,
                 const std::function<void(int, std::vector<bf::db::Param>&)>& values) {
    for (int start = 0; start < rows; start += batch) {
        const int n = std::min(batch, rows - start);
        std::string sql = head;
        std::vector<bf::db::Param> params;
        for (int i = 0; i < n; ++i) {
            sql += (i ? ", " : " ") + row;
            values(start + i, params);
        }
        db.exec_params(sql, params);
    }
}

int prepare(const std::map<std::string, std::string>& o) {
    const bf::Config config = bf::Config::load(o.at("--config"));
    bf::db::Connection db(bf::db::DbConfig::from(config));
    const bf::Time now = bf::make_clock(config.get("clock_file"))->now();
    const int customers = num(o, "--customers", 10000), quantity = num(o, "--quantity", 1000);
    const std::string tag = bf::crypto::hex_encode(bf::crypto::random_bytes(4));
    const bf::crypto::Signer signer(read_file(config.require("secret_file")));
    const bf::http::Csrf csrf(signer);

    db.exec("INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at)"
            " VALUES (?, 'Flash Author', 'x', 'author', ?, ?)",
            "flash-author-" + tag + "@example.com", now, now);
    const auto author = static_cast<int64_t>(db.last_insert_id());
    db.exec("INSERT INTO categories (slug, name) VALUES (?, 'Flash bench')", "flash-" + tag);
    const auto category = static_cast<int64_t>(db.last_insert_id());
    db.exec("INSERT INTO books (slug, title, description, author_id, category_id, price_cents, stock, status, created_at,"
            " updated_at, published_at) VALUES (?, ?, 'bench', ?, ?, 2000, ?, 'published', ?, ?, ?)",
            "flash-" + tag, "The Rush " + tag, author, category, quantity, now, now, now);
    const auto book = static_cast<int64_t>(db.last_insert_id());
    // As FlashSales::create does: the copies leave the book's stock for the sale.
    db.exec("UPDATE books SET stock = stock - ? WHERE id = ?", quantity, book);
    db.exec("INSERT INTO flash_sales (book_id, price_cents, quantity, units_left, start_at, per_customer_limit, status,"
            " created_by, created_at, updated_at) VALUES (?, 499, ?, ?, ?, 1, 'active', ?, ?, ?)",
            book, quantity, quantity, now, author, now, now);
    const auto sale = static_cast<int64_t>(db.last_insert_id());

    insert_many(db, "INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at) VALUES",
                "(?, 'Flash Customer', 'x', 'customer', ?, ?, ?)", customers, 500, [&](int i, auto& p) {
                    for (auto v : {bf::db::to_param("flash-" + tag + "-" + std::to_string(i) + "@example.com"),
                                   bf::db::to_param(now), bf::db::to_param(now), bf::db::to_param(now)})
                        p.push_back(v);
                });
    // The customers' ids in the order they were inserted (on Galera, auto-increment steps by the
    // cluster's size: the ids of one multi-row insert are not consecutive).
    std::vector<int64_t> user_ids;
    for (const auto& r : db.query("SELECT id FROM users WHERE email LIKE ? ORDER BY id", "flash-" + tag + "-%"))
        user_ids.push_back(r.i64(0));
    if (user_ids.size() != static_cast<size_t>(customers)) throw std::runtime_error("customers missing after insert");
    std::vector<std::string> tokens;
    for (int i = 0; i < customers; ++i) tokens.push_back(bf::crypto::random_token());
    insert_many(db, "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES", "(?, ?, ?, ?, ?)",
                customers, 500, [&](int i, auto& p) {
                    for (auto v : {bf::db::to_param(bf::db::Bytes{bf::crypto::sha256(tokens[i])}), bf::db::to_param(user_ids[i]),
                                   bf::db::to_param(now), bf::db::to_param(now), bf::db::to_param(now.plus_days(1))})
                        p.push_back(v);
                });
    std::ofstream out(o.at("--out") + "/customers.txt");
    for (const auto& t : tokens) out << t << ' ' << csrf.token_for("s|" + t) << '\n';
    std::printf("%lld\n", static_cast<long long>(sale));
    return 0;
}

// ---- baselines ------------------------------------------------------------------------------------

struct Rate {
    long done = 0;
    double seconds = 0;
    double per_second() const { return seconds > 0 ? done / seconds : 0; }
};

// `connections` threads, each with its own connection, run `step` until `seconds` pass.
Rate hammer(const bf::db::DbConfig& dbc, int connections, int seconds,
            const std::function<bool(bf::db::Connection&, std::mt19937&)>& step) {
    std::atomic<long> done{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    const auto start = Steady::now();
    for (int c = 0; c < connections; ++c)
        threads.emplace_back([&, c] {
            bf::db::ThreadScope scope;
            bf::db::Connection db(dbc);
            std::mt19937 rng(static_cast<unsigned>(c) * 7919u + 1);
            while (!stop.load(std::memory_order_relaxed))
                if (step(db, rng)) done.fetch_add(1, std::memory_order_relaxed);
        });
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    return {done.load(), std::chrono::duration<double>(Steady::now() - start).count()};
}

int baseline(const std::map<std::string, std::string>& o) {
    const bf::Config config = bf::Config::load(o.at("--config"));
    const auto dbc = bf::db::DbConfig::from(config);
    bf::db::Connection db(dbc);
    const int connections = num(o, "--connections", 64), seconds = num(o, "--seconds", 5);
    constexpr int kSplit = 8;
    constexpr long kUnits = 2000000;
    const bf::Time now = bf::SystemClock().now();
    // Scratch tables of the benchmark's own database: a sale row like flash_sales', the same stock split
    // over rows, and one row per unit.
    db.execute_script(
        "DROP TABLE IF EXISTS bench_flash_single, bench_flash_split, bench_flash_units;"
        "CREATE TABLE bench_flash_single (id INT PRIMARY KEY, units_left INT NOT NULL, status VARCHAR(10) NOT NULL,"
        " start_at DATETIME(6) NOT NULL, end_at DATETIME(6) NULL) ENGINE=InnoDB;"
        "CREATE TABLE bench_flash_split (sale_id INT NOT NULL, part INT NOT NULL, units_left INT NOT NULL,"
        " PRIMARY KEY (sale_id, part)) ENGINE=InnoDB;"
        "CREATE TABLE bench_flash_units (id BIGINT AUTO_INCREMENT PRIMARY KEY, sale_id INT NOT NULL, claimed_by BIGINT NULL,"
        " KEY ix_free (sale_id, claimed_by, id)) ENGINE=InnoDB;");
    db.exec("INSERT INTO bench_flash_single VALUES (1, 1000000000, 'active', ?, NULL)", now.plus_seconds(-60));
    for (int p = 0; p < kSplit; ++p) db.exec("INSERT INTO bench_flash_split VALUES (1, ?, 100000000)", p);
    // The units table, filled with doubling inserts.
    db.exec("INSERT INTO bench_flash_units (sale_id) VALUES (1)");
    for (long have = 1; have < kUnits; have *= 2) db.exec("INSERT INTO bench_flash_units (sale_id) SELECT sale_id FROM bench_flash_units");

    const Rate single = hammer(dbc, connections, seconds, [&](bf::db::Connection& c, std::mt19937&) {
        const bf::Time t = bf::SystemClock().now();
        return c.exec("UPDATE bench_flash_single SET units_left = units_left - 1 WHERE id = 1 AND units_left > 0"
                      " AND status = 'active' AND start_at <= ? AND (end_at IS NULL OR end_at > ?)",
                      t, t) == 1;
    });
    const Rate split = hammer(dbc, connections, seconds, [&](bf::db::Connection& c, std::mt19937& rng) {
        // A random part first, then the others: sold out only when every part is empty.
        const int first = static_cast<int>(rng() % kSplit);
        for (int i = 0; i < kSplit; ++i)
            if (c.exec("UPDATE bench_flash_split SET units_left = units_left - 1 WHERE sale_id = 1 AND part = ?"
                       " AND units_left > 0",
                       (first + i) % kSplit) == 1)
                return true;
        return false;
    });
    std::atomic<long> buyer{0};
    const Rate units = hammer(dbc, connections, seconds, [&](bf::db::Connection& c, std::mt19937&) {
        return c.transaction([&] {
            const auto row = c.query_one("SELECT id FROM bench_flash_units WHERE sale_id = 1 AND claimed_by IS NULL"
                                         " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
            if (!row) return false;
            c.exec("UPDATE bench_flash_units SET claimed_by = ? WHERE id = ?", ++buyer, row->i64(0));
            return true;
        });
    });
    db.execute_script("DROP TABLE bench_flash_single, bench_flash_split, bench_flash_units;");
    std::printf("single %.0f\nsplit %.0f\nunits %.0f\n", single.per_second(), split.per_second(), units.per_second());
    return 0;
}

int writes(const std::map<std::string, std::string>& o) {
    const bf::Config config = bf::Config::load(o.at("--config"));
    const auto dbc = bf::db::DbConfig::from(config);
    bf::db::Connection db(dbc);
    const int connections = num(o, "--connections", 16), seconds = num(o, "--seconds", 5);
    db.execute_script(
        "DROP TABLE IF EXISTS bench_writes;"
        "CREATE TABLE bench_writes (id INT PRIMARY KEY, n BIGINT NOT NULL) ENGINE=InnoDB;");
    for (int i = 0; i <= connections; ++i) db.exec("INSERT INTO bench_writes VALUES (?, 0)", i);
    bf::db::ThreadScope scope;
    std::atomic<long> conflicts{0};
    std::atomic<int> next_row{1};
    // Each committed transaction is one unit; a 1213 (deadlock or certification conflict) is counted;
    // Connection::transaction runs it again with its backoff, as for the shop.
    auto run = [&](bool hot) {
        conflicts = 0;
        next_row = 1;
        return hammer(dbc, connections, seconds, [&, hot](bf::db::Connection& c, std::mt19937&) {
            thread_local const int own = next_row++;
            const int row = hot ? 0 : own;
            int runs = 0;
            try {
                c.transaction([&] {
                    ++runs;
                    c.exec("UPDATE bench_writes SET n = n + 1 WHERE id = ?", row);
                });
            } catch (const bf::db::Error& e) {
                if (!e.is_deadlock_or_lock_timeout()) throw;
                conflicts += runs;
                return false;
            }
            conflicts += runs - 1;
            return true;
        });
    };
    const Rate hot = run(true);
    const long hot_conflicts = conflicts.load();
    const Rate cold = run(false);
    const long cold_conflicts = conflicts.load();
    db.execute_script("DROP TABLE bench_writes;");
    std::printf("hot %.0f conflicts %.0f\ncold %.0f conflicts %.0f\n", hot.per_second(), hot_conflicts / hot.seconds,
                cold.per_second(), cold_conflicts / cold.seconds);
    return 0;
}

// ---- invariants -----------------------------------------------------------------------------------

int check(const std::map<std::string, std::string>& o) {
    const bf::Config config = bf::Config::load(o.at("--config"));
    bf::db::Connection db(bf::db::DbConfig::from(config));
    const int64_t sale = std::stoll(o.at("--sale"));
    const auto s = db.query_one("SELECT quantity, units_left, units_returned, per_customer_limit, price_cents"
                                " FROM flash_sales WHERE id = ?", sale);
    if (!s) throw std::runtime_error("no such sale");
    const int64_t quantity = s->i64(0), left = s->i64(1), returned = s->i64(2);
    const int64_t live = db.query_one("SELECT COUNT(*) FROM flash_sale_claims WHERE sale_id = ? AND status <> 'released'",
                                      sale)->i64(0);
    const int64_t over = db.query_one("SELECT COUNT(*) FROM (SELECT user_id FROM flash_sale_claims WHERE sale_id = ?"
                                      " AND status <> 'released' GROUP BY user_id HAVING COUNT(*) > ?) x",
                                      sale, s->i64(3))->i64(0);
    const int64_t orders = db.query_one("SELECT COUNT(*) FROM flash_sale_claims c JOIN orders o ON o.id = c.order_id"
                                        " JOIN order_items i ON i.order_id = o.id WHERE c.sale_id = ? AND c.status <> 'released'"
                                        " AND o.status IN ('pending_payment','paid') AND i.quantity = 1 AND i.unit_price_cents = ?",
                                        sale, s->i64(4))->i64(0);
    const auto span = db.query_one("SELECT TIMESTAMPDIFF(MICROSECOND, MIN(created_at), MAX(created_at)) FROM flash_sale_claims"
                                   " WHERE sale_id = ?", sale);
    const bool ok = quantity == live + left + returned && over == 0 && orders == live && left >= 0;
    std::printf("sold (claims) %lld + left %lld + returned %lld = %lld (quantity %lld); customers above the limit: %lld;"
                " orders at the sale price: %lld\n",
                static_cast<long long>(live), static_cast<long long>(left), static_cast<long long>(returned),
                static_cast<long long>(live + left + returned), static_cast<long long>(quantity),
                static_cast<long long>(over), static_cast<long long>(orders));
    std::printf("first to last claim: %.3f s\n", span && span->opt_i64(0) ? *span->opt_i64(0) / 1e6 : 0.0);
    std::printf("invariant check: %s\n", ok ? "PASSED" : "FAILED");
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc < 2) throw std::runtime_error("usage: flash_bench prepare|baseline|check --config FILE ...");
        bf::crypto::init();
        bf::db::library_init();
        const std::string command = argv[1];
        const auto o = parse(argc, argv, 2);
        if (command == "prepare") return prepare(o);
        if (command == "baseline") return baseline(o);
        if (command == "check") return check(o);
        if (command == "writes") return writes(o);
        throw std::runtime_error("unknown command " + command);
    } catch (const std::exception& e) {
        std::cerr << "flash_bench: " << e.what() << "\n";
        return 2;
    }
}
