#pragma once
// The address book: a customer's saved addresses. Checkout picks one or saves a new one; the
// address-book pages reuse validate().
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct AddressInput {
    std::string full_name;
    std::string line1;
    std::string line2;
    std::string city;
    std::string region;
    std::string postal_code;
    std::string country;  // ISO 3166-1 alpha-2, e.g. "US"
    std::string phone;
};

// "Ada Reader, 1 Main St, Springfield, IL 62701, US"
std::string one_line(const AddressInput& fields);

struct Address {
    int64_t id = 0;
    int64_t user_id = 0;
    AddressInput fields;
    bool default_shipping = false;
    bool default_billing = false;
    Time created{};
    // "Ada Lovelace, 12 St James's Square, London SW1Y 4JH, GB"
    std::string one_line() const;
};

// Trims every field, capitalises the country, and returns a message per wrong field (empty when fine).
// Field names are the AddressInput member names. Postal codes follow the country's format where we ship
// (US ZIP, Canadian, UK, Irish Eircode, and the digit formats of AU, NZ, DE, FR, ES, IT, NL, SE); phone
// numbers have 7 to 15 digits, an optional leading +, and spaces, dots, dashes or brackets between.
std::map<std::string, std::string> validate(AddressInput& input);

class Addresses {
public:
    static constexpr int kMaxPerUser = 20;

    explicit Addresses(db::Connection& db) : db_(db) {}

    // Defaults first, then newest; one indexed query.
    std::vector<Address> list(int64_t user_id);
    std::optional<Address> find(int64_t user_id, int64_t address_id);
    // Saves a validated address (throws Invalid when it is not, or when the book is full).
    // The first address, or one saved with make_default, becomes the default shipping address.
    int64_t create(int64_t user_id, AddressInput input, bool make_default, Time now);
    // Replaces a saved address's fields (validated; throws Invalid, or NotFound for another's address).
    void update(int64_t user_id, int64_t address_id, AddressInput input);
    void set_default_shipping(int64_t user_id, int64_t address_id);
    void set_default_billing(int64_t user_id, int64_t address_id);
    // Removing a default hands that role to the newest remaining address.
    bool remove(int64_t user_id, int64_t address_id);

private:
    db::Connection& db_;
};

}  // namespace bf::store
