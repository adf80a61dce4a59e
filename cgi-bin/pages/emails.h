#pragma once
// Emails written by pages: rendered here from templates/emails/, queued by the store.
#include <string>
#include <vector>

#include "core/money.h"
#include "pages/app.h"
#include "store/outbox.h"

namespace bf::pages {

store::OutboxMessage verification_email(const App& app, const std::string& to, const std::string& name,
                                        const std::string& token, const std::string& token_hash);
store::OutboxMessage password_reset_email(const App& app, const std::string& to, const std::string& name,
                                          const std::string& token, const std::string& token_hash);

// A paid order, as its receipt shows it.
struct ReceiptLine {
    std::string title;
    int64_t quantity = 0;
    Cents unit_price = 0;
    Cents line_total = 0;
};
struct Receipt {
    int64_t order_id = 0;          // the dedupe key: "receipt:{order_id}"
    std::string order_number;      // ORD-YYYYMMDD-NNNNN
    std::string order_path;        // where the buyer sees the order, e.g. "/orders/ORD-..."
    std::string buyer_email;
    std::string buyer_name;
    std::vector<ReceiptLine> lines;
    Cents subtotal = 0;
    Cents discount = 0;            // shown when not zero
    Cents total = 0;
    Time paid_at{};
};
// The buyer's receipt; queue it in the transaction that marks the order paid.
store::OutboxMessage receipt_email(const std::string& base_url, const Receipt& receipt);

}  // namespace bf::pages
