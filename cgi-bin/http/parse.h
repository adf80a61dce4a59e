#pragma once
// Turns CGI variables and a raw body into a Request, through cgicc.
#include <cstddef>
#include <functional>
#include <string>

#include "http/request.h"

namespace bf::http {

struct BodyLimits {
    size_t form_bytes = 1 << 20;         // ordinary forms: 1 MiB
    size_t multipart_bytes = 6 << 20;    // cover uploads and their fields
    size_t ebook_bytes = 64 << 20;       // an author's ebook file (is_ebook_upload paths only)
};

// POST /dashboard/books/{id}/ebook/files: the one path whose multipart body may be ebook_bytes long.
bool is_ebook_upload(const std::string& path);

// Reads CONTENT_LENGTH bytes with `read` (which returns 0 at end of input).
// Throws PayloadTooLarge past the limit for the content type (after draining what
// was sent, so the front end is not cut off mid-body) and BadRequest on a short body.
std::string read_body(const Env& env, const BodyLimits& limits, const std::function<size_t(char*, size_t)>& read);

// Parses fields, uploads and cookies; throws BadRequest for malformed encodings,
// invalid UTF-8 in any text field or a broken multipart body.
Request parse_request(Env env, const std::string& body);

}  // namespace bf::http
