#pragma once
// Test data for the buying tests, written straight into the database (books are the catalog's
// business; these tests only need rows to buy), and the steps of a purchase through nginx.
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "db/connection.h"
#include "harness.h"

namespace bf::test {

struct BookSpec {
    Cents price = 1500;
    std::optional<Cents> sale_price;
    int stock = 10;
    bool backorder = false;
    std::string status = "published";
    std::optional<int64_t> category_id;  // default: one shared test category
    std::string title;                   // default: a unique "Test Book N"
    std::optional<int64_t> author_id;    // default: one shared test author
};

int64_t create_category(db::Connection& db, std::optional<int64_t> parent = std::nullopt);
// A published book (by a shared test author) with the given price and stock.
int64_t create_book(db::Connection& db, const BookSpec& spec = {});
int book_stock(db::Connection& db, int64_t book_id);
int64_t book_sell_count(db::Connection& db, int64_t book_id);

struct Buyer {
    int64_t id = 0;
    std::string email;
};
inline constexpr const char* kBuyerPassword = "correct horse";
// A verified customer made directly in the database with one precomputed password hash (argon2id
// would take ~100 ms per user), so races can have fifty buyers without a minute of hashing.
Buyer create_buyer(db::Connection& db, const std::string& name = "Race Buyer");
// An author made directly in the database (log in with log_in_as).
int64_t create_author(db::Connection& db, const std::string& name = "Test Author");
// Logs the client in as `user_id` by giving it a session, as POST /login would; returns the session's token
// (other clients may share the session with set_cookie("bf_session", token)).
std::string log_in_as(HttpClient& client, db::Connection& db, int64_t user_id);

// ---- steps of a purchase through nginx ----
HttpResponse add_to_cart(HttpClient& client, int64_t book_id, int quantity = 1);
std::string idempotency_key_from(const std::string& html);
// POSTs /checkout with a new address and the given method; extra fields are appended as given.
HttpResponse checkout(HttpClient& client, const std::vector<std::pair<std::string, std::string>>& extra = {},
                      const std::string& method = "standard");
// The payment ref from a checkout answer's Location (/pay/REF), "" when there is none.
std::string payment_ref(const HttpResponse& placed);
// Submits the card at the hosted page; returns the provider's redirect (Location: the callback URL).
HttpResponse submit_card(HttpClient& client, const std::string& ref, const std::string& card_number,
                         const std::string& expiry = "12/39");
// The whole payment: card, then the callback; returns the callback's answer (303 to the order).
HttpResponse pay(HttpClient& client, const std::string& ref, const std::string& card_number);
// The order number in a Location like /orders/ORD-...
std::string order_number_from(const HttpResponse& r);
std::string order_status(db::Connection& db, const std::string& number);
// Runs `bookfair sweep` against the test stack.
CommandResult run_sweep();

// A reusable meeting point for racing threads (C++17 has no std::barrier).
class Barrier {
public:
    explicit Barrier(int parties) : parties_(parties) {}
    void arrive_and_wait() {
        std::unique_lock lock(m_);
        const long generation = generation_;
        if (++waiting_ == parties_) {
            waiting_ = 0;
            ++generation_;
            cv_.notify_all();
            return;
        }
        cv_.wait(lock, [&] { return generation != generation_; });
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    const int parties_;
    int waiting_ = 0;
    long generation_ = 0;
};

inline constexpr const char* kCardSuccess = "4242 4242 4242 4242";
inline constexpr const char* kCardDeclined = "4000 0000 0000 0002";
inline constexpr const char* kCardNoFunds = "4000 0000 0000 9995";

}  // namespace bf::test
