#include "store/addresses.h"

#include <cctype>

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
    if (!is_valid_utf8(value) || utf8_length(value) > max)
        return "Keep the " + what + " to " + std::to_string(max) + " characters or fewer.";
    for (unsigned char c : value)
        if (c < 0x20 || c == 0x7f) return "Use letters, digits and punctuation only.";
    return "";
}

}  // namespace

std::string Address::one_line() const {
    std::string s = fields.full_name + ", " + fields.line1;
    if (!fields.line2.empty()) s += ", " + fields.line2;
    s += ", " + fields.city;
    if (!fields.region.empty()) s += ", " + fields.region;
    s += " " + fields.postal_code + ", " + fields.country;
    return s;
}

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
    if (auto e = check_text(a.postal_code, 20, true, "postal code"); !e.empty()) add("postal_code", e);
    else
        for (unsigned char c : a.postal_code)
            if (!std::isalnum(c) && c != ' ' && c != '-') {
                add("postal_code", "Use letters, digits, spaces and dashes only.");
                break;
            }
    if (a.country.size() != 2 || !std::isalpha(static_cast<unsigned char>(a.country[0])) ||
        !std::isalpha(static_cast<unsigned char>(a.country[1])))
        add("country", "Choose a country.");
    if (!a.phone.empty()) {
        int digits = 0;
        bool ok = a.phone.size() <= 30;
        for (unsigned char c : a.phone) {
            if (std::isdigit(c)) ++digits;
            else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') ok = false;
        }
        if (!ok || digits < 6) add("phone", "Enter a phone number with at least 6 digits, or leave it empty.");
    }
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

bool Addresses::remove(int64_t user_id, int64_t address_id) {
    return db_.exec("DELETE FROM addresses WHERE id = ? AND user_id = ?", address_id, user_id) == 1;
}

}  // namespace bf::store
