#pragma once
// One MariaDB connection with its prepared statements. Not thread-safe: each
// worker thread owns one. SQL is always a prepared statement with bound values.
#include <mysql.h>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/config.h"
#include "db/nodes.h"
#include "db/value.h"

namespace bf::db {

struct DbConfig {
    std::string socket;  // unix socket; when empty, host and port are used
    std::string host = "127.0.0.1";
    unsigned port = 3306;
    std::string user = "root";
    std::string password;
    std::string database;
    // A Galera cluster (db_nodes, in write order): when set, socket, host and port are not used.
    std::vector<Endpoint> nodes;
    WritePolicy write_policy = WritePolicy::Ordered;
    unsigned recheck_ms = 3000;   // how long a failed node is passed over before it is tried again
    // How long a statement's reply may take before the link counts as lost (db_io_timeout_seconds).
    // The shop's statements are short; the admin tool's DDL on a large table (a full-text index over
    // a million books) takes minutes and raises it.
    unsigned io_timeout_s = 60;
    int sync_wait = -1;           // wsrep_sync_wait for the session; -1: the server's default

    // From the db_* configuration keys; without the database name for server-level work.
    static DbConfig from(const Config& config, bool with_database = true);
};

class Error : public std::runtime_error {
public:
    Error(unsigned code, const std::string& message) : std::runtime_error(message), code_(code) {}
    unsigned code() const { return code_; }
    bool is_duplicate_key() const { return code_ == 1062; }
    // 1062 on the named unique key ("Duplicate entry '...' for key 'KEY'").
    bool is_duplicate_of(const std::string& key) const {
        return is_duplicate_key() && std::string_view(what()).find("for key '" + key + "'") != std::string_view::npos;
    }
    // 1213 is also how Galera reports a certification conflict (another node wrote the row first).
    bool is_deadlock_or_lock_timeout() const { return code_ == 1213 || code_ == 1205; }
    bool is_connection_lost() const;
    // A Galera node outside the primary component, or not yet synced: it refuses every statement.
    bool is_node_not_ready() const { return code_ == 1047; }

private:
    unsigned code_;
};

class Connection {
public:
    explicit Connection(DbConfig config);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs a statement that returns no rows; answers the number of affected rows.
    template <class... A>
    uint64_t exec(std::string_view sql, const A&... args) {
        return run(sql, {to_param(args)...}, nullptr);
    }
    // Runs a statement and returns all its rows.
    template <class... A>
    Rows query(std::string_view sql, const A&... args) {
        Rows rows;
        run(sql, {to_param(args)...}, &rows);
        return rows;
    }
    template <class... A>
    std::optional<Row> query_one(std::string_view sql, const A&... args) {
        Rows rows = query(sql, args...);
        if (rows.empty()) return std::nullopt;
        return std::move(rows.front());
    }
    // A row a visitor may just have written through another web host (their session, the order they
    // placed, the payment they started). On a Galera cluster without causal reads, hosts can read
    // different nodes for a moment (moving back to a returning node happens per process), and a node
    // applies another node's commit a moment after it: the row may not be there yet. So when nothing
    // is found, the read is asked again as a causal read (wsrep_sync_wait = 1: the node first applies
    // everything committed anywhere before it). "Not found" then means not found; a found row costs
    // nothing extra. Elsewhere just query_one.
    template <class... A>
    std::optional<Row> query_one_written_anywhere(std::string_view sql, const A&... args) {
        auto row = query_one(sql, args...);
        if (row || !reads_may_lag()) return row;
        CausalReads causal(*this);
        return query_one(sql, args...);
    }
    uint64_t exec_params(std::string_view sql, const std::vector<Param>& params) { return run(sql, params, nullptr); }
    Rows query_params(std::string_view sql, const std::vector<Param>& params) {
        Rows rows;
        run(sql, params, &rows);
        return rows;
    }

    uint64_t last_insert_id() const { return last_insert_id_; }

