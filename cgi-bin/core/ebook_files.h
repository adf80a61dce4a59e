#pragma once
// Ebook files by their content, never their name (libzip reads the ZIP containers), and the personal
// copy of an EPUB: the buyer's name and order number on a line of the title page and in the package
// document's metadata, written with libzip so the container stays valid (mimetype first, stored).
#include <optional>
#include <string>
#include <string_view>

#include "core/config.h"

namespace bf::ebooks {

// Where ebook files and personal copies live: `ebooks_dir`, or (an install older than ebooks) "ebooks"
// beside uploads_dir.
std::string ebooks_dir(const Config& config);

enum class Format { Epub, Pdf, Mobi, Zip };

const char* format_name(Format f);                          // "epub", "pdf", "mobi", "zip" (as stored)
const char* format_label(Format f);                         // "EPUB", "PDF", "MOBI (Kindle)", "ZIP of extras"
const char* format_extension(Format f);                     // "epub", ...
const char* format_media_type(Format f);                    // "application/epub+zip", ...
std::optional<Format> parse_format(const std::string& name);

// "" when `data` really is a file of `format`, else why not, in words for the author:
// EPUB: a ZIP whose first entry is an uncompressed `mimetype` holding "application/epub+zip", with
// META-INF/container.xml naming a package document that is in the archive.
// PDF: starts with "%PDF-". MOBI: "BOOKMOBI" at offset 60. ZIP: any archive libzip can open.
std::string check_content(Format format, std::string_view data);

struct Licensee {
    std::string name;          // the buyer's display name
    std::string order_number;  // ORD-YYYYMMDD-NNNNN
};

// Writes a personal copy of the EPUB at `source` to `target` (through a temporary file and a rename):
// a <dc:rights> element in the package metadata and a paragraph at the top of the title page (the
// guide's title-page reference, else the first spine item), both rendered by ctemplate from
// templates/library/licence_*.tpl: "Licensed to NAME (order ORD-...). Please do not share this copy."
// Entries keep their order and compression; the changed ones are written anew. Throws
// std::runtime_error when the EPUB cannot be read.
void write_personal_copy(const std::string& source, const std::string& target, const Licensee& who);

}  // namespace bf::ebooks
