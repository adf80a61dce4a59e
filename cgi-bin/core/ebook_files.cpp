#include "core/ebook_files.h"

#include <sys/stat.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "core/crypto.h"
#include "core/templates.h"

namespace bf::ebooks {
namespace {

constexpr std::string_view kEpubMediaType = "application/epub+zip";

struct ZipCloser {
    void operator()(zip_t* z) const {
        if (z) zip_discard(z);
    }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;

// An archive over bytes in memory (read only); null when libzip cannot read it as a ZIP.
Zip open_buffer(std::string_view data) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(data.data(), data.size(), 0, &error);
    if (!source) return nullptr;
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(source);
        return nullptr;
    }
    return Zip(archive);
}

std::optional<std::string> read_entry(zip_t* z, zip_int64_t index) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, static_cast<zip_uint64_t>(index), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return std::nullopt;
    if (st.size > (64u << 20)) return std::nullopt;  // no text entry of a book is this large
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(index), 0);
    if (!f) return std::nullopt;
    std::string out(st.size, '\0');
    const zip_int64_t n = zip_fread(f, out.data(), st.size);
    zip_fclose(f);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) return std::nullopt;
    return out;
}

std::optional<std::string> read_named(zip_t* z, const std::string& name) {
    const zip_int64_t index = zip_name_locate(z, name.c_str(), 0);
    if (index < 0) return std::nullopt;
    return read_entry(z, index);
}

// The value of attribute `name` in the tag text `tag` ("<item id=... href=...>"), or "".
std::string attribute(std::string_view tag, std::string_view name) {
    size_t at = 0;
    while ((at = tag.find(name, at)) != std::string_view::npos) {
        const bool starts = at > 0 && (tag[at - 1] == ' ' || tag[at - 1] == '\t' || tag[at - 1] == '\n' || tag[at - 1] == '\r');
        size_t p = at + name.size();
        while (p < tag.size() && tag[p] == ' ') ++p;
        if (starts && p < tag.size() && tag[p] == '=') {
            ++p;
            while (p < tag.size() && tag[p] == ' ') ++p;
            if (p < tag.size() && (tag[p] == '"' || tag[p] == '\'')) {
                const char quote = tag[p];
                const size_t end = tag.find(quote, p + 1);
                if (end != std::string_view::npos) return std::string(tag.substr(p + 1, end - p - 1));
            }
        }
        at += name.size();
    }
    return "";
}

// Each start tag whose name ends in `local` (so "item" and "opf:item" both match), in document order.
template <typename F>
void each_tag(std::string_view doc, std::string_view local, F&& visit) {
    size_t at = 0;
    while ((at = doc.find('<', at)) != std::string_view::npos) {
        const size_t end = doc.find('>', at);
        if (end == std::string_view::npos) return;
        size_t name_end = at + 1;
        while (name_end < end && doc[name_end] != ' ' && doc[name_end] != '/' && doc[name_end] != '\t' &&
               doc[name_end] != '\n' && doc[name_end] != '\r')
            ++name_end;
        const std::string_view name = doc.substr(at + 1, name_end - at - 1);
        const bool match = name == local || (name.size() > local.size() && name[name.size() - local.size() - 1] == ':' &&
                                              name.substr(name.size() - local.size()) == local);
        if (match && !visit(doc.substr(at, end - at + 1))) return;
        at = end;
    }
}

// Where the end tag "</...local>" begins, or npos.
size_t end_tag(std::string_view doc, std::string_view local) {
    size_t at = 0;
    while ((at = doc.find("</", at)) != std::string_view::npos) {
        const size_t end = doc.find('>', at);
        if (end == std::string_view::npos) return std::string_view::npos;
        std::string_view name = doc.substr(at + 2, end - at - 2);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name == local || (name.size() > local.size() && name[name.size() - local.size() - 1] == ':' &&
                              name.substr(name.size() - local.size()) == local))
            return at;
        at = end;
    }
    return std::string_view::npos;
}

