// Templates as the pages use them: auto-escaped, and what a visitor typed comes back intact.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

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
