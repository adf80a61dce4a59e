#pragma once
// CSV fields for downloads (RFC 4180) that spreadsheets open safely.
#include <string>

namespace bf {

// A field with a comma, quote, CR or LF is quoted, quotes doubled. A text that a spreadsheet would run
// as a formula (=, +, -, @ first) gets a leading apostrophe; `text` false leaves numbers alone.
std::string csv_field(const std::string& s, bool text);

}  // namespace bf
