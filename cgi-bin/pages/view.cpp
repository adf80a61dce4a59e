#include "pages/view.h"

#include "core/templates.h"
#include "core/text.h"

namespace bf::pages {

namespace {
const templates::Name kContent("CONTENT");
}  // namespace

View::View(const std::string& template_file, std::string title)
    : layout_(std::make_unique<ctemplate::TemplateDictionary>("layout")), title_(std::move(title)) {
    page_ = layout_->AddIncludeDictionary(kContent);
    page_->SetFilename(template_file);
}

namespace {

// The parts every kind of input shares: id, name, label, hint, required and the error.
ctemplate::TemplateDictionary* add_control(ctemplate::TemplateDictionary& dict, const std::string& include_name,
                                           const std::string& file, const Field& field, const FormState& state) {
    ctemplate::TemplateDictionary* d = dict.AddIncludeDictionary(include_name);
    d->SetFilename(file);
    d->SetValue("ID", "field-" + field.name);
    d->SetValue("NAME", field.name);
    d->SetValue("LABEL", field.label);
    if (field.required) d->ShowSection("REQUIRED");
    if (!field.hint.empty()) d->SetValueAndShowSection("HINT_TEXT", field.hint, "HINT");
    const auto e = state.errors.find(field.name);
    if (e != state.errors.end()) d->SetValueAndShowSection("ERROR", e->second, "HAS_ERROR");
    return d;
}

std::string value_of(const FormState& state, const std::string& name) {
    const auto v = state.values.find(name);
    return v == state.values.end() ? "" : v->second;
}

}  // namespace

void add_field(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
               const FormState& state) {
    auto* d = add_control(dict, include_name, "partials/field.tpl", field, state);
    d->SetValue("TYPE", field.type);
    d->SetValue("AUTOCOMPLETE", field.autocomplete);
    if (field.max_length > 0) d->SetValueAndShowSection("MAXLENGTH", std::to_string(field.max_length), "HAS_MAXLENGTH");
    if (field.keep_value) d->SetValue("VALUE", value_of(state, field.name));
}

void add_textarea(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
                  const FormState& state, int rows) {
    auto* d = add_control(dict, include_name, "partials/textarea.tpl", field, state);
    d->SetIntValue("ROWS", rows);
    if (field.max_length > 0) d->SetValueAndShowSection("MAXLENGTH", std::to_string(field.max_length), "HAS_MAXLENGTH");
    d->SetValue("VALUE", value_of(state, field.name));
}

void add_checkbox(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
                  const FormState& state) {
    auto* d = add_control(dict, include_name, "partials/checkbox.tpl", field, state);
    if (value_of(state, field.name) == "1") d->ShowSection("CHECKED");
}

void add_select(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
                const std::vector<std::pair<std::string, std::string>>& options, const FormState& state) {
    auto* d = add_control(dict, include_name, "partials/select.tpl", field, state);
    const std::string chosen = value_of(state, field.name);
    for (const auto& [value, label] : options) {
        auto* o = d->AddSectionDictionary("OPTION");
        o->SetValue("VALUE", value);
        o->SetValue("LABEL", label);
        if (value == chosen) o->ShowSection("SELECTED");
    }
}

void add_paragraphs(ctemplate::TemplateDictionary& dict, const std::string& typed) {
    // Browsers send a textarea's line breaks as CRLF: a blank line is "\r\n\r\n" then.
    std::string text;
    for (char c : typed)
        if (c != '\r') text += c;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find("\n\n", start);
        if (end == std::string::npos) end = text.size();
        const std::string paragraph = trim(std::string_view(text).substr(start, end - start));
        if (!paragraph.empty()) dict.AddSectionDictionary("PARAGRAPH")->SetValue("TEXT", paragraph);
        start = end + 2;
    }
}

void add_form_errors(ctemplate::TemplateDictionary& dict, const FormState& state) {
    if (state.errors.empty()) return;
    ctemplate::TemplateDictionary* summary = dict.AddIncludeDictionary("FORM_ERRORS");
    summary->SetFilename("partials/form_errors.tpl");
    const size_t n = state.errors.size();
    summary->SetValue("MESSAGE", n == 1 ? std::string("Please correct the field marked below.")
                                        : "Please correct the " + std::to_string(n) + " fields marked below.");
}

}  // namespace bf::pages
