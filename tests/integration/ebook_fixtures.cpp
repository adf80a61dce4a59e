#include "ebook_fixtures.h"

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/crypto.h"

namespace bf::test {
namespace {

// Adds one entry from a string that outlives the archive's zip_close (kept in `keep`).
void add_entry(zip_t* z, const std::string& name, const std::string& text, bool stored) {
    zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
    const zip_int64_t index = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (index < 0) throw std::runtime_error("zip_file_add failed");
    if (stored) zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string csrf_or_origin(HttpClient& client, const std::string& page) {
    return csrf_from(client.get(page).body);
}

}  // namespace

std::string make_epub(const std::string& title) {
    const std::string dir = std::filesystem::temp_directory_path() / ("bf-epub-" + crypto::random_token(6));
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/book.epub";
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z) throw std::runtime_error("zip_open failed");
    const std::string mimetype = "application/epub+zip";
    const std::string container =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
        "  <rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>\n"
        "</container>\n";
    const std::string opf =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\">\n"
        "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        "    <dc:identifier id=\"uid\">urn:uuid:bookfair-test</dc:identifier>\n"
        "    <dc:title>" + title + "</dc:title>\n"
        "    <dc:language>en</dc:language>\n"
        "    <meta property=\"dcterms:modified\">2026-01-01T00:00:00Z</meta>\n"
        "  </metadata>\n"
        "  <manifest>\n"
        "    <item id=\"title\" href=\"title.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "    <item id=\"ch1\" href=\"chapter1.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
        "  </manifest>\n"
        "  <spine><itemref idref=\"title\"/><itemref idref=\"ch1\"/></spine>\n"
        "  <guide><reference type=\"title-page\" title=\"Title page\" href=\"title.xhtml\"/></guide>\n"
        "</package>\n";
    auto page = [&](const std::string& heading, const std::string& text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
               "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>" + heading + "</title></head>\n"
               "<body class=\"page\">\n<h1>" + heading + "</h1>\n<p>" + text + "</p>\n</body></html>\n";
    };
    const std::string title_page = page(title, "A novel.");
    std::string chapter_text;
    for (int i = 0; i < 200; ++i) chapter_text += "It was a quiet morning in the harbour town. ";
    const std::string chapter = page("Chapter 1", chapter_text);
    const std::string nav = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                            "xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>Contents</title></head><body>"
                            "<nav epub:type=\"toc\"><ol><li><a href=\"chapter1.xhtml\">Chapter 1</a></li></ol></nav>"
                            "</body></html>\n";
    add_entry(z, "mimetype", mimetype, true);
    add_entry(z, "META-INF/container.xml", container, false);
    add_entry(z, "OEBPS/content.opf", opf, false);
    add_entry(z, "OEBPS/title.xhtml", title_page, false);
    add_entry(z, "OEBPS/chapter1.xhtml", chapter, false);
    add_entry(z, "OEBPS/nav.xhtml", nav, false);
    if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
    std::string bytes = read_file(path);
    std::filesystem::remove_all(dir);
    return bytes;
}

std::string make_zip() {
    const std::string dir = std::filesystem::temp_directory_path() / ("bf-zip-" + crypto::random_token(6));
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/extras.zip";
    int error = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!z) throw std::runtime_error("zip_open failed");
    const std::string readme = "Maps and notes for the book.\n";
    const std::string map = make_png();
    add_entry(z, "readme.txt", readme, false);
    add_entry(z, "map.png", map, false);
    if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
    std::string bytes = read_file(path);
    std::filesystem::remove_all(dir);
    return bytes;
}

std::string make_pdf(size_t size) {
    std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                      "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n";
    std::string filler = "% " + crypto::random_token(12) + "\n";
    while (pdf.size() + 40 < size) pdf += filler;
    pdf += "trailer << /Root 1 0 R >>\n%%EOF\n";
    return pdf;
}

std::string make_png() {
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0", 29);
    png += std::string(200, '\x42');
    return png;
}

std::string ebooks_dir() { return config().get("ebooks_dir"); }

int64_t add_edition_file(db::Connection& db, int64_t book_id, const std::string& format, const std::string& bytes,
                         bool sample) {
    const std::string name = "books/" + std::to_string(book_id) + "/" + crypto::random_token(12) + "." + format;
    const std::string path = ebooks_dir() + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::filesystem::permissions(std::filesystem::path(path).parent_path(), std::filesystem::perms(0755));
    {
        std::ofstream out(path, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    std::filesystem::permissions(path, std::filesystem::perms(0644));
    db.exec("INSERT INTO edition_files (book_id, format, is_sample, version, stored_name, original_name, size_bytes, sha256,"
            " created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
            book_id, format, sample, name, "book." + format, static_cast<int64_t>(bytes.size()),
            db::Bytes{crypto::sha256(bytes)}, stack_now(), stack_now());
    return static_cast<int64_t>(db.last_insert_id());
}

Ebook create_ebook(db::Connection& db, Cents price, bool with_files, std::optional<int64_t> author_id, size_t pdf_size) {
    BookSpec spec;
    spec.author_id = author_id;
    Ebook e;
    e.book_id = create_book(db, spec);
    db.exec("INSERT INTO digital_editions (book_id, price_cents, created_at, updated_at) VALUES (?, ?, ?, ?)", e.book_id,
            price, stack_now(), stack_now());
    if (with_files) {
        e.epub = make_epub("The Harbour Test");
        e.pdf = make_pdf(pdf_size);
        e.epub_file = add_edition_file(db, e.book_id, "epub", e.epub);
        e.pdf_file = add_edition_file(db, e.book_id, "pdf", e.pdf);
    }
    return e;
}

HttpResponse upload(HttpClient& client, const std::string& page, const std::string& action,
                    const std::vector<std::pair<std::string, std::string>>& fields, const std::string& file_field,
                    const std::string& file_name, const std::string& bytes) {
    const std::string boundary = "----bookfair" + crypto::random_token(12);
    std::string body;
    auto part = [&](const std::string& name, const std::string& value) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    };
    part("_csrf", csrf_or_origin(client, page));
    for (const auto& [k, v] : fields) part(k, v);
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file_field + "\"; filename=\"" + file_name +
            "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return client.request("POST", action, body, "multipart/form-data; boundary=" + boundary);
}

HttpResponse add_ebook_to_cart(HttpClient& client, int64_t book_id) {
    return client.post_form("/cart/items", {{"_csrf", csrf_from(client.get("/cart").body)},
                                            {"book_id", std::to_string(book_id)},
                                            {"edition", "digital"}});
}

std::string buy_cart_of_ebooks(HttpClient& client) {
    const auto page = client.get("/checkout");
    const auto placed = client.post_form("/checkout", {{"_csrf", csrf_from(page.body)},
                                                       {"idempotency_key", idempotency_key_from(page.body)}});
    const std::string ref = payment_ref(placed);
    if (ref.empty()) return "";
    return order_number_from(pay(client, ref, kCardSuccess));
}

std::string signed_link(HttpClient& client, int64_t file_id) {
    const auto r = client.get("/library/files/" + std::to_string(file_id));
    return r.status == 303 ? r.header("location") : "";
}

HttpResponse download(HttpClient& client, int64_t file_id) {
    const std::string link = signed_link(client, file_id);
    if (link.empty()) return client.get("/library/files/" + std::to_string(file_id));
    return client.get(link);
}

}  // namespace bf::test
