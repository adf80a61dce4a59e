#pragma once
// Typed failures that handlers throw; the dispatcher turns each into a status and a page.
#include <map>
#include <stdexcept>
#include <string>

namespace bf {

struct HttpError : std::runtime_error {
    int status;
    HttpError(int status_code, const std::string& message) : std::runtime_error(message), status(status_code) {}
};

struct BadRequest : HttpError { explicit BadRequest(const std::string& m) : HttpError(400, m) {} };
struct Unauthorized : HttpError { explicit Unauthorized(const std::string& m = "Please log in to continue.") : HttpError(401, m) {} };
struct Forbidden : HttpError { explicit Forbidden(const std::string& m = "You are not allowed to do that.") : HttpError(403, m) {} };
struct NotFound : HttpError { explicit NotFound(const std::string& m = "We could not find that page.") : HttpError(404, m) {} };
struct MethodNotAllowed : HttpError {
    std::string allow;
    explicit MethodNotAllowed(std::string allowed)
        : HttpError(405, "That address does not accept this kind of request."), allow(std::move(allowed)) {}
};
struct Conflict : HttpError { explicit Conflict(const std::string& m) : HttpError(409, m) {} };
struct Gone : HttpError { explicit Gone(const std::string& m) : HttpError(410, m) {} };
struct PayloadTooLarge : HttpError { explicit PayloadTooLarge(const std::string& m = "That upload or form is too large.") : HttpError(413, m) {} };
struct TooManyRequests : HttpError {
    int retry_after_seconds;
    TooManyRequests(const std::string& m, int retry_after) : HttpError(429, m), retry_after_seconds(retry_after) {}
};
struct SoldOut : HttpError { explicit SoldOut(const std::string& m = "Sorry, this is sold out.") : HttpError(409, m) {} };
struct ServiceUnavailable : HttpError { explicit ServiceUnavailable(const std::string& m) : HttpError(503, m) {} };

// A form that failed validation: a message per field, shown next to each input.
struct Invalid : std::runtime_error {
    std::map<std::string, std::string> fields;
    explicit Invalid(std::map<std::string, std::string> field_messages)
        : std::runtime_error("invalid input"), fields(std::move(field_messages)) {}
    Invalid(const std::string& field, const std::string& message)
        : std::runtime_error("invalid input"), fields{{field, message}} {}
};

}  // namespace bf
