#include "core/royalty.h"

#include <algorithm>
#include <utility>

#include "core/pricing.h"

namespace bf::royalty {

namespace {

// `amount` over two parts in proportion to a and b: the first rounded down, the second the rest, and
// neither more than its own part when the amount fits in both (the rest's rounding cent moves back).
std::pair<Cents, Cents> split_pair(Cents amount, Cents a, Cents b) {
    const auto parts = pricing::spread(amount, {a, b});
    Cents first = parts[0], second = parts[1];
    if (second > b && first < a) {
        const Cents move = std::min(second - b, a - first);
        first += move;
        second -= move;
    }
    return {first, second};
}

}  // namespace

Cents Split::total() const {
    Cents sum = tax + shipping;
    for (const auto& l : lines) sum += l.royalty + l.commission;
    return sum;
}

Cents commission(Cents net, int quantity, const Terms& terms) {
    if (net <= 0) return 0;
    const Cents c = apply_basis_points(net, terms.rate_bp) + terms.fixed_per_unit * std::max(quantity, 0);
    return std::clamp<Cents>(c, 0, net);
}

Split sale(const std::vector<Line>& lines, Cents tax, Cents shipping) {
    Split s;
    s.tax = tax;
    s.shipping = shipping;
    for (const auto& l : lines) {
        const Cents c = commission(l.net, l.quantity, l.terms);
        s.lines.push_back({l.book_id, l.author_id, l.terms.id, l.net - c, c});
    }
    return s;
}

Split refund(const Split& sale, Cents amount, Cents order_total) {
    Split r;
    std::vector<Cents> nets;
    for (const auto& l : sale.lines) nets.push_back(l.royalty + l.commission);
    const auto shares = pricing::refund_shares(amount, order_total, nets);
    Cents books = 0;
    for (size_t i = 0; i < sale.lines.size(); ++i) {
        const auto& l = sale.lines[i];
        const auto parts = split_pair(shares[i], l.royalty, l.commission);
        r.lines.push_back({l.book_id, l.author_id, l.terms_id, parts.first, parts.second});
        books += shares[i];
    }
    const auto rest = split_pair(amount - books, sale.tax, sale.shipping);
    r.tax = rest.first;
    r.shipping = rest.second;
    return r;
}

PayoutSettings PayoutSettings::from(const Config& config) {
    PayoutSettings s;
    s.hold_days = static_cast<int>(std::clamp<int64_t>(config.get_int("payout_hold_days", s.hold_days), 0, 365));
    s.minimum = std::clamp<int64_t>(config.get_int("payout_minimum_cents", s.minimum), 0, 100000000);
    s.run_hour = static_cast<int>(std::clamp<int64_t>(config.get_int("payout_run_hour", s.run_hour), 0, 23));
    s.scheduled = config.get_bool("payout_schedule", s.scheduled);
    return s;
}

}  // namespace bf::royalty
