#pragma once
// ctemplate behind two calls: where templates live, and render one with a dictionary.
#include <ctemplate/template.h>

#include <string>

namespace bf::templates {

void set_root(const std::string& dir);
// Renders a template file (relative to the root); throws std::runtime_error when it is missing or broken.
std::string render(const std::string& file, const ctemplate::TemplateDictionary& dict);

}  // namespace bf::templates
