// The pure pricing rules and the simulated provider's card checks.
#include <gtest/gtest.h>

#include "core/cards.h"
#include "core/pricing.h"
#include "store/orders.h"

using namespace bf;
using namespace bf::pricing;

namespace {

Rules rules(int64_t tax_bp = 0) {
    Rules r;
    r.tax_rate_bp = tax_bp;
    return r;  // threshold 3500, standard 499, express 1299, overnight 2499
}

CouponTerms percent(int64_t bp, std::optional<Cents> cap = std::nullopt) {
    CouponTerms t;
    t.kind = CouponKind::Percent;
    t.percent_bp = bp;
    t.max_discount = cap;
    return t;
}

CouponTerms fixed(Cents amount) {
    CouponTerms t;
    t.kind = CouponKind::Fixed;
    t.amount = amount;
    return t;
}

}  // namespace

TEST(Pricing, SubtotalShippingAndTaxWithoutCoupon) {
    const auto b = price({{1, 1299, 2}}, std::nullopt, ShippingMethod::Standard, rules(800));
    EXPECT_EQ(b.line_totals, std::vector<Cents>({2598}));
    EXPECT_EQ(b.subtotal, 2598);
    EXPECT_EQ(b.discount, 0);
    EXPECT_EQ(b.shipping, 499);
    EXPECT_EQ(b.tax, 208);  // 2598 * 8% = 207.84 -> 208
    EXPECT_EQ(b.total, 2598 + 499 + 208);
}

TEST(Pricing, TaxRoundsHalfUpOnTheDiscountedSubtotal) {
    // 1250 * 8.25% = 103.125 -> 103; 1270 * 8.25% = 104.775 -> 105; 200 * 0.25% = 0.5 -> 1
    EXPECT_EQ(price({{1, 1250, 1}}, std::nullopt, ShippingMethod::Standard, rules(825)).tax, 103);
    EXPECT_EQ(price({{1, 1270, 1}}, std::nullopt, ShippingMethod::Standard, rules(825)).tax, 105);
    EXPECT_EQ(price({{1, 200, 1}}, std::nullopt, ShippingMethod::Standard, rules(25)).tax, 1);
    const auto b = price({{1, 2000, 1}}, fixed(500), ShippingMethod::Express, rules(1000));
    EXPECT_EQ(b.tax, 150) << "tax on 2000 - 500, shipping untaxed";
    EXPECT_EQ(b.total, 1500 + 1299 + 150);
}

TEST(Pricing, StandardShippingIsFreeFromTheThresholdAfterDiscount) {
    EXPECT_EQ(price({{1, 3500, 1}}, std::nullopt, ShippingMethod::Standard, rules()).shipping, 0);
    EXPECT_TRUE(price({{1, 3500, 1}}, std::nullopt, ShippingMethod::Standard, rules()).free_shipping);
    EXPECT_EQ(price({{1, 3499, 1}}, std::nullopt, ShippingMethod::Standard, rules()).shipping, 499);
    EXPECT_EQ(price({{1, 4000, 1}}, fixed(600), ShippingMethod::Standard, rules()).shipping, 499)
        << "3400 after the discount is below the threshold";
    EXPECT_EQ(price({{1, 9000, 1}}, std::nullopt, ShippingMethod::Express, rules()).shipping, 1299) << "express never free";
    EXPECT_EQ(price({{1, 9000, 1}}, std::nullopt, ShippingMethod::Overnight, rules()).shipping, 2499);
    EXPECT_EQ(price({}, std::nullopt, ShippingMethod::Standard, rules()).total, 0) << "an empty cart costs nothing";
}

TEST(Pricing, PercentCouponWithCap) {
    auto b = price({{1, 1000, 3}}, percent(1500), ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 450);
    EXPECT_TRUE(b.coupon_applied);
    b = price({{1, 1000, 3}}, percent(1500, 300), ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 300);
    b = price({{1, 333, 1}}, percent(1000), ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 33);  // 33.3 -> 33
    b = price({{1, 335, 1}}, percent(1000), ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 34);  // 33.5 -> 34
    b = price({{1, 1000, 1}}, percent(10000), ShippingMethod::Express, rules(800));
    EXPECT_EQ(b.discount, 1000);
    EXPECT_EQ(b.tax, 0);
    EXPECT_EQ(b.total, 1299);
}

