#include "mailer/smtp.h"

#include <curl/curl.h>

#include <stdexcept>

#include "mailer/curl_upload.h"

namespace bf::mailer {
void smtp_global_init() { curl_global_init(CURL_GLOBAL_DEFAULT); }

SendResult classify(int curl_code, long smtp_code, const std::string& curl_message) {
    SendResult r;
    r.smtp_code = smtp_code;
    if (curl_code == CURLE_OK) return r;
    r.error = curl_message + (smtp_code ? " (SMTP " + std::to_string(smtp_code) + ")" : "");
    // Failures of the server or of our account there, not of this message: no reply at all
    // (refused, timed out, dropped), 421 (closing), 530/535 and login errors (authentication).
    const bool server_side = smtp_code == 0 || smtp_code == 421 || smtp_code == 530 || smtp_code == 535 ||
                             curl_code == CURLE_LOGIN_DENIED;
    if (smtp_code >= 500 && smtp_code < 600 && !server_side) {
        r.outcome = SendOutcome::Permanent;
    } else {
        r.outcome = SendOutcome::Temporary;
        r.server_unreachable = server_side;
    }
    return r;
}

SmtpClient::SmtpClient(SmtpConfig config) : config_(std::move(config)) { reset_handle(); }

SmtpClient::~SmtpClient() {
    if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void SmtpClient::reset_handle() {
    if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));  // closes its connection too
    CURL* c = curl_easy_init();
    if (!c) throw std::runtime_error("curl_easy_init failed");
    curl_ = c;
    curl_easy_setopt(c, CURLOPT_URL, config_.url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // SIGTERM is ours: the message in flight finishes
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, config_.connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, config_.timeout_seconds);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, CurlUpload::read);
    if (config_.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!config_.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, config_.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, config_.password.c_str());
    }
}

SendResult SmtpClient::send(const std::string& from, const std::string& to, const std::string& message) {
    CURL* c = static_cast<CURL*>(curl_);
    CurlUpload upload{&message};
    const std::string mail_from = "<" + from + ">";
    struct curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    const CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
    curl_slist_free_all(rcpt);
    // A refused message leaves the SMTP session mid-transaction: start the next one afresh.
    if (rc != CURLE_OK) reset_handle();
    // The reply code of a refusal only counts when libcurl failed because of it.
    return classify(rc, rc == CURLE_OK ? 250 : code, curl_easy_strerror(rc));
}

}  // namespace bf::mailer
