#include "core/templates.h"

#include <cstring>
#include <memory>
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

void set_shop_identity(const Config& config) {
    using D = ctemplate::TemplateDictionary;
    D::SetGlobalValue("SHOP_NAME", config.get("shop_name", "Bookfair"));
    D::SetGlobalValue("SHOP_URL", config.get("base_url", "http://127.0.0.1:8080"));
    D::SetGlobalValue("SHOP_ADDRESS", config.get("shop_address", "Bookfair, 1 Market Street, Springfield"));
    D::SetGlobalValue("SUPPORT_EMAIL", config.get("support_email", "support@bookfair.test"));
}

EmailParts render_email(const std::string& name, const ctemplate::TemplateDictionary& dict) {
    // The layout's pieces join a copy: callers keep passing a finished, const dictionary. (MakeCopy
    // only reads, but ctemplate did not mark it const.)
    std::unique_ptr<ctemplate::TemplateDictionary> d(const_cast<ctemplate::TemplateDictionary&>(dict).MakeCopy(name));
    if (!d) throw std::runtime_error("email " + name + ": dictionary could not be copied");
    add_email_layout(*d);
    return render_email_with_layout(name, *d);
}

void add_email_layout(ctemplate::TemplateDictionary& dict) {
    dict.AddIncludeDictionary("EMAIL_TOP")->SetFilename("emails/layout/top.html.tpl");
    dict.AddIncludeDictionary("EMAIL_BOTTOM")->SetFilename("emails/layout/bottom.html.tpl");
    dict.AddIncludeDictionary("EMAIL_FOOTER")->SetFilename("emails/layout/footer.txt.tpl");
}

EmailParts render_email_with_layout(const std::string& name, const ctemplate::TemplateDictionary& dict) {
    EmailParts e;
    e.subject = render("emails/" + name + ".subject.tpl", dict);
    while (!e.subject.empty() && (e.subject.back() == '\n' || e.subject.back() == '\r')) e.subject.pop_back();
    e.text = render("emails/" + name + ".txt.tpl", dict);
    e.html = render("emails/" + name + ".html.tpl", dict);
    return e;
}

}  // namespace bf::templates
