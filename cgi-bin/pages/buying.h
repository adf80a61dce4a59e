#pragma once
// What the cart, checkout, order and payment pages share: the shop's pricing rules from the
// configuration, whose cart a visitor has, and how prices and statuses are shown.
#include <ctemplate/template.h>

#include <string>

#include "core/pricing.h"
#include "pages/catalog_view.h"
#include "pages/context.h"
#include "store/carts.h"
#include "store/orders.h"

namespace bf::pages {

// Config keys: tax_rate_bp, free_shipping_threshold_cents, shipping_{standard,express,overnight}_cents.
pricing::Rules shop_rules(const App& app);
// Config key reservation_minutes (default 15): how long stock waits for a payment.
int reservation_minutes(const App& app);

// The logged-in user's cart, else the guest session's (none without a session).
store::CartOwner cart_owner(const Context& ctx);
std::vector<pricing::Line> pricing_lines(const store::Cart& cart);

// Fills SUBTOTAL, DISCOUNT (section HAS_DISCOUNT), SHIPPING, TAX (section HAS_TAX), TOTAL.
void add_breakdown(ctemplate::TemplateDictionary& dict, const pricing::Breakdown& b, const std::string& currency);

// An order's number, date, status, ship-to address and tracking, and the includes ORDER_ITEMS (items
// and totals), ORDER_PAYMENTS (in section HAS_PAYMENTS) and ORDER_TIMELINE (buying/order_*.tpl).
// Who on the staff moved the order is shown to staff (`for_staff`) only, never to the buyer.
void add_order_details(ctemplate::TemplateDictionary& page, const store::Order& order, bool for_staff = false);

// "Awaiting payment", "Paid", ... and a CSS modifier for the status badge.
std::string status_label(const std::string& status);
std::string status_class(const std::string& status);

// An address form's fields (partials/address_fields.tpl as ADDRESS_FIELDS) with the values and messages
// in `form`; and reading them back (trimmed and checked by store::validate, not here).
void add_address_fields(ctemplate::TemplateDictionary& dict, FormState& form);
store::AddressInput read_address_fields(Context& ctx, FormState& form);

// The shipping address part of a form (partials/address_choice.tpl as ADDRESS_CHOICE): the user's saved
// addresses first, then a new one, with the values and messages in `form`.
void add_address_choice(ctemplate::TemplateDictionary& page, Context& ctx, FormState& form);
// The address the form chose: a saved one, or the new one validated (and saved when asked). Reads the
// fields into form.values; on a problem, adds messages to form.errors and returns nullopt.
std::optional<store::AddressInput> address_from_form(Context& ctx, FormState& form);

// A form's idempotency key as we make them: 1 to 64 letters, digits, '-' or '_'.
bool valid_idempotency_key(const std::string& key);

// The MAC key of the simulated payment provider, derived from the site secret.
crypto::Signer payment_provider_signer(const App& app);
// The canonical text the provider signs for a callback.
std::string callback_message(const std::string& ref, const std::string& outcome, const std::string& brand,
                             const std::string& last4);

}  // namespace bf::pages
