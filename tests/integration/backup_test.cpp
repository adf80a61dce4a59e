// `bookfair backup` while buyers place and pay orders, `bookfair restore` into a second private
// MariaDB: every order committed before the backup started is there, and the shop's invariants hold
// in the copy (check-revenue; per book stock + held + sold units = initial stock, sell_count = sold).
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include "buying_fixtures.h"

using namespace bf::test;

namespace {

constexpr int kInitialStock = 1000;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// Order id -> status of every order committed now.
std::map<int64_t, std::string> committed_orders(bf::db::Connection& db) {
    std::map<int64_t, std::string> out;
    for (const auto& row : db.query("SELECT id, status FROM orders")) out[row.i64(0)] = row.str(1);
    return out;
}

// `bookfair --config ... ARGS` as the test stack's tool, with mariadb-backup reading the stack's server file.
CommandResult bookfair(const std::string& args) {
    return run_command("BOOKFAIR_BACKUP_DEFAULTS_FILE=" + env("BOOKFAIR_TEST_ENV") + "/mariadb.cnf " +
                       BOOKFAIR_ADMIN_BINARY " --config " + env("BOOKFAIR_CONFIG") + " " + args + " 2>&1");
}

// A scratch directory, removed with everything in it (after the server below has stopped).
struct TempDir {
    TempDir() {
        const std::string out = run_command("mktemp -d /tmp/bf-backup-test.XXXXXX").output;
        path = out.substr(0, out.find('\n'));
    }
    ~TempDir() {
        if (!path.empty()) run_command("rm -rf " + path);
    }
    std::string path;
};

// A second MariaDB on the restored data directory, private to this test.
class RestoredServer {
public:
    explicit RestoredServer(const std::string& dir) : dir_(dir) {
        std::ofstream(dir_ + "/restored.cnf") << "[mysqld]\nuser = root\ndatadir = " << dir_ << "/data\nsocket = " << dir_
                                              << "/restored.sock\npid-file = " << dir_ << "/restored.pid\nlog-error = "
                                              << dir_ << "/restored.log\nskip-networking\ninnodb_buffer_pool_size = 64M\n"
                                              << "innodb_ft_min_token_size = 2\ninnodb_ft_enable_stopword = 0\n";
        const auto started = run_command("nohup mariadbd --defaults-file=" + dir_ + "/restored.cnf </dev/null >" + dir_ +
                                         "/mariadbd.out 2>&1 & echo $!");
        pid_ = std::atoi(started.output.c_str());
        up_ = wait_until([&] { return run_command("mariadb-admin --socket=" + socket() + " ping >/dev/null 2>&1").status == 0; },
                         std::chrono::seconds(60));
    }
    ~RestoredServer() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        wait_until([&] { return ::kill(pid_, 0) != 0; }, std::chrono::seconds(60));
    }
    bool up() const { return up_; }
    std::string socket() const { return dir_ + "/restored.sock"; }

private:
    std::string dir_;
    int pid_ = 0;
    bool up_ = false;
};

}  // namespace