TEST(Pricing, FixedCouponNeverExceedsWhatItCovers) {
    auto b = price({{1, 700, 1}}, fixed(1000), ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 700);
    EXPECT_EQ(b.total, 499);
    CouponTerms only_book2 = fixed(1000);
    only_book2.all_items = false;
    only_book2.books = {2};
    b = price({{1, 5000, 1}, {2, 400, 2}}, only_book2, ShippingMethod::Standard, rules());
    EXPECT_EQ(b.eligible_subtotal, 800);
    EXPECT_EQ(b.discount, 800);
}

TEST(Pricing, CouponOnlyOnEligibleBooks) {
    CouponTerms t = percent(5000);
    t.all_items = false;
    t.books = {7};
    auto b = price({{7, 1000, 1}, {8, 3000, 1}}, t, ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 500);
    b = price({{8, 3000, 1}}, t, ShippingMethod::Standard, rules());
    EXPECT_FALSE(b.coupon_applied);
    EXPECT_EQ(b.discount, 0);
    EXPECT_NE(b.coupon_problem.find("does not apply"), std::string::npos);
}

TEST(Pricing, DiscountIsSpreadOverTheCoveredLinesOnly) {
    CouponTerms t = fixed(1000);
    t.all_items = false;
    t.books = {7, 9};
    // 1000 over 1000 and 2000 (book 8 not covered): 333 and the rest, 667, on the last covered line.
    const auto b = price({{7, 1000, 1}, {8, 5000, 1}, {9, 1000, 2}}, t, ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 1000);
    EXPECT_EQ(b.line_discounts, (std::vector<Cents>{333, 0, 667}));
    const auto none = price({{7, 1000, 1}}, std::nullopt, ShippingMethod::Standard, rules());
    EXPECT_EQ(none.line_discounts, (std::vector<Cents>{0}));
}

TEST(Pricing, SpreadAddsUpExactly) {
    EXPECT_EQ(spread(100, {1, 1, 1}), (std::vector<Cents>{33, 33, 34}));
    EXPECT_EQ(spread(100, {1, 1, 0}), (std::vector<Cents>{50, 50, 0})) << "the remainder goes to the last weighted line";
    EXPECT_EQ(spread(-100, {1, 1, 1}), (std::vector<Cents>{-33, -33, -34}));
    EXPECT_EQ(spread(5, {0, 0}), (std::vector<Cents>{0, 0}));
    EXPECT_EQ(spread(0, {3, 4}), (std::vector<Cents>{0, 0}));
    // Large amounts and weights do not overflow.
    const Cents big = 4000000000000000LL;
    EXPECT_EQ(spread(big, {big, big}), (std::vector<Cents>{big / 2, big / 2}));
    for (Cents amount : {1, 7, 99, 1001, 123457})
        for (const auto& w : std::vector<std::vector<Cents>>{{1}, {3, 5}, {1000, 1, 1}, {7, 0, 13, 2}}) {
            Cents sum = 0;
            for (Cents c : spread(amount, w)) sum += c;
            EXPECT_EQ(sum, amount);
        }
}

TEST(Pricing, RefundSharesLeaveShippingAndTaxTheirPart) {
    // Books net 3000 of a 4000 total (shipping and tax 1000): a 2000 refund takes 1500 off the books.
    EXPECT_EQ(refund_shares(2000, 4000, {1000, 2000}), (std::vector<Cents>{500, 1000}));
    EXPECT_EQ(refund_shares(1, 4000, {1000, 2000}), (std::vector<Cents>{0, 0})) << "rounded down: a cent of shipping";
    EXPECT_EQ(refund_shares(4000, 4000, {1000, 2000}), (std::vector<Cents>{1000, 2000}));
    EXPECT_EQ(refund_shares(100, 0, {0}), (std::vector<Cents>{0}));
}

TEST(Pricing, MinimumOrderIsOnTheWholeSubtotal) {
    CouponTerms t = fixed(500);
    t.min_order = 2000;
    auto b = price({{1, 1999, 1}}, t, ShippingMethod::Standard, rules());
    EXPECT_FALSE(b.coupon_applied);
    EXPECT_EQ(b.discount, 0);
    EXPECT_NE(b.coupon_problem.find("$20.00"), std::string::npos);
    b = price({{1, 1000, 2}}, t, ShippingMethod::Standard, rules());
    EXPECT_TRUE(b.coupon_applied);
    EXPECT_EQ(b.discount, 500);
}

TEST(Pricing, FreeShippingCouponIsForStandardShippingOnly) {
    CouponTerms t;
    t.kind = CouponKind::FreeShipping;
    auto b = price({{1, 1000, 1}}, t, ShippingMethod::Standard, rules());
    EXPECT_TRUE(b.coupon_applied);
    EXPECT_EQ(b.shipping, 0);
    EXPECT_EQ(b.discount, 0);
    EXPECT_EQ(b.total, 1000);
    b = price({{1, 1000, 1}}, t, ShippingMethod::Express, rules());
    EXPECT_FALSE(b.coupon_applied);
    EXPECT_EQ(b.shipping, 1299);
}

