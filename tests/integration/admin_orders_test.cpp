// The admin console's orders: search, the order page, status changes, refunds and cancellation,
// each audited with the state before and after, and refused with nothing changed when wrong.
#include <gtest/gtest.h>

#include "admin_fixtures.h"
#include "core/text.h"

using namespace bf::test;

namespace {

struct Console : AdminConsole {

    std::string page(const std::string& number) { return admin.get("/admin/orders/" + number).body; }
    HttpResponse post(const std::string& number, const std::string& action,
                      std::vector<std::pair<std::string, std::string>> fields) {
        fields.emplace_back("_csrf", csrf_from(page(number)));
        return admin.post_form("/admin/orders/" + number + "/" + action, fields);
    }
    std::string status(const PaidOrder& o) { return order_status(*db, o.number); }
    int64_t refunded(const PaidOrder& o) {
        return db->query_one("SELECT refunded_cents FROM orders WHERE id = ?", o.id)->i64(0);
    }
};

}  // namespace

TEST(AdminOrders, StatusChangesAreAuditedAndShippingNeedsATrackingNumber) {
    Console c;
    const int64_t book = create_book(*c.db, stocked(1500, 10));
    const PaidOrder o = paid_order(*c.db, {{book, 1}});
    const auto page = c.admin.get("/admin/orders/" + o.number);
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, o.buyer.email));
    EXPECT_TRUE(contains(page.body, "Visa ending 4242")) << "payments";
    EXPECT_TRUE(contains(page.body, "Payment received")) << "timeline";

    auto r = c.post(o.number, "status", {{"status", "processing"}, {"status_note", "Packing today"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(c.status(o), "processing");
    auto audit = last_audit(*c.db, "order", o.id);
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->action, "order.status");
    EXPECT_EQ(audit->before, "{\"status\": \"paid\"}");
    EXPECT_EQ(audit->after, "{\"note\": \"Packing today\", \"status\": \"processing\"}");
    EXPECT_EQ(audit->actor_id, c.admin_id);

    // Shipped without a tracking number: the form comes back with the message; nothing changes.
    const int64_t audits = audit_count(*c.db, "order", o.id);
    r = c.post(o.number, "status", {{"status", "shipped"}, {"carrier", "Parcelway"}, {"tracking_number", ""}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Enter the tracking number"));
    EXPECT_TRUE(contains(r.body, "value=\"Parcelway\"")) << "the input comes back";
    EXPECT_EQ(c.status(o), "processing");
    EXPECT_EQ(audit_count(*c.db, "order", o.id), audits);
    EXPECT_TRUE(c.db->query_one("SELECT tracking_number FROM orders WHERE id = ?", o.id)->is_null(0));

    r = c.post(o.number, "status", {{"status", "shipped"}, {"carrier", "Parcelway"}, {"tracking_number", "PW123456789"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(c.status(o), "shipped");
    audit = last_audit(*c.db, "order", o.id);
    EXPECT_EQ(audit->before, "{\"carrier\": \"\", \"status\": \"processing\", \"tracking_number\": \"\"}");
    EXPECT_EQ(audit->after, "{\"carrier\": \"Parcelway\", \"status\": \"shipped\", \"tracking_number\": \"PW123456789\"}");

    // Not a next step from here: a field message, nothing changes.
    r = c.post(o.number, "status", {{"status", "processing"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(c.status(o), "shipped");

    const auto buyer_view = c.page(o.number);
    EXPECT_TRUE(contains(buyer_view, "PW123456789"));
    EXPECT_TRUE(contains(buyer_view, "order.status")) << "the order's own audit rows";
    EXPECT_TRUE(contains(c.admin.get("/admin/audit").body, "order.status"));
}

TEST(AdminOrders, RefundAboveWhatIsLeftIs422AndChangesNothing) {
    Console c;
    const int64_t book = create_book(*c.db, stocked(1500, 10));
    const PaidOrder o = paid_order(*c.db, {{book, 1}});
    ASSERT_EQ(o.total, 1999) << "15.00 + 4.99 shipping";
    for (const std::string amount : {"20.00", "19.999", "abc", "0", "-1"}) {
        const auto r = c.post(o.number, "refund", {{"amount", amount}});
        EXPECT_EQ(r.status, 422) << amount;
    }
    const auto r = c.post(o.number, "refund", {{"amount", "20.00"}});
    EXPECT_TRUE(contains(r.body, "At most $19.99 can still be refunded"));
    EXPECT_EQ(c.refunded(o), 0);
    EXPECT_EQ(c.status(o), "paid");
    EXPECT_EQ(audit_count(*c.db, "order", o.id), 0);
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM order_refunds WHERE order_id = ?", o.id)->i64(0), 0);
}

TEST(AdminOrders, PartialThenFullRefundAddsUp) {
    Console c;
    const int64_t book = create_book(*c.db, stocked(1500, 10));
    const PaidOrder o = paid_order(*c.db, {{book, 2}});
    ASSERT_EQ(o.total, 3499) << "2 x 15.00 + 4.99 shipping";
    EXPECT_EQ(book_sell_count(*c.db, book), 2);

    auto r = c.post(o.number, "refund", {{"amount", "10"}, {"refund_note", "Scuffed cover"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(c.refunded(o), 1000);
    EXPECT_EQ(c.status(o), "paid") << "a partial refund leaves the order paid";
    EXPECT_EQ(book_sell_count(*c.db, book), 2);
    auto audit = last_audit(*c.db, "order", o.id);
    EXPECT_EQ(audit->action, "order.refund");
    EXPECT_EQ(audit->before, "{\"refunded\": \"$0.00\"}");
    EXPECT_EQ(audit->after, "{\"note\": \"Scuffed cover\", \"refund\": \"$10.00\", \"refunded\": \"$10.00\", \"restock\": \"no\"}");

    const std::string page = c.page(o.number);
    EXPECT_TRUE(contains(page, "value=\"24.99\"")) << "the form offers what is left";
    EXPECT_TRUE(contains(page, "Scuffed cover"));

    r = c.post(o.number, "refund", {{"amount", "24.99"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(c.refunded(o), 3499);
    EXPECT_EQ(c.status(o), "refunded");
    EXPECT_EQ(book_sell_count(*c.db, book), 0) << "a full refund takes the units out of sell_count";
    EXPECT_EQ(book_stock(*c.db, book), 8) << "no restock asked for";
    audit = last_audit(*c.db, "order", o.id);
    EXPECT_EQ(audit->before, "{\"refunded\": \"$10.00\", \"status\": \"paid\"}");
    EXPECT_EQ(audit->after, "{\"refund\": \"$24.99\", \"refunded\": \"$34.99\", \"restock\": \"no\", \"status\": \"refunded\"}");
    EXPECT_EQ(c.db->query_one("SELECT SUM(amount_cents) FROM order_refunds WHERE order_id = ?", o.id)->i64(0), 3499);

    r = c.post(o.number, "refund", {{"amount", "0.01"}});
    EXPECT_EQ(r.status, 422) << "nothing is left";
    EXPECT_EQ(audit_count(*c.db, "order", o.id), 2);
}

TEST(AdminOrders, RefundWithRestockReturnsTheStock) {
    Console c;
    const int64_t book = create_book(*c.db, stocked(1200, 10));
    const PaidOrder o = paid_order(*c.db, {{book, 3}});
    EXPECT_EQ(book_stock(*c.db, book), 7);

    // Stock goes back with a full refund only.
    auto r = c.post(o.number, "refund", {{"amount", "5.00"}, {"restock", "1"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "full refund only"));
    EXPECT_EQ(book_stock(*c.db, book), 7);
    EXPECT_EQ(c.refunded(o), 0);

    r = c.post(o.number, "refund", {{"amount", bf::format_plain_amount(o.total)}, {"restock", "1"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(book_stock(*c.db, book), 10);
    EXPECT_EQ(book_sell_count(*c.db, book), 0);
    EXPECT_EQ(c.status(o), "refunded");
    const auto audit = last_audit(*c.db, "order", o.id);
    EXPECT_NE(audit->after.find("\"restock\": \"yes\""), std::string::npos);
    EXPECT_EQ(c.db->query_one("SELECT restocked FROM order_refunds WHERE order_id = ?", o.id)->i64(0), 1);
}

TEST(AdminOrders, CancellingAPaidOrderRefundsAndRestocks) {
    Console c;
    const int64_t book = create_book(*c.db, stocked(1500, 4));
    const PaidOrder o = paid_order(*c.db, {{book, 2}});
    const auto unconfirmed = c.post(o.number, "cancel", {{"cancel_note", "Customer called"}});
    EXPECT_EQ(unconfirmed.status, 422) << "one click does not cancel and refund";
    EXPECT_TRUE(contains(unconfirmed.body, "Tick the box to confirm"));
    EXPECT_TRUE(contains(unconfirmed.body, "Yes, cancel this order and refund $34.99"));
    EXPECT_EQ(c.status(o), "paid");
    const auto r = c.post(o.number, "cancel", {{"cancel_note", "Customer called"}, {"confirm", "1"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(c.status(o), "cancelled");
    EXPECT_EQ(c.refunded(o), o.total);
    EXPECT_EQ(book_stock(*c.db, book), 4);
    const auto audit = last_audit(*c.db, "order", o.id);
    EXPECT_EQ(audit->action, "order.cancel");
    EXPECT_EQ(audit->before, "{\"refunded\": \"$0.00\", \"status\": \"paid\"}");
    EXPECT_EQ(audit->after, "{\"note\": \"Customer called\", \"refunded\": \"$34.99\", \"status\": \"cancelled\"}");
    const std::string page = c.page(o.number);
    EXPECT_TRUE(contains(page, "Customer called")) << "on the timeline";
    EXPECT_TRUE(contains(page, "This order is closed"));

    // A shipped order cannot be cancelled.
    const PaidOrder shipped = paid_order(*c.db, {{book, 1}});
    ASSERT_EQ(c.post(shipped.number, "status", {{"status", "shipped"}, {"carrier", "Post"}, {"tracking_number", "1"}}).status, 303);
    EXPECT_EQ(c.post(shipped.number, "cancel", {}).status, 409);
    EXPECT_EQ(c.status(shipped), "shipped");
}

TEST(AdminOrders, SearchByNumberEmailAndStatusInKeysetPages) {
    Console c;
    const int64_t book = create_book(*c.db, stocked(900, 20));
    const PaidOrder first = paid_order(*c.db, {{book, 1}});
    // A second order by the same buyer.
    HttpClient buyer;
    log_in_as(buyer, *c.db, first.buyer.id);
    ASSERT_EQ(add_to_cart(buyer, book, 1).status, 303);
    const std::string second = order_number_from(pay(buyer, payment_ref(checkout(buyer)), kCardSuccess));
    ASSERT_FALSE(second.empty());

    auto list = c.admin.get("/admin/orders?q=" + bf::url_encode(bf::to_upper(first.buyer.email)));
    ASSERT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, first.number));
    EXPECT_TRUE(contains(list.body, second));
    EXPECT_LT(list.body.find(second), list.body.find(first.number)) << "newest first";

    list = c.admin.get("/admin/orders?q=" + bf::to_lower(first.number));
    EXPECT_TRUE(contains(list.body, first.number));
    EXPECT_FALSE(contains(list.body, second));

    const int64_t second_id = c.db->query_one("SELECT id FROM orders WHERE number = ?", second)->i64(0);
    list = c.admin.get("/admin/orders?q=" + bf::url_encode(first.buyer.email) + "&before=" + std::to_string(second_id));
    EXPECT_TRUE(contains(list.body, first.number));
    EXPECT_FALSE(contains(list.body, second)) << "the next page starts below the marker";

    ASSERT_EQ(c.post(first.number, "status", {{"status", "processing"}}).status, 303);
    list = c.admin.get("/admin/orders?status=processing&q=" + bf::url_encode(first.buyer.email));
    EXPECT_TRUE(contains(list.body, first.number));
    EXPECT_FALSE(contains(list.body, second));

    list = c.admin.get("/admin/orders?q=somebody");
    EXPECT_EQ(list.status, 200);
    EXPECT_TRUE(contains(list.body, "whole email address"));
    EXPECT_EQ(c.admin.get("/admin/orders/ORD-19990101-00001").status, 404);
    EXPECT_EQ(c.admin.get("/admin/orders?before=x").status, 400);
}
