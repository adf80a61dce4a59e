// Templates as the pages use them: auto-escaped, and what a visitor typed comes back intact.
#include <gtest/gtest.h>

#include "core/templates.h"

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

}  // namespace
