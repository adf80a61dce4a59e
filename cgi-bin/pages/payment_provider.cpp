// The simulated payment provider, built in because there is no external gateway here. It behaves like a
// hosted payment page: the buyer is sent to GET /pay/{ref}, enters a card, and the provider sends the
// browser back to GET /payments/callback with the outcome signed by a MAC under the provider's key.
//   4242 4242 4242 4242  succeeds
//   4000 0000 0000 0002  declined
//   4000 0000 0000 9995  insufficient funds
//   any other valid card declined
// The hosted page only reads (the order's number and amount): no lock is held while a buyer types.
// The callback settles the payment in one short transaction, once: replays change nothing.
#include "core/cards.h"
#include "core/crypto.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/text.h"
#include "pages/buying.h"
#include "pages/emails.h"

namespace bf::pages {
namespace {

const Field kCardName{"card_name", "Name on card", "text", "cc-name", "", true, true, 100};
const Field kCardNumber{"card_number", "Card number", "text", "cc-number", "Test cards: 4242 4242 4242 4242 (paid), 4000 0000 0000 0002 (declined), 4000 0000 0000 9995 (insufficient funds).", true, true, 23};
const Field kCardExpiry{"card_expiry", "Expiry (MM/YY)", "text", "cc-exp", "", true, true, 7};
const Field kCardCvc{"card_cvc", "Security code (CVC)", "text", "cc-csc", "", true, false, 4};

// The payment and its order, or 404: only the order's buyer sees the page or pays through it (a ref
// that leaked, say from a shared screen or a log, shows nobody else the order or lets them decline it).
std::pair<store::Order, store::PaymentAttempt> find_payment(Context& ctx, const std::string& ref) {
    auto order = ctx.store.orders.find_by_payment_ref(ref);
    if (!order || order->user_id != ctx.require_user().id) throw NotFound("We do not know that payment.");
    for (const auto& p : order->payments)
        if (p.ref == ref) return {*order, p};
    throw NotFound("We do not know that payment.");
}

http::Response pay_page(Context& ctx, const store::Order& order, const store::PaymentAttempt& payment,
                        const FormState& form) {
    View view("buying/pay.tpl", "Pay for order " + order.number);
    view.has_form = true;
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    page.SetValue("REF", payment.ref);
    page.SetValue("NUMBER", order.number);
    page.SetValue("AMOUNT", format_money(payment.amount, order.currency));
    if (order.hold_expires) page.SetValueAndShowSection("HOLD_UNTIL", format_human(*order.hold_expires), "HAS_HOLD");
    add_form_errors(page, form);
    add_field(page, "NAME_FIELD", kCardName, form);
    add_field(page, "NUMBER_FIELD", kCardNumber, form);
    add_field(page, "EXPIRY_FIELD", kCardExpiry, form);
    add_field(page, "CVC_FIELD", kCardCvc, form);
    return ctx.render(view);
}

http::Response show_pay(Context& ctx) {
    const auto [order, payment] = find_payment(ctx, ctx.req.param("ref"));
    if (payment.status != "pending")
        return http::Response::see_other("/orders/" + order.number, "This payment is already complete.");
    FormState form;
    // The name the order ships to; an order of ebooks alone ships nowhere: the buyer's own name.
    form.values["card_name"] = order.ship_to.full_name.empty() ? order.buyer_name : order.ship_to.full_name;
    return pay_page(ctx, order, payment, form);
}

http::Response submit_pay(Context& ctx) {
    const std::string ref = ctx.req.param("ref");
    const auto [order, payment] = find_payment(ctx, ref);
    FormState form;
    const std::string name = trim(ctx.req.field("card_name"));
    const std::string typed = trim(ctx.req.field("card_number"));
    const std::string number = cards::normalize_number(typed);
    const std::string cvc = trim(ctx.req.field("card_cvc"));
    form.values = {{"card_name", name}, {"card_number", typed}, {"card_expiry", trim(ctx.req.field("card_expiry"))}};
    if (name.empty() || name.size() > 100) form.errors["card_name"] = "Enter the name as it appears on the card.";
    if (!cards::luhn_valid(number)) form.errors["card_number"] = "Check the card number: it is not valid.";
    const auto expiry = cards::parse_expiry(form.values["card_expiry"]);
    if (!expiry) form.errors["card_expiry"] = "Enter the expiry date as MM/YY.";
    else if (cards::expired(expiry->first, expiry->second, ctx.now())) form.errors["card_expiry"] = "This card has expired.";
    const bool cvc_digits = !cvc.empty() && cvc.find_first_not_of("0123456789") == std::string::npos;
    if (!cvc_digits || cvc.size() < 3 || cvc.size() > 4) form.errors["card_cvc"] = "Enter the 3 or 4 digits on the back of the card.";
    if (!form.errors.empty()) return pay_page(ctx, order, payment, form);

    // The provider's decision, by test card number.
    std::string outcome = "declined";
    if (number == "4242424242424242") outcome = "succeeded";
    else if (number == "4000000000009995") outcome = "insufficient_funds";
    const std::string brand = cards::brand(number);
    const std::string last4 = number.substr(number.size() - 4);
    const std::string sig = crypto::base64url_encode(
        payment_provider_signer(ctx.app).mac(callback_message(ref, outcome, brand, last4)));
    return http::Response::see_other("/payments/callback?ref=" + url_encode(ref) + "&outcome=" + outcome +
                                     "&brand=" + url_encode(brand) + "&last4=" + last4 + "&sig=" + sig);
}

std::string reason_text(const std::string& outcome) {
    if (outcome == "insufficient_funds") return "insufficient funds";
    return "the card was declined";
}

// One line per settled callback: which order, what came of it and on which database node it committed
// (on a cluster, the evidence when a buyer's "paid" and the database disagree).
void log_settled(const store::Settled& settled, const std::string& node) {
    static const char* const names[] = {"paid", "paid late", "failed", "refund due", "already settled"};
    log::info("payment callback settled order " + settled.number + ": " + names[settled.result] +
              (node.empty() ? "" : " (database node " + node + ")"));
}

// GET /payments/callback: the provider's signed verdict. Verified, then settled once.
http::Response payment_callback(Context& ctx) {
    const auto& req = ctx.req;
    const std::string ref = req.field("ref"), outcome = req.field("outcome"), brand = req.field("brand"),
                      last4 = req.field("last4");
    std::string sig;
    if (!crypto::base64url_decode(req.field("sig"), sig) ||
        !payment_provider_signer(ctx.app).verify(callback_message(ref, outcome, brand, last4), sig))
        throw BadRequest("This payment confirmation could not be verified, so nothing was changed.");
    if (outcome != "succeeded" && outcome != "declined" && outcome != "insufficient_funds")
        throw BadRequest("Unknown payment outcome.");

    const store::PaymentOutcome result{ref, outcome == "succeeded", brand, last4, reason_text(outcome)};
    const App& app = ctx.app;
    const auto settled = ctx.store.orders.settle_payment(
        result, ctx.now(), [&app](const store::Order& order) { return receipt_email(app, order); });
    const std::string url = "/orders/" + settled.number;
    log_settled(settled, ctx.store.db.node_name());
    switch (settled.result) {
        case store::Settled::Paid:
        case store::Settled::PaidLate:
            return http::Response::see_other(url, "Thank you! Your payment was received and order " + settled.number +
                                                      " is paid. A receipt is on its way to your inbox.");
        case store::Settled::Failed:
            if (settled.flash_sale_id)
                return http::Response::see_other("/sales/" + std::to_string(*settled.flash_sale_id),
                                                 "Your payment did not go through: " + result.failure_reason +
                                                     ". The copy went back to the sale: buy it again while copies remain.",
                                                 "error");
            return http::Response::see_other(url, "Your payment did not go through: " + result.failure_reason +
                                                      ". You can try again with another card.", "error");
        case store::Settled::RefundDue:
            return http::Response::see_other(url, "Your payment arrived after the books were released and they have "
                                                  "sold out since. We are refunding the full amount to your card.", "error");
        default:
            return http::Response::see_other(url, "This payment was already recorded.");
    }
}

}  // namespace

void register_payment_routes(App& app) {
    app.add("GET", "/pay/{ref}", {show_pay, Access::User});
    app.add("POST", "/pay/{ref}", {submit_pay, Access::User});
    app.add("GET", "/payments/callback", {payment_callback});
}

}  // namespace bf::pages
