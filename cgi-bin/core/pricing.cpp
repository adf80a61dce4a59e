#include "core/pricing.h"

#include <algorithm>

namespace bf::pricing {

const char* method_name(ShippingMethod m) {
    switch (m) {
        case ShippingMethod::Express: return "express";
        case ShippingMethod::Overnight: return "overnight";
        default: return "standard";
    }
}

const char* method_label(ShippingMethod m) {
    switch (m) {
        case ShippingMethod::Express: return "Express (1–2 business days)";
        case ShippingMethod::Overnight: return "Overnight (next business day)";
        default: return "Standard (3–5 business days)";
    }
}

std::optional<ShippingMethod> parse_method(const std::string& name) {
    if (name == "standard") return ShippingMethod::Standard;
    if (name == "express") return ShippingMethod::Express;
    if (name == "overnight") return ShippingMethod::Overnight;
    return std::nullopt;
}

Cents Rules::rate(ShippingMethod m) const {
    switch (m) {
        case ShippingMethod::Express: return express;
        case ShippingMethod::Overnight: return overnight;
        default: return standard;
    }
}

bool CouponTerms::covers(const Line& line) const {
    return all_items || books.count(line.book_id) > 0;
}

std::vector<Cents> spread(Cents amount, const std::vector<Cents>& weights) {
    std::vector<Cents> shares(weights.size(), 0);
    __int128 total = 0;
    size_t last = weights.size();
    for (size_t i = 0; i < weights.size(); ++i)
        if (weights[i] > 0) {
            total += weights[i];
            last = i;
        }
    if (total == 0 || amount == 0) return shares;
    Cents given = 0;
    for (size_t i = 0; i < weights.size(); ++i)
        if (weights[i] > 0) {
            // Rounds toward zero, so a negative amount spreads as the mirror of a positive one.
            shares[i] = static_cast<Cents>(static_cast<__int128>(amount) * weights[i] / total);
            given += shares[i];
        }
    shares[last] += amount - given;
    return shares;
}

std::vector<Cents> refund_shares(Cents refund, Cents order_total, const std::vector<Cents>& line_nets) {
    Cents nets = 0;
    for (Cents n : line_nets) nets += std::max<Cents>(n, 0);
    if (order_total <= 0 || refund <= 0) return std::vector<Cents>(line_nets.size(), 0);
    const Cents books = static_cast<Cents>(static_cast<__int128>(std::min(refund, order_total)) * nets / order_total);
    return spread(books, line_nets);
}

Breakdown price(const std::vector<Line>& lines, const std::optional<CouponTerms>& coupon, ShippingMethod method,
                const Rules& rules) {
    Breakdown b;
    bool ships = false;
    for (const auto& line : lines) {
        ships = ships || line.shipped;
        const Cents total = line.unit_price * std::max(line.quantity, 0);
        b.line_totals.push_back(total);
        b.subtotal += total;
        if (coupon && coupon->covers(line)) b.eligible_subtotal += total;
    }

    bool coupon_free_shipping = false;
    if (coupon) {
        if (b.subtotal < coupon->min_order) {
            b.coupon_problem = "This coupon needs an order of at least " + format_money(coupon->min_order) + ".";
        } else if (coupon->kind != CouponKind::FreeShipping && b.eligible_subtotal == 0) {
            b.coupon_problem = "This coupon does not apply to the books in your cart.";
        } else if (coupon->kind == CouponKind::Percent) {
            b.discount = apply_basis_points(b.eligible_subtotal, coupon->percent_bp);
            if (coupon->max_discount) b.discount = std::min(b.discount, *coupon->max_discount);
        } else if (coupon->kind == CouponKind::Fixed) {
            b.discount = std::min(coupon->amount, b.eligible_subtotal);
        } else if (!ships) {
            b.coupon_problem = "This coupon gives free shipping, and nothing in this order ships.";
        } else if (method != ShippingMethod::Standard) {
            b.coupon_problem = "This coupon gives free standard shipping; choose standard shipping to use it.";
        } else {
            coupon_free_shipping = true;
        }
        b.discount = std::max<Cents>(b.discount, 0);
        b.coupon_applied = b.coupon_problem.empty();
    }

    const Cents discounted = b.subtotal - b.discount;
    if (method == ShippingMethod::Standard) {
        b.free_shipping = coupon_free_shipping || (lines.empty() ? false : discounted >= rules.free_shipping_threshold);
        b.shipping = b.free_shipping ? 0 : rules.standard;
    } else {
        b.shipping = rules.rate(method);
    }
    if (!ships) {
        b.shipping = 0;
        b.free_shipping = false;
    }
    std::vector<Cents> eligible;
    for (size_t i = 0; i < lines.size(); ++i)
        eligible.push_back(coupon && coupon->covers(lines[i]) ? b.line_totals[i] : 0);
    b.line_discounts = spread(b.discount, eligible);
    b.tax = apply_basis_points(discounted, rules.tax_rate_bp);
    b.total = discounted + b.shipping + b.tax;
    return b;
}

}  // namespace bf::pricing
