#include "store/addresses.h"

#include <cctype>
#include <vector>

#include "core/errors.h"
#include "core/text.h"

namespace bf::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, user_id, full_name, line1, line2, city, region, postal_code, country, phone, is_default_shipping,"
    " is_default_billing, created_at FROM addresses ";

Address read(const db::Row& r) {
    Address a;
    a.id = r.i64(0);
    a.user_id = r.i64(1);
    a.fields = {r.str(2), r.str(3), r.str(4), r.str(5), r.str(6), r.str(7), r.str(8), r.str(9)};
    a.default_shipping = r.boolean(10);
    a.default_billing = r.boolean(11);
    a.created = r.time(12);
    return a;
}

// "" when `value` is printable text of at most `max` characters (and present when required).
std::string check_text(const std::string& value, size_t max, bool required, const std::string& what) {
    if (value.empty()) return required ? "Enter the " + what + "." : "";
    if (!is_plain_text(value, false)) return "Use letters, digits and punctuation only.";
    if (utf8_length(value) > max) return "Keep the " + what + " to " + std::to_string(max) + " characters or fewer.";
    return "";
}

// The shape of a postal code, one character per position: 9 a digit, A a letter, anything else itself.
bool shaped(const std::string& code, const std::string& shape) {
    if (code.size() != shape.size()) return false;
    for (size_t i = 0; i < code.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(code[i]);
        if (shape[i] == '9' ? !std::isdigit(c) : shape[i] == 'A' ? !std::isalpha(c) : c != shape[i]) return false;
    }
    return true;
}