    // Runs `body` inside a transaction; commits when it returns, rolls back when it
    // throws. Deadlocks and lock-wait timeouts restart the whole body (it must be
    // safe to repeat). Inside an open transaction the body simply joins it.
    template <class F>
    auto transaction(F&& body) -> decltype(body()) {
        if (in_transaction_) return body();
        for (int attempt = 1;; ++attempt) {
            try {
                begin();
                if constexpr (std::is_void_v<decltype(body())>) {
                    body();
                    commit();
                    return;
                } else {
                    auto result = body();
                    commit();
                    return result;
                }
            } catch (const Error& e) {
                const bool lost_at_commit = committing_;
                rollback();
                // A link lost before COMMIT was sent means nothing was committed: run it again
                // on a fresh connection. Lost during COMMIT, the outcome is unknown: report it.
                // A Galera node that left the primary component commits nothing: run it again on
                // another node (the fresh connection finds one).
                const bool retry = e.is_deadlock_or_lock_timeout() || e.is_node_not_ready() ||
                                   (e.is_connection_lost() && !lost_at_commit);
                if (!retry || attempt >= kMaxTransactionAttempts) throw;
                backoff(attempt);
            } catch (...) {
                rollback();
                throw;
            }
        }
    }
    bool in_transaction() const { return in_transaction_; }
    // Runs `action` when the open transaction ends, committed or rolled back (at once outside one):
    // for work that must follow what was written, such as dropping a process's cached copies of it.
    void after_transaction(std::function<void()> action);

    // Plain SQL text for schema scripts only (several statements, no user data).
    void execute_script(const std::string& sql);
    // True when the server answers; reconnects first if the link was lost.
    bool ping();
    // Counts statements run on this connection (tests use it to catch N+1 queries).
    uint64_t statements_run() const { return statements_run_; }
    // Galera: the index in db_nodes of the node this connection uses (-1 when none or no cluster).
    int node() const { return mysql_ && nodes_ ? static_cast<int>(node_) : -1; }
    // For logs: "host:port" of the node this connection uses or last used (a cluster), else "".
    std::string node_name() const;
    // Tests: hears every statement with its values before it runs (to EXPLAIN what a page runs).
    using Observer = std::function<void(std::string_view sql, const std::vector<Param>& params)>;
    void set_observer(Observer observer) { observer_ = std::move(observer); }

    static constexpr int kMaxTransactionAttempts = 8;
    // Statements kept prepared per connection. The server holds at most max_prepared_stmt_count
    // (16,382 by default) for all connections together: 400 leaves room for 40 connections at the cap.
    static constexpr size_t kMaxPreparedStatements = 400;

private:
    // A Galera cluster whose sessions do not read causally already.
    bool reads_may_lag() const { return nodes_ && (config_.sync_wait < 0 || (config_.sync_wait & 1) == 0); }
    // wsrep_sync_wait = 1 for this session while it lives, then the configured value again.
    struct CausalReads {
        explicit CausalReads(Connection& c);
        ~CausalReads();
        Connection& c;
    };
    uint64_t run(std::string_view sql, const std::vector<Param>& params, Rows* rows);
    uint64_t run_once(std::string_view sql, const std::vector<Param>& params, Rows* rows);
    MYSQL* handle();
    void connect();
    void connect_to(const char* host, unsigned port, const char* socket);
    void connect_to_cluster();
    bool node_ready();
    void disconnect();
    MYSQL_STMT* prepared(std::string_view sql);
    void forget(std::string_view sql);  // closes a kept statement
    void simple(const char* sql);
    void begin();
    void commit();
    void rollback();
    void backoff(int attempt);
    [[noreturn]] void fail(unsigned code, const std::string& message);

    DbConfig config_;
    std::shared_ptr<NodeSet> nodes_;  // a Galera cluster's nodes, shared by the process's connections
    size_t node_ = 0;
    MYSQL* mysql_ = nullptr;
    std::unordered_map<std::string, MYSQL_STMT*> statements_;
    bool in_transaction_ = false;
    bool committing_ = false;
    uint64_t last_insert_id_ = 0;
    uint64_t statements_run_ = 0;
    Observer observer_;
    std::vector<std::function<void()>> after_transaction_;
    void run_after_transaction();
};

// Adds to this process's count of transactions restarted (metrics); 0 declares the counter.
void count_transaction_retries(double amount);

// "?, ?, ?" for an IN list of n values.
std::string placeholders(size_t n);

// Call once before any thread opens a connection, and the matching end at exit.
void library_init();
void library_end();
// Each thread that uses a connection calls these (RAII).
struct ThreadScope {
    ThreadScope();
    ~ThreadScope();
};

}  // namespace bf::db
