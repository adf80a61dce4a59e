#pragma once
// The price of an order, in integer cents only: subtotal, coupon discount, shipping, tax and total.
// Pure: the store feeds it prices it read (and locked) from the database, never the form's.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/money.h"

namespace bf::pricing {

enum class ShippingMethod { Standard, Express, Overnight };
const char* method_name(ShippingMethod m);                 // "standard", "express", "overnight"
std::optional<ShippingMethod> parse_method(const std::string& name);
const char* method_label(ShippingMethod m);                // "Standard (3–5 days)", ...

// The shop's configuration (config keys in brackets).
struct Rules {
    int64_t tax_rate_bp = 0;                     // [tax_rate_bp] 800 = 8 %, on the discounted subtotal
    Cents free_shipping_threshold = 3500;        // [free_shipping_threshold_cents] standard shipping is free at or above
    Cents standard = 499;                        // [shipping_standard_cents]
    Cents express = 1299;                        // [shipping_express_cents] never free
    Cents overnight = 2499;                      // [shipping_overnight_cents] never free
    Cents rate(ShippingMethod m) const;
};

struct Line {
    int64_t book_id = 0;
    Cents unit_price = 0;
    int quantity = 0;
    bool shipped = true;  // a printed copy; an ebook (digital edition) ships nothing
};

enum class CouponKind { Percent, Fixed, FreeShipping };

struct CouponTerms {
    CouponKind kind = CouponKind::Percent;
    int64_t percent_bp = 0;                  // Percent: 1500 = 15 %
    std::optional<Cents> max_discount;       // Percent: the cap
    Cents amount = 0;                        // Fixed
    Cents min_order = 0;                     // on the whole subtotal before discount
    bool all_items = true;                   // otherwise only the lines whose book is listed
    std::set<int64_t> books;                 // (the store resolves category coupons into their books)

    bool covers(const Line& line) const;
};

struct Breakdown {
    std::vector<Cents> line_totals;  // unit price × quantity, in the order of the lines
    // Each line's share of the discount: spread over the lines the coupon covers in proportion to their
    // totals, the rounding remainder on the last of them (see spread). Sums to `discount`.
    std::vector<Cents> line_discounts;
    Cents subtotal = 0;
    Cents eligible_subtotal = 0;     // the part the coupon may discount
    Cents discount = 0;
    Cents shipping = 0;
    Cents tax = 0;
    Cents total = 0;
    bool free_shipping = false;      // standard shipping waived (threshold or coupon)
    bool coupon_applied = false;
    std::string coupon_problem;      // why a given coupon gives nothing ("" when it applies)
};

// Splits `amount` over the weights in proportion, rounding each share down and putting the remainder
// on the last line with a positive weight, so the shares always add up to `amount` exactly.
// Zero and negative weights get nothing; all zero: everything on nothing (a vector of zeros).
std::vector<Cents> spread(Cents amount, const std::vector<Cents>& weights);

// The part of a partial refund that comes out of the books (not shipping or tax): the books' share
// of the order total, rounded down, spread over the lines by their net revenue (spread).
std::vector<Cents> refund_shares(Cents refund, Cents order_total, const std::vector<Cents>& line_nets);

// Prices lines with an optional coupon. Shipping is charged only when some line ships (an order of
// ebooks alone has none, and a free-shipping coupon gives it nothing). Never negative; overflow-safe for any cart we accept
// (99 units × prices below 10^12 cents).
Breakdown price(const std::vector<Line>& lines, const std::optional<CouponTerms>& coupon, ShippingMethod method,
                const Rules& rules);

}  // namespace bf::pricing
