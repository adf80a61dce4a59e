// Issue #12.11: text is shortened on character boundaries, so long non-ASCII notes are kept, not a 500.
#include <gtest/gtest.h>

#include "admin_fixtures.h"
#include "core/text.h"

using namespace bf::test;

TEST(SecurityAdmin, LongNonAsciiNotesAreCutOnCharacterBoundaries) {
    AdminConsole c;
    const int64_t book = create_book(*c.db, stocked(1500, 4));
    std::string accents;
    for (int i = 0; i < 399; ++i) accents += "\xC3\xA9";  // é
    // One of the two notes is cut mid-character by a byte count, whatever the prefix before it.
    for (const std::string& note : {accents, "x" + accents.substr(2)}) {
        const PaidOrder o = paid_order(*c.db, {{book, 1}});
        const std::string page = c.admin.get("/admin/orders/" + o.number).body;
        const auto r = c.admin.post_form("/admin/orders/" + o.number + "/cancel",
                                         {{"cancel_note", note}, {"confirm", "1"}, {"_csrf", csrf_from(page)}});
        EXPECT_EQ(r.status, 303) << r.body.substr(0, 300);
        const auto event = c.db->query_one(
            "SELECT note FROM order_events WHERE order_id = ? ORDER BY id DESC LIMIT 1", o.id);
        ASSERT_TRUE(event.has_value());
        EXPECT_TRUE(bf::is_valid_utf8(event->str(0)));
        EXPECT_EQ(order_status(*c.db, o.number), "cancelled");
    }
}
