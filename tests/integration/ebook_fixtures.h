#pragma once
// Test data for the ebook tests (issue #19): real EPUB, PDF and PNG bytes, a book with a digital
// edition, uploads through the author's dashboard and downloads through nginx.
#include <optional>
#include <string>

#include "buying_fixtures.h"

namespace bf::test {

// A small but complete EPUB 3 (made with libzip): mimetype first and stored, META-INF/container.xml,
// a package document with a guide's title page, a title page and one chapter.
std::string make_epub(const std::string& title);
// A plain ZIP (a readme and an image): a fine ZIP of extras, and no EPUB.
std::string make_zip();
// A minimal PDF ("%PDF-1.4" ... "%%EOF") of about `size` bytes.
std::string make_pdf(size_t size = 2000);
// The first bytes of a PNG image and some more.
std::string make_png();

// A published book (by `author_id`) with a digital edition at `price` and, when given, its files
// written straight into ebooks_dir and edition_files (as an upload would leave them).
struct Ebook {
    int64_t book_id = 0;
    int64_t epub_file = 0, pdf_file = 0;
    std::string epub, pdf;  // the files' bytes
};
Ebook create_ebook(db::Connection& db, Cents price = 699, bool with_files = true,
                   std::optional<int64_t> author_id = std::nullopt, size_t pdf_size = 2000);
// Writes a file for the book into ebooks_dir and records it (version 1); returns its id.
int64_t add_edition_file(db::Connection& db, int64_t book_id, const std::string& format, const std::string& bytes,
                         bool sample = false);
std::string ebooks_dir();

// POST multipart/form-data to `action` with the CSRF token of `page`: fields, then one file.
HttpResponse upload(HttpClient& client, const std::string& page, const std::string& action,
                    const std::vector<std::pair<std::string, std::string>>& fields, const std::string& file_field,
                    const std::string& file_name, const std::string& bytes);

// Adds the ebook of `book_id` to the client's cart.
HttpResponse add_ebook_to_cart(HttpClient& client, int64_t book_id);
// Places an order of the cart's ebooks alone (no address: checkout does not ask for one) and pays
// with the success card; returns the order number.
std::string buy_cart_of_ebooks(HttpClient& client);
// Follows the library's link for `file_id` (a fresh signed link) and downloads it through nginx.
HttpResponse download(HttpClient& client, int64_t file_id);
// The signed link the library hands out for `file_id` ("" when refused).
std::string signed_link(HttpClient& client, int64_t file_id);

}  // namespace bf::test