TEST(Backup, HotBackupWhileBuyersPayRestoresEveryCommittedOrderAndTheInvariants) {
    ASSERT_EQ(run_command("command -v mariadb-backup >/dev/null").status, 0) << "mariadb-backup is missing (scripts/deps installs it)";
    auto db = connect_db();
    std::vector<int64_t> books;
    for (int i = 0; i < 4; ++i) {
        BookSpec spec;
        spec.stock = kInitialStock;
        books.push_back(create_book(*db, spec));
    }
    const TempDir work;
    const std::string& dir = work.path;
    ASSERT_FALSE(dir.empty());

    // Eight buyers keep placing and paying orders (some left unpaid: held stock) until told to stop.
    std::atomic<bool> stop{false};
    std::atomic<int> placed{0}, server_errors{0};
    std::vector<std::thread> buyers;
    for (int b = 0; b < 8; ++b)
        buyers.emplace_back([&, b] {
            HttpClient client;
            log_in_as(client, *connect_db(), create_buyer(*connect_db()).id);
            for (int n = 0; !stop; ++n) {
                if (add_to_cart(client, books[(b + n) % books.size()], 1 + n % 2).status >= 500) ++server_errors;
                const auto order = checkout(client);
                if (order.status != 303) {
                    ++server_errors;
                    continue;
                }
                ++placed;
                // One order per buyer stays unpaid (held stock): an account may hold only 3 unpaid orders.
                if (n != 3 && pay(client, payment_ref(order), kCardSuccess).status >= 500) ++server_errors;
            }
        });
    auto wait_for_orders = [&](int more) {
        const int target = placed + more;
        return wait_until([&] { return placed >= target; }, std::chrono::seconds(120));
    };

    ASSERT_TRUE(wait_for_orders(10));
    const auto before_full = committed_orders(*db);
    const auto full = bookfair("backup --full --dir " + dir + "/backups");
    ASSERT_EQ(full.status, 0) << full.output;
    ASSERT_TRUE(wait_for_orders(10)) << "buyers went on during and after the backup";
    const auto before_incremental = committed_orders(*db);
    const auto incremental = bookfair("backup --incremental --dir " + dir + "/backups");
    ASSERT_EQ(incremental.status, 0) << incremental.output;
    const int placed_during = placed;
    stop = true;
    for (auto& t : buyers) t.join();
    EXPECT_EQ(server_errors.load(), 0);
    EXPECT_GT(placed_during, 20);

    const std::string newest = run_command("ls -1 " + dir + "/backups | sort | tail -1").output;
    ASSERT_NE(newest.find("-inc"), std::string::npos) << newest;
    const std::string backup = dir + "/backups/" + newest.substr(0, newest.find('\n'));
    EXPECT_EQ(run_command("cd " + backup + " && sha256sum --quiet -c SHA256SUMS").status, 0);
    EXPECT_EQ(run_command("grep -qx 'kind=inc' " + backup + "/MANIFEST").status, 0);

    // A damaged backup is refused before anything is restored.
    run_command("cp -a " + backup + " " + dir + "/damaged && printf x >> " + dir + "/damaged/uploads.tar.gz");
    const auto refused = bookfair("restore --from " + dir + "/damaged --datadir " + dir + "/never --owner root");
    EXPECT_NE(refused.status, 0);
    EXPECT_NE(refused.output.find("checksums"), std::string::npos) << refused.output;

    const auto restored = bookfair("restore --from " + backup + " --datadir " + dir + "/data --uploads-to " + dir +
                                   "/uploads --owner root");
    ASSERT_EQ(restored.status, 0) << restored.output;
    RestoredServer server(dir);
    ASSERT_TRUE(server.up()) << run_command("tail -20 " + dir + "/restored.log").output;

    bf::db::DbConfig copy = bf::db::DbConfig::from(config());
    copy.socket = server.socket();
    copy.user = "root";
    copy.password = "";
    bf::db::Connection restored_db(copy);

    // Every order committed before the incremental backup started is there, at least as far along.
    const auto after = committed_orders(restored_db);
    int missing = 0, went_back = 0;
    for (const auto& [id, status] : before_incremental) {
        const auto it = after.find(id);
        if (it == after.end()) ++missing;
        else if (status == "paid" && it->second != "paid") ++went_back;
    }
    EXPECT_EQ(missing, 0) << "of " << before_incremental.size() << " orders committed before the backup";
    EXPECT_EQ(went_back, 0);
    EXPECT_GT(before_incremental.size(), before_full.size());

    for (const int64_t book : books) {
        const auto row = restored_db.query_one(
            "SELECT b.stock, b.sell_count,"
            " (SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id"
            "   WHERE i.book_id = b.id AND o.status = 'paid'),"
            " (SELECT COALESCE(SUM(i.quantity - i.backordered_quantity), 0) FROM order_items i"
            "   JOIN stock_reservations r ON r.held_order_id = i.order_id WHERE i.book_id = b.id)"
            " FROM books b WHERE b.id = ?",
            book);
        ASSERT_TRUE(row);
        EXPECT_EQ(row->i64(0) + row->i64(2) + row->i64(3), kInitialStock) << "book " << book;
        EXPECT_EQ(row->i64(1), row->i64(2)) << "book " << book << ": sell_count = units in paid orders";
    }
    const auto revenue = run_command("BOOKFAIR_DB_SOCKET=" + server.socket() + " " BOOKFAIR_ADMIN_BINARY " --config " +
                                     env("BOOKFAIR_CONFIG") + " check-revenue 2>&1");
    EXPECT_EQ(revenue.status, 0) << revenue.output;
}
