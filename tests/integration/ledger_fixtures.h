#pragma once
// Sales for the ledger and payout tests, made through the store at chosen times (the store takes
// `now` from its caller, so a test walks the hold period without waiting), and the ledger's figures
// read straight from its entries.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "buying_fixtures.h"
#include "core/time.h"
#include "store/store.h"

namespace bf::test {

// Places and pays an order of (book, quantity) lines at `at`, with an optional coupon and a tax rate.
int64_t paid_order_at(store::Store& store, int64_t buyer_id, const std::vector<std::pair<int64_t, int>>& lines, Time at,
                   const std::string& coupon = "", int64_t tax_bp = 0);
// The sum of the ledger's entries of one order in an account kind (optionally one author's).
Cents order_entries(db::Connection& db, int64_t order_id, const std::string& kind,
                    std::optional<int64_t> author_id = std::nullopt);
// Runs `bookfair check-ledger` against the test stack.
CommandResult check_ledger();

}  // namespace bf::test
