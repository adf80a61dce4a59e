#pragma once
// ctemplate behind two calls: where templates live, and render one with a dictionary.
#include <ctemplate/template.h>

#include <string>

#include "core/config.h"

namespace bf::templates {

// A variable, section or include name whose ctemplate id is worked out once, when it is declared.
// ctemplate hashes a name given as a plain string on every SetValue, ShowSection or
// AddSectionDictionary and looks it up twice in its process-wide name table under a read lock;
// pages that fill hundreds of values (a listing of 20 book cards) spent a fifth of the worker's
// time there, its 8 threads taking turns at that lock. A Name skips both.
// Declare them once, at namespace scope, from string literals (ctemplate keeps the pointer):
//     const templates::Name kTitle("TITLE");
//     dict.SetValue(kTitle, book.title);
class Name {
public:
    explicit Name(const char* literal);
    operator ctemplate::TemplateString() const { return ctemplate::TemplateString(name_); }

private:
    ctemplate::StaticTemplateString name_;
};

void set_root(const std::string& dir);
// Renders a template file (relative to the root); throws std::runtime_error when it is missing or broken.
std::string render(const std::string& file, const ctemplate::TemplateDictionary& dict);

// Who the shop is, as every email's header and footer says it (ctemplate global values, set once
// before threads start): SHOP_NAME (shop_name), SHOP_URL (base_url), SHOP_ADDRESS (shop_address),
// SUPPORT_EMAIL (support_email).
void set_shop_identity(const Config& config);

// An email's three parts from emails/NAME.subject.tpl, NAME.txt.tpl and NAME.html.tpl, one dictionary.
// Every email shares one layout: the HTML part opens with {{>EMAIL_TOP}} (logo) and ends with
// {{>EMAIL_BOTTOM}} (footer), the text part ends with {{>EMAIL_FOOTER}} (emails/layout/).
struct EmailParts {
    std::string subject;  // one line: trailing line breaks removed
    std::string text;
    std::string html;
};
EmailParts render_email(const std::string& name, const ctemplate::TemplateDictionary& dict);

// The same email to many recipients without a copy of the dictionary each time (a digest's 50 books
// are filled once, not once per reader): add the layout's includes to the shared dictionary once,
// then set each recipient's own values and render it again with render_email_with_layout.
void add_email_layout(ctemplate::TemplateDictionary& dict);
EmailParts render_email_with_layout(const std::string& name, const ctemplate::TemplateDictionary& dict);

}  // namespace bf::templates
