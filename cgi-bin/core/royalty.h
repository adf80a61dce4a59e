#pragma once
// How the money of a paid order is split between the author, the shop, the tax office and shipping, and
// how a partial refund takes it back: pure integer arithmetic, shared by the ledger's writer and its
// checker (store/ledger.cpp) so both always agree to the cent.
//
// The rounding rule:
//   commission = min(net, round_half_up(net * rate_bp / 10000) + fixed_per_unit * quantity)
//   royalty    = net - commission                    (so royalty + commission == net exactly)
// where a line's net is its total less its share of the coupon discount. Tax and shipping are the
// shop's, booked whole. The buyer's payment = sum of nets + tax + shipping = the order total.
//
// A partial refund of `amount` first takes the books' share (pricing::refund_shares: amount x nets /
// total rounded down, spread over the lines by net), then splits each line's share between royalty and
// commission in proportion, the royalty rounded down (a cent of rounding never costs the author) unless
// the commission's part would then exceed the commission; the rest of the amount comes out of tax and
// shipping by the same rule, tax first. Every split sums to the amount exactly. Several partial refunds
// may together move a rounding cent between two parts; the full refund that ends an order reverses what
// each account still holds, so every account of a fully refunded order ends at zero.
#include <cstdint>
#include <vector>

#include "core/config.h"
#include "core/money.h"
#include "core/time.h"

namespace bf::royalty {

struct Terms {
    int64_t id = 0;
    int64_t rate_bp = 0;         // 3000 = 30 %
    Cents fixed_per_unit = 0;    // added per unit sold
};

struct Line {
    int64_t book_id = 0;
    int64_t author_id = 0;
    int quantity = 0;
    Cents net = 0;
    Terms terms;
};

struct LineSplit {
    int64_t book_id = 0;
    int64_t author_id = 0;
    int64_t terms_id = 0;
    Cents royalty = 0;
    Cents commission = 0;
};

struct Split {
    std::vector<LineSplit> lines;  // in the order of the lines given
    Cents tax = 0;
    Cents shipping = 0;
    // What the buyer paid (or gets back): every line's royalty and commission, tax and shipping.
    Cents total() const;
};

Cents commission(Cents net, int quantity, const Terms& terms);

// The sale of an order's lines with its tax and shipping.
Split sale(const std::vector<Line>& lines, Cents tax, Cents shipping);

// What a partial refund of `amount` of an order whose total was `order_total` takes back from each part
// of its sale (positive numbers: the caller books them as reversals). Sums to `amount`.
Split refund(const Split& sale, Cents amount, Cents order_total);

// The payout settings (config keys in brackets), read the same way by the pages and the mailer.
struct PayoutSettings {
    int hold_days = 14;        // [payout_hold_days] the refund window before a royalty is payable
    Cents minimum = 2000;      // [payout_minimum_cents] a smaller payable balance waits for a later run
    int run_hour = 6;          // [payout_run_hour] UTC hour of the monthly run on the 1st
    bool scheduled = true;     // [payout_schedule] the companion process runs payouts monthly
    static PayoutSettings from(const Config& config);
    // Royalties of sales at or before this are payable at `now`.
    Time payable_before(Time now) const { return now.plus_days(-hold_days); }
};

}  // namespace bf::royalty
