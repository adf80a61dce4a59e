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

Breakdown price(const std::vector<Line>& lines, const std::optional<CouponTerms>& coupon, ShippingMethod method,
                const Rules& rules) {
    Breakdown b;
    for (const auto& line : lines) {
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
    if (lines.empty()) b.shipping = 0;
    b.tax = apply_basis_points(discounted, rules.tax_rate_bp);
    b.total = discounted + b.shipping + b.tax;
    return b;
}

}  // namespace bf::pricing