TEST(Pricing, LargeCartsStayExact) {
    const auto b = price({{1, 99'999'999'99, 99}, {2, 1, 99}}, percent(3333), ShippingMethod::Overnight, rules(1234));
    EXPECT_EQ(b.subtotal, 99'999'999'99LL * 99 + 99);
    EXPECT_EQ(b.total, b.subtotal - b.discount + b.shipping + b.tax);
    EXPECT_GT(b.total, 0);
}

TEST(Pricing, ShippingMethodNames) {
    EXPECT_EQ(parse_method("express"), ShippingMethod::Express);
    EXPECT_FALSE(parse_method("teleport"));
    EXPECT_STREQ(method_name(ShippingMethod::Overnight), "overnight");
}

TEST(OrderNumbers, DatedAndZeroPadded) {
    const Time t = from_civil({2026, 3, 7, 23, 59, 59, 0});
    EXPECT_EQ(store::Orders::format_number(t, 1), "ORD-20260307-00001");
    EXPECT_EQ(store::Orders::format_number(t, 12345), "ORD-20260307-12345");
    EXPECT_EQ(store::Orders::format_number(t, 123456), "ORD-20260307-123456");
}

TEST(Cards, LuhnBrandAndNormalising) {
    EXPECT_EQ(cards::normalize_number("4242 4242-4242 4242"), "4242424242424242");
    EXPECT_EQ(cards::normalize_number("4242x"), "");
    EXPECT_TRUE(cards::luhn_valid("4242424242424242"));
    EXPECT_TRUE(cards::luhn_valid("4000000000000002"));
    EXPECT_TRUE(cards::luhn_valid("4000000000009995"));
    EXPECT_FALSE(cards::luhn_valid("4242424242424241"));
    EXPECT_FALSE(cards::luhn_valid("42"));
    EXPECT_EQ(cards::brand("4242424242424242"), "Visa");
    EXPECT_EQ(cards::brand("5555555555554444"), "Mastercard");
    EXPECT_EQ(cards::brand("378282246310005"), "American Express");
    EXPECT_EQ(cards::brand("6011111111111117"), "Discover");
}

TEST(Cards, ExpiryIsGoodThroughItsMonth) {
    const Time now = from_civil({2026, 5, 31, 23, 0, 0, 0});
    auto e = cards::parse_expiry("05/26");
    ASSERT_TRUE(e);
    EXPECT_EQ(*e, std::make_pair(5, 2026));
    EXPECT_FALSE(cards::expired(5, 2026, now));
    EXPECT_TRUE(cards::expired(4, 2026, now));
    EXPECT_TRUE(cards::expired(12, 2025, now));
    EXPECT_EQ(cards::parse_expiry("12 / 2030"), std::make_pair(12, 2030));
    EXPECT_FALSE(cards::parse_expiry("13/26"));
    EXPECT_FALSE(cards::parse_expiry("0526"));
    EXPECT_FALSE(cards::parse_expiry("05/2"));
}

TEST(Pricing, EbooksAloneShipNothingAndMixedOrdersPayShipping) {
    const std::vector<Line> ebooks{{1, 699, 1, false}, {2, 500, 1, false}};
    auto b = price(ebooks, std::nullopt, ShippingMethod::Express, rules(800));
    EXPECT_EQ(b.shipping, 0) << "no shipping whatever the method";
    EXPECT_EQ(b.tax, 96) << "8 % of 11.99, half up";
    EXPECT_EQ(b.total, 1199 + 96);
    CouponTerms free_shipping;
    free_shipping.kind = CouponKind::FreeShipping;
    b = price(ebooks, free_shipping, ShippingMethod::Standard, rules());
    EXPECT_FALSE(b.coupon_applied) << "a free-shipping coupon gives an ebook order nothing";
    EXPECT_EQ(b.total, 1199);
    const std::vector<Line> mixed{{1, 699, 1, false}, {3, 1000, 1, true}};
    b = price(mixed, std::nullopt, ShippingMethod::Standard, rules());
    EXPECT_EQ(b.shipping, 499);
    b = price(mixed, percent(1000), ShippingMethod::Standard, rules());
    EXPECT_EQ(b.discount, 170) << "coupons cover ebooks as any book (10 % of 16.99, half up)";
}
