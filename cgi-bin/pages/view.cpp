#include "pages/view.h"

namespace bf::pages {

View::View(const std::string& template_file, std::string title)
    : layout_(std::make_unique<ctemplate::TemplateDictionary>("layout")), title_(std::move(title)) {
    page_ = layout_->AddIncludeDictionary("CONTENT");
    page_->SetFilename(template_file);
}

void add_field(ctemplate::TemplateDictionary& dict, const std::string& include_name, const Field& field,
               const FormState& state) {
    ctemplate::TemplateDictionary* d = dict.AddIncludeDictionary(include_name);
    d->SetFilename("partials/field.tpl");
    d->SetValue("ID", "field-" + field.name);
    d->SetValue("NAME", field.name);
    d->SetValue("LABEL", field.label);
    d->SetValue("TYPE", field.type);
    d->SetValue("AUTOCOMPLETE", field.autocomplete);
    if (field.max_length > 0) d->SetValueAndShowSection("MAXLENGTH", std::to_string(field.max_length), "HAS_MAXLENGTH");
    if (field.keep_value) {
        const auto v = state.values.find(field.name);
        if (v != state.values.end()) d->SetValue("VALUE", v->second);
    }
    if (field.required) d->ShowSection("REQUIRED");
    if (!field.hint.empty()) d->SetValueAndShowSection("HINT_TEXT", field.hint, "HINT");
    const auto e = state.errors.find(field.name);
    if (e != state.errors.end()) d->SetValueAndShowSection("ERROR", e->second, "HAS_ERROR");
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
