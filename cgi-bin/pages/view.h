#pragma once
// A page to render: its template inside layout.tpl, and the dictionary that fills it.
#include <ctemplate/template.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace bf::pages {

class View {
public:
    View(const std::string& template_file, std::string title);
    ctemplate::TemplateDictionary& page() { return *page_; }
    ctemplate::TemplateDictionary& layout() { return *layout_; }
    const std::string& title() const { return title_; }
    int status = 200;
    bool has_form = false;  // anonymous pages without forms set no cookie (and stay cacheable)
    // The same page for every visitor (a flash sale's "sold out"): rendered as for a visitor without a
    // session (no name, cart or CSRF token in it), so a shared cache may hand it to anyone.
    bool shared = false;
    // What search engines and link previews show (layout.tpl's <meta> tags): a sentence or two
    // about the page (empty: the shop's own), a picture (a path or URL; empty: the logo) and the
    // OpenGraph type.
    std::string description;
    std::string image;
    std::string og_type = "website";

private:
    std::unique_ptr<ctemplate::TemplateDictionary> layout_;
    ctemplate::TemplateDictionary* page_;
    std::string title_;
};

// One labelled input, rendered by partials/field.tpl with its value and message.
struct Field {
    std::string name;
    std::string label;
    std::string type = "text";
    std::string autocomplete = "off";
    std::string hint;
    bool required = true;
    bool keep_value = true;  // false for passwords: never echoed back
    int max_length = 0;
};

// A submitted form's values and the message for each wrong field.
struct FormState {
    std::map<std::string, std::string> values;
    std::map<std::string, std::string> errors;
};

void add_field(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
               const FormState& state);
// A <textarea> (partials/textarea.tpl) and a <select> (partials/select.tpl) with the same label,
// hint and error handling as add_field. Options are value and label pairs.
void add_textarea(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
                  const FormState& state, int rows);
void add_select(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
                const std::vector<std::pair<std::string, std::string>>& options, const FormState& state);
// Plain text as paragraphs (sections PARAGRAPH, each with TEXT): blank lines separate them.
void add_paragraphs(ctemplate::TemplateDictionary& dict, const std::string& text);

// A checkbox (partials/checkbox.tpl, value "1") with its message: a "yes, do it" that an irreversible
// action asks for (no script needed), or any on/off choice.
void add_checkbox(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
                  const FormState& state);
// Shows the "please correct" summary when there are errors.
void add_form_errors(ctemplate::TemplateDictionary& dict, const FormState& state);

}  // namespace bf::pages
