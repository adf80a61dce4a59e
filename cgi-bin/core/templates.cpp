#include "core/templates.h"

#include <cstring>
#include <stdexcept>

namespace bf::templates {

// What ctemplate's own STS_INIT does for a name known at compile time: compute the id and enter
// the name in the global table, once.
Name::Name(const char* literal) : name_{{literal, std::strlen(literal), 0}} {
    ctemplate::StaticTemplateStringInitializer enter(&name_);
}

void set_root(const std::string& dir) { ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir); }

std::string render(const std::string& file, const ctemplate::TemplateDictionary& dict) {
    std::string out;
    // Templates are loaded once and then served from ctemplate's thread-safe cache.
    if (!ctemplate::ExpandTemplate(file, ctemplate::DO_NOT_STRIP, &dict, &out))
        throw std::runtime_error("template " + file + " could not be rendered");
    return out;
}

EmailParts render_email(const std::string& name, const ctemplate::TemplateDictionary& dict) {
    EmailParts e;
    e.subject = render("emails/" + name + ".subject.tpl", dict);
    while (!e.subject.empty() && (e.subject.back() == '\n' || e.subject.back() == '\r')) e.subject.pop_back();
    e.text = render("emails/" + name + ".txt.tpl", dict);
    e.html = render("emails/" + name + ".html.tpl", dict);
    return e;
}

}  // namespace bf::templates
