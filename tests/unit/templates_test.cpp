// Templates as the pages use them: auto-escaped, and what a visitor typed comes back intact.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/templates.h"
#include "emails/order_notices.h"

namespace {

TEST(Templates, ATextareaKeepsTheLinesTypedAndEscapesMarkup) {
    bf::templates::set_root("templates");  // tests run in the source tree
    ctemplate::TemplateDictionary dict("textarea");
    dict.SetValue("ID", "description");
    dict.SetValue("NAME", "description");
    dict.SetValue("LABEL", "Description");
    dict.SetIntValue("ROWS", 6);
    dict.SetValue("VALUE", "First paragraph.\n\nSecond <b>one</b> & more.\r\n\tIndented.");
    const std::string html = bf::templates::render("partials/textarea.tpl", dict);
    EXPECT_NE(html.find(">First paragraph.\n\nSecond &lt;b&gt;one&lt;/b&gt; &amp; more.\r\n\tIndented.</textarea>"),
              std::string::npos)
        << html;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// ctemplate indents every line of an included template by the whitespace before an indented
// {{>INCLUDE}}, the lines of a textarea's value too: each save of a form would add that much before
// every line after the first. So no page may indent the include of a textarea partial. (Each page
// source names its textareas, add_textarea(dict, "NAME", ...), and the templates it renders.)
TEST(Templates, NoTextareaIncludeIsIndented) {
    const std::regex textarea(R"re(add_textarea\(\s*[^,]+,\s*"([A-Z0-9_]+)")re");
    const std::regex template_file(R"re("([a-z_/]+\.tpl)")re");
    int checked = 0;
    for (const auto& f : std::filesystem::directory_iterator("cgi-bin/pages")) {
        const std::string code = read_file(f.path());
        std::set<std::string> names, files;
        for (std::sregex_iterator m(code.begin(), code.end(), textarea), end; m != end; ++m) names.insert((*m)[1]);
        for (std::sregex_iterator m(code.begin(), code.end(), template_file), end; m != end; ++m) files.insert((*m)[1]);
        for (const auto& file : names.empty() ? std::set<std::string>{} : files) {
            std::istringstream lines(read_file("templates/" + file));
            std::string line;
            for (int n = 1; std::getline(lines, line); ++n)
                for (const auto& name : names) {
                    const size_t at = line.find("{{>" + name + "}}");
                    if (at == std::string::npos) continue;
                    ++checked;
                    EXPECT_FALSE(at > 0 && line.find_first_not_of(" \t") == at)
                        << file << ":" << n << " indents {{>" << name << "}} (" << f.path() << "): start the line with it";
                }
        }
    }
    EXPECT_GE(checked, 4) << "the book, category and review forms were found";
}

}  // namespace

// Every order notice renders in the shared layout: logo, the shop's address and support contact
// from the configuration, and a plain-text part with the same footer.
TEST(Templates, OrderNoticesRenderInTheSharedEmailLayout) {
    bf::templates::set_root("templates");
    const auto config = bf::Config::from_map({{"base_url", "https://shop.example"},
                                              {"shop_address", "12 Paper Lane, Springfield"},
                                              {"support_email", "help@shop.example"},
                                              {"tracking_url", "https://track.example/{carrier}/{number}"}});
    bf::templates::set_shop_identity(config);
    const auto compose = bf::emails::order_notice_composer(config);
    bf::store::Order o;
    o.number = "ORD-20261207-00001";
    o.buyer_name = "Ada <Reader>";
    o.buyer_email = "ada@example.com";
    o.currency = "USD";
    o.total = 2499;
    o.refunded = 1000;
    o.carrier = "Parcel Way";
    o.tracking_number = "PW 1/2";
    o.items.push_back({1, 1, 1, "The Lantern Keepers", std::nullopt, std::nullopt, 1999, 1, 0, 1999});
    using N = bf::store::OrderNotice;
    for (const auto notice : {N::Shipped, N::Refunded, N::Cancelled, N::PaymentExpired}) {
        const auto m = compose(o, notice, notice == N::Refunded ? 1000 : 0);
        SCOPED_TRACE(m.subject);
        EXPECT_EQ(m.recipient, "ada@example.com");
        EXPECT_NE(m.subject.find("ORD-20261207-00001"), std::string::npos);
        EXPECT_NE(m.html.find("<img src=\"https://shop.example/static/img/logo-email.png\""), std::string::npos) << m.html;
        EXPECT_NE(m.html.find("Ada &lt;Reader&gt;"), std::string::npos) << "escaped in HTML";
        for (const auto* part : {&m.html, &m.text}) {
            EXPECT_NE(part->find("12 Paper Lane, Springfield"), std::string::npos) << *part;
            EXPECT_NE(part->find("help@shop.example"), std::string::npos) << *part;
        }
        EXPECT_NE(m.text.find("Hello Ada <Reader>,"), std::string::npos) << "plain in text";
    }
    const auto shipped = compose(o, N::Shipped, 0);
    EXPECT_NE(shipped.text.find("https://track.example/Parcel%20Way/PW%201%2F2"), std::string::npos) << shipped.text;
    EXPECT_EQ(compose(o, N::Refunded, 1000).subject, "$10.00 refunded for your Bookfair order ORD-20261207-00001");
    EXPECT_NE(compose(o, N::Refunded, 1000).text.find("We have refunded $10.00 for your order"), std::string::npos);
    EXPECT_NE(compose(o, N::Cancelled, 0).text.find("Nothing was charged"), std::string::npos);
    EXPECT_NE(compose(o, N::Cancelled, 2499).text.find("We have refunded $24.99"), std::string::npos);
}