std::string package_path(zip_t* z) {
    const auto container = read_named(z, "META-INF/container.xml");
    if (!container) return "";
    std::string path;
    each_tag(*container, "rootfile", [&](std::string_view tag) {
        path = attribute(tag, "full-path");
        return path.empty();
    });
    return path;
}

std::string percent_decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// An href of the package document as an entry name: relative to the package's folder, no fragment.
std::string resolve(const std::string& package, const std::string& href) {
    std::string h = percent_decode(href.substr(0, href.find('#')));
    const size_t slash = package.rfind('/');
    std::filesystem::path p = std::filesystem::path(slash == std::string::npos ? "" : package.substr(0, slash)) / h;
    return p.lexically_normal().generic_string();
}

// The title page: the guide's title-page reference, else the first item of the spine.
std::string title_page(const std::string& package, const std::string& opf) {
    std::string href;
    each_tag(opf, "reference", [&](std::string_view tag) {
        const std::string type = attribute(tag, "type");
        if (type == "title-page" || type == "titlepage") href = attribute(tag, "href");
        return href.empty();
    });
    if (href.empty()) {
        std::string first;
        each_tag(opf, "itemref", [&](std::string_view tag) {
            first = attribute(tag, "idref");
            return first.empty();
        });
        each_tag(opf, "item", [&](std::string_view tag) {
            if (attribute(tag, "id") == first) href = attribute(tag, "href");
            return href.empty();
        });
    }
    return href.empty() ? "" : resolve(package, href);
}

}  // namespace

std::string ebooks_dir(const Config& config) {
    return config.get("ebooks_dir",
                      (std::filesystem::path(config.get("uploads_dir", "var/uploads")).parent_path() / "ebooks").string());
}

const char* format_name(Format f) {
    switch (f) {
        case Format::Epub: return "epub";
        case Format::Pdf: return "pdf";
        case Format::Mobi: return "mobi";
        default: return "zip";
    }
}

const char* format_label(Format f) {
    switch (f) {
        case Format::Epub: return "EPUB";
        case Format::Pdf: return "PDF";
        case Format::Mobi: return "MOBI (Kindle)";
        default: return "ZIP of extras";
    }
}

const char* format_extension(Format f) { return format_name(f); }

const char* format_media_type(Format f) {
    switch (f) {
        case Format::Epub: return "application/epub+zip";
        case Format::Pdf: return "application/pdf";
        case Format::Mobi: return "application/x-mobipocket-ebook";
        default: return "application/zip";
    }
}

std::optional<Format> parse_format(const std::string& name) {
    for (Format f : {Format::Epub, Format::Pdf, Format::Mobi, Format::Zip})
        if (name == format_name(f)) return f;
    return std::nullopt;
}

std::string check_content(Format format, std::string_view data) {
    switch (format) {
        case Format::Pdf:
            return data.substr(0, 5) == "%PDF-" ? "" : "This file is not a PDF (a PDF starts with “%PDF-”), whatever its name says.";
        case Format::Mobi:
            return data.size() > 68 && data.substr(60, 8) == "BOOKMOBI" ? ""
                                                                        : "This file is not a MOBI ebook, whatever its name says.";
        case Format::Zip:
            return open_buffer(data) ? "" : "This file is not a ZIP archive, whatever its name says.";
        case Format::Epub: break;
    }
    const Zip z = open_buffer(data);
    if (!z) return "This file is not an EPUB: an EPUB is a ZIP archive, and this is not one, whatever its name says.";
    zip_stat_t first;
    zip_stat_init(&first);
    if (zip_get_num_entries(z.get(), 0) < 1 || zip_stat_index(z.get(), 0, 0, &first) != 0 || !first.name ||
        std::string_view(first.name) != "mimetype")
        return "This ZIP is not an EPUB: its first entry must be the file “mimetype”.";
    if ((first.valid & ZIP_STAT_COMP_METHOD) && first.comp_method != ZIP_CM_STORE)
        return "This EPUB's “mimetype” entry is compressed; EPUB readers need it stored uncompressed.";
    const auto mimetype = read_entry(z.get(), 0);
    if (!mimetype || *mimetype != kEpubMediaType)
        return "This ZIP is not an EPUB: its “mimetype” entry must say application/epub+zip.";
    const std::string package = package_path(z.get());
    if (package.empty()) return "This EPUB has no META-INF/container.xml naming its package document.";
    if (zip_name_locate(z.get(), package.c_str(), 0) < 0) return "This EPUB's package document (" + package + ") is missing.";
    return "";
}

