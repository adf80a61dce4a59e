// The royalty split and its refunds: every cent accounted for, the rounding rule as documented in
// core/royalty.h, with the prices core/pricing.h computes for coupons, tax and shipping.
#include <gtest/gtest.h>

#include <random>

#include "core/pricing.h"
#include "core/royalty.h"

using namespace bf;

namespace {

royalty::Terms terms(int64_t bp, Cents fixed = 0) { return {7, bp, fixed}; }

}  // namespace

TEST(Royalty, CommissionRoundsHalfUpAndAddsTheFixedPartPerUnit) {
    EXPECT_EQ(royalty::commission(1005, 1, terms(1000)), 101);   // 100.5 -> 101
    EXPECT_EQ(royalty::commission(1004, 1, terms(1000)), 100);   // 100.4 -> 100
    EXPECT_EQ(royalty::commission(2000, 2, terms(1500, 25)), 350);
    EXPECT_EQ(royalty::commission(100, 3, terms(5000, 40)), 100);  // capped at the net: the royalty is never negative
    EXPECT_EQ(royalty::commission(0, 1, terms(3000, 50)), 0);
}

TEST(Royalty, SaleWithCouponTaxAndShippingSplitsTheTotalExactly) {
    // Two books, a 15 % coupon on the first only, 8.25 % tax, standard shipping under the threshold.
    const std::vector<pricing::Line> lines{{1, 1299, 1}, {2, 999, 1}};
    pricing::CouponTerms coupon;
    coupon.kind = pricing::CouponKind::Percent;
    coupon.percent_bp = 1500;
    coupon.all_items = false;
    coupon.books = {1};
    pricing::Rules rules;
    rules.tax_rate_bp = 825;
    const auto price = pricing::price(lines, coupon, pricing::ShippingMethod::Standard, rules);
    ASSERT_TRUE(price.coupon_applied);
    const auto split = royalty::sale({{1, 10, 1, price.line_totals[0] - price.line_discounts[0], terms(3000)},
                                      {2, 11, 1, price.line_totals[1] - price.line_discounts[1], terms(2000, 50)}},
                                     price.tax, price.shipping);
    EXPECT_EQ(split.total(), price.total);
    // 1299 - 195 = 1104: commission 331.2 -> 331, royalty 773. 999: 199.8 -> 200 + 50 = 250, royalty 749.
    EXPECT_EQ(split.lines[0].commission, 331);
    EXPECT_EQ(split.lines[0].royalty, 773);
    EXPECT_EQ(split.lines[1].commission, 250);
    EXPECT_EQ(split.lines[1].royalty, 749);
    EXPECT_EQ(split.shipping, 499);
}

TEST(Royalty, PartialRefundsSumToTheAmountAndNeverTakeMoreThanThePart) {
    std::mt19937 rng(2026);
    for (int round = 0; round < 2000; ++round) {
        std::vector<royalty::Line> lines;
        const int n = 1 + static_cast<int>(rng() % 4);
        for (int i = 0; i < n; ++i)
            lines.push_back({i + 1, 100 + i, 1 + static_cast<int>(rng() % 3), static_cast<Cents>(rng() % 5000),
                             terms(static_cast<int64_t>(rng() % 10001), static_cast<Cents>(rng() % 100))});
        const auto sale = royalty::sale(lines, rng() % 700, rng() % 2 ? 0 : 499);
        const Cents total = sale.total();
        if (total < 2) continue;
        const Cents amount = 1 + static_cast<Cents>(rng() % static_cast<unsigned>(total - 1));
        const auto r = royalty::refund(sale, amount, total);
        ASSERT_EQ(r.total(), amount) << "round " << round;
        EXPECT_LE(r.tax, sale.tax);
        EXPECT_LE(r.shipping, sale.shipping);
        EXPECT_GE(r.tax, 0);
        EXPECT_GE(r.shipping, 0);
        for (size_t i = 0; i < r.lines.size(); ++i) {
            // A line's share of the books' part can exceed its net by a rounding cent or two (the revenue
            // rollups' refund_shares puts the remainder on the last line); within its net, each part fits.
            if (r.lines[i].royalty + r.lines[i].commission > sale.lines[i].royalty + sale.lines[i].commission) continue;
            EXPECT_GE(r.lines[i].royalty, 0);
            EXPECT_LE(r.lines[i].royalty, sale.lines[i].royalty);
            EXPECT_GE(r.lines[i].commission, 0);
            EXPECT_LE(r.lines[i].commission, sale.lines[i].commission);
        }
    }
}

TEST(Royalty, RefundMatchesTheRevenueShareOfEachLine) {
    // The ledger's royalty + commission reversal of a line equals what the revenue rollups take off it.
    const auto sale = royalty::sale({{1, 10, 1, 1104, terms(3000)}, {2, 11, 2, 1998, terms(1000)}}, 256, 499);
    const auto r = royalty::refund(sale, 1000, sale.total());
    const auto shares = pricing::refund_shares(1000, sale.total(), {1104, 1998});
    for (size_t i = 0; i < shares.size(); ++i) EXPECT_EQ(r.lines[i].royalty + r.lines[i].commission, shares[i]);
    // The royalty is rounded down: 1104 x 1000 / 3857 = 286.2 books' share of line 1 -> royalty 286 x 773/1104.
    EXPECT_EQ(r.lines[0].royalty, shares[0] * 773 / 1104);
}

#include "core/iban.h"

TEST(Iban, ChecksumCountryLengthAndMasking) {
    EXPECT_EQ(iban::normalize(" de89 3704-0044 0532 0130 00 "), "DE89370400440532013000");
    EXPECT_EQ(iban::problem("DE89370400440532013000"), "");
    EXPECT_EQ(iban::problem("GB82WEST12345698765432"), "");
    EXPECT_EQ(iban::problem("NL91ABNA0417164300"), "");
    EXPECT_NE(iban::problem("DE89370400440532013001"), "") << "one digit off";
    EXPECT_NE(iban::problem("DE98370400440532013000"), "") << "check digits swapped";
    EXPECT_NE(iban::problem("DE8937040044053201300"), "") << "a German IBAN has 22 characters";
    EXPECT_NE(iban::problem("1234567890123456"), "");
    EXPECT_NE(iban::problem("DE89 3704"), "");
    EXPECT_NE(iban::problem(""), "");
    EXPECT_EQ(iban::masked("DE89370400440532013000"), "DE89 **** **** 3000");
    EXPECT_EQ(iban::grouped("DE89370400440532013000"), "DE89 3704 0044 0532 0130 00");
}