// "" when the (upper-cased) code fits the country's format; the message shows an example.
std::string check_postal_code(const std::string& code, const std::string& country) {
    struct Format {
        const char* country;
        std::vector<const char*> shapes;
        const char* example;
    };
    static const std::vector<Format> formats = {
        {"US", {"99999", "99999-9999"}, "a 5-digit ZIP code like 94110 (or ZIP+4: 94110-1234)"},
        {"CA", {"A9A 9A9", "A9A9A9"}, "a postal code like K1A 0B1"},
        {"AU", {"9999"}, "4 digits, like 2000"},
        {"NZ", {"9999"}, "4 digits, like 6011"},
        {"DE", {"99999"}, "5 digits, like 10115"},
        {"FR", {"99999"}, "5 digits, like 75001"},
        {"ES", {"99999"}, "5 digits, like 28013"},
        {"IT", {"99999"}, "5 digits, like 00184"},
        {"NL", {"9999 AA", "9999AA"}, "4 digits and 2 letters, like 1012 AB"},
        {"SE", {"999 99", "99999"}, "5 digits, like 113 51"},
    };
    if (country == "GB") {
        // Outward code (A9, A99, AA9, AA99, A9A, AA9A), a space, inward code (9AA).
        for (const char* outward : {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"})
            if (shaped(code, std::string(outward) + " 9AA") || shaped(code, std::string(outward) + "9AA")) return "";
        return "Enter a UK postcode like SW1A 1AA.";
    }
    if (country == "IE") {
        // Eircode: a routing key (A99, or D6W) and four letters or digits.
        std::string compact;
        for (char c : code)
            if (c != ' ') compact += c;
        bool ok = compact.size() == 7 && (shaped(compact.substr(0, 3), "A99") || compact.substr(0, 3) == "D6W");
        for (size_t i = 3; ok && i < 7; ++i) ok = std::isalnum(static_cast<unsigned char>(compact[i])) != 0;
        return ok ? "" : "Enter an Eircode like D02 X285.";
    }
    for (const auto& f : formats) {
        if (country != f.country) continue;
        for (const char* shape : f.shapes)
            if (shaped(code, shape)) return "";
        return std::string("Enter ") + f.example + ".";
    }
    for (unsigned char c : code)
        if (!std::isalnum(c) && c != ' ' && c != '-') return "Use letters, digits, spaces and dashes only.";
    return "";
}

std::string check_phone(const std::string& phone) {
    int digits = 0;
    for (size_t i = 0; i < phone.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(phone[i]);
        if (std::isdigit(c)) ++digits;
        else if (c == '+' && i != 0) return "Put the + only at the start, as in +44 20 7946 0958.";
        else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.')
            return "Use digits, spaces and + - ( ) . only, as in +1 (415) 555-0123.";
    }
    if (digits < 7 || digits > 15) return "Enter a phone number of 7 to 15 digits, or leave it empty.";
    return "";
}

}  // namespace

std::string one_line(const AddressInput& fields) {
    std::string s = fields.full_name + ", " + fields.line1;
    if (!fields.line2.empty()) s += ", " + fields.line2;
    s += ", " + fields.city;
    if (!fields.region.empty()) s += ", " + fields.region;
    s += " " + fields.postal_code + ", " + fields.country;
    return s;
}

std::string Address::one_line() const { return store::one_line(fields); }

std::map<std::string, std::string> validate(AddressInput& a) {
    for (std::string* f : {&a.full_name, &a.line1, &a.line2, &a.city, &a.region, &a.postal_code, &a.country, &a.phone})
        *f = trim(*f);
    a.country = to_upper(a.country);
    std::map<std::string, std::string> errors;
    auto add = [&](const char* field, const std::string& message) {
        if (!message.empty()) errors[field] = message;
    };
    add("full_name", check_text(a.full_name, 100, true, "recipient's name"));
    add("line1", check_text(a.line1, 120, true, "street address"));
    add("line2", check_text(a.line2, 120, false, "second address line"));
    add("city", check_text(a.city, 80, true, "city"));
    add("region", check_text(a.region, 80, false, "state or region"));
    if (a.country.size() != 2 || !std::isalpha(static_cast<unsigned char>(a.country[0])) ||
        !std::isalpha(static_cast<unsigned char>(a.country[1])))
        add("country", "Choose a country.");
    a.postal_code = to_upper(a.postal_code);
    if (auto e = check_text(a.postal_code, 20, true, "postal code"); !e.empty()) add("postal_code", e);
    else if (auto f = check_postal_code(a.postal_code, a.country); !f.empty()) add("postal_code", f);
    if (!a.phone.empty()) add("phone", check_phone(a.phone));
    return errors;
}

std::vector<Address> Addresses::list(int64_t user_id) {
    std::vector<Address> out;
    for (const auto& r :
         db_.query(std::string(kColumns) + "WHERE user_id = ? ORDER BY is_default_shipping DESC, id DESC LIMIT 50", user_id))
        out.push_back(read(r));
    return out;
}

std::optional<Address> Addresses::find(int64_t user_id, int64_t address_id) {
    const auto row = db_.query_one(std::string(kColumns) + "WHERE id = ? AND user_id = ?", address_id, user_id);
    if (!row) return std::nullopt;
    return read(*row);
}

int64_t Addresses::create(int64_t user_id, AddressInput input, bool make_default, Time now) {
    auto errors = validate(input);
    if (!errors.empty()) throw Invalid(errors);
    return db_.transaction([&] {
        // The user's row serialises concurrent saves, so the limit and the single default hold.
        db_.query_one("SELECT id FROM users WHERE id = ? FOR UPDATE", user_id);
        const int64_t count = db_.query_one("SELECT COUNT(*) FROM addresses WHERE user_id = ?", user_id)->i64(0);
        if (count >= kMaxPerUser)
            throw Invalid("address", "Your address book is full (" + std::to_string(kMaxPerUser) +
                                         " addresses). Remove one first.");
        const bool is_default = make_default || count == 0;
        if (is_default) db_.exec("UPDATE addresses SET is_default_shipping = 0 WHERE user_id = ?", user_id);
        const auto& a = input;
        db_.exec("INSERT INTO addresses (user_id, full_name, line1, line2, city, region, postal_code, country, phone,"
                 " is_default_shipping, is_default_billing, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 user_id, a.full_name, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone, is_default,
                 count == 0, now);
        return static_cast<int64_t>(db_.last_insert_id());
    });
}

void Addresses::set_default_shipping(int64_t user_id, int64_t address_id) {
    db_.transaction([&] {
        if (!find(user_id, address_id)) throw NotFound("That address is not in your address book.");
        db_.exec("UPDATE addresses SET is_default_shipping = (id = ?) WHERE user_id = ?", address_id, user_id);
    });
}

void Addresses::update(int64_t user_id, int64_t address_id, AddressInput input) {
    auto errors = validate(input);
    if (!errors.empty()) throw Invalid(errors);
    const auto& a = input;
    db_.transaction([&] {
        if (!find(user_id, address_id)) throw NotFound("That address is not in your address book.");
        db_.exec("UPDATE addresses SET full_name = ?, line1 = ?, line2 = ?, city = ?, region = ?, postal_code = ?,"
                 " country = ?, phone = ? WHERE id = ? AND user_id = ?",
                 a.full_name, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone, address_id, user_id);
    });
}

void Addresses::set_default_billing(int64_t user_id, int64_t address_id) {
    db_.transaction([&] {
        if (!find(user_id, address_id)) throw NotFound("That address is not in your address book.");
        db_.exec("UPDATE addresses SET is_default_billing = (id = ?) WHERE user_id = ?", address_id, user_id);
    });
}

bool Addresses::remove(int64_t user_id, int64_t address_id) {
    return db_.transaction([&] {
        db_.query_one("SELECT id FROM users WHERE id = ? FOR UPDATE", user_id);  // as create(): one default each
        const auto gone = find(user_id, address_id);
        if (!gone) return false;
        db_.exec("DELETE FROM addresses WHERE id = ? AND user_id = ?", address_id, user_id);
        const auto newest = db_.query_one("SELECT id FROM addresses WHERE user_id = ? ORDER BY id DESC LIMIT 1", user_id);
        if (newest && gone->default_shipping)
            db_.exec("UPDATE addresses SET is_default_shipping = 1 WHERE id = ?", newest->i64(0));
        if (newest && gone->default_billing)
            db_.exec("UPDATE addresses SET is_default_billing = 1 WHERE id = ?", newest->i64(0));
        return true;
    });
}

}  // namespace bf::store