void write_personal_copy(const std::string& source, const std::string& target, const Licensee& who) {
    namespace fs = std::filesystem;
    fs::create_directories(fs::path(target).parent_path());
    const std::string tmp = target + ".tmp-" + crypto::random_token(8);
    fs::copy_file(source, tmp, fs::copy_options::overwrite_existing);
    struct Cleanup {
        const std::string& path;
        bool keep = false;
        ~Cleanup() {
            if (!keep) std::remove(path.c_str());
        }
    } cleanup{tmp};

    int error = 0;
    Zip z(zip_open(tmp.c_str(), 0, &error));
    if (!z) throw std::runtime_error("cannot open the EPUB " + source + " (libzip error " + std::to_string(error) + ")");
    const std::string package = package_path(z.get());
    const auto opf = package.empty() ? std::nullopt : read_named(z.get(), package);
    if (!opf) throw std::runtime_error("the EPUB " + source + " has no package document");
    ctemplate::TemplateDictionary licence("licence");
    licence.SetValue("NAME", who.name);
    licence.SetValue("ORDER", who.order_number);

    // The package document: <dc:rights> just before the end of <metadata>.
    std::string new_opf = *opf;
    const size_t metadata_end = end_tag(new_opf, "metadata");
    if (metadata_end == std::string::npos) throw std::runtime_error("the EPUB's package document has no metadata");
    new_opf.insert(metadata_end, templates::render("library/licence_rights.xml.tpl", licence));

    // The title page: a paragraph first in <body>.
    const std::string page_name = title_page(package, *opf);
    std::optional<std::string> page = page_name.empty() ? std::nullopt : read_named(z.get(), page_name);
    std::string new_page;
    if (page) {
        new_page = *page;
        size_t body = std::string::npos;
        each_tag(new_page, "body", [&](std::string_view tag) {
            body = static_cast<size_t>(tag.data() - new_page.data()) + tag.size();
            return false;
        });
        if (body == std::string::npos) page.reset();
        else new_page.insert(body, templates::render("library/licence_page.xhtml.tpl", licence));
    }

    auto replace = [&](const std::string& name, const std::string& content) {
        const zip_int64_t index = zip_name_locate(z.get(), name.c_str(), 0);
        zip_source_t* src = zip_source_buffer(z.get(), content.data(), content.size(), 0);
        if (index < 0 || !src || zip_file_replace(z.get(), static_cast<zip_uint64_t>(index), src, ZIP_FL_ENC_UTF_8) != 0) {
            if (src) zip_source_free(src);
            throw std::runtime_error("cannot rewrite " + name + " in the EPUB: " + zip_strerror(z.get()));
        }
    };
    replace(package, new_opf);
    if (page) replace(page_name, new_page);
    // The buffers above are read when the archive is written: they outlive zip_close.
    if (zip_close(z.get()) != 0) throw std::runtime_error(std::string("cannot write the personal EPUB: ") + zip_strerror(z.get()));
    z.release();
    ::chmod(tmp.c_str(), 0644);
    fs::rename(tmp, target);
    cleanup.keep = true;
}

}  // namespace bf::ebooks
