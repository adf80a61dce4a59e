#pragma once
// ctemplate behind two calls: where templates live, and render one with a dictionary.
#include <ctemplate/template.h>

#include <string>

namespace bf::templates {

void set_root(const std::string& dir);
// Renders a template file (relative to the root); throws std::runtime_error when it is missing or broken.
std::string render(const std::string& file, const ctemplate::TemplateDictionary& dict);

// An email's three parts from emails/NAME.subject.tpl, NAME.txt.tpl and NAME.html.tpl, one dictionary.
struct EmailParts {
    std::string subject;  // one line: trailing line breaks removed
    std::string text;
    std::string html;
};
EmailParts render_email(const std::string& name, const ctemplate::TemplateDictionary& dict);

}  // namespace bf::templates
