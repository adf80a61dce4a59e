#pragma once
// Sends messages over SMTP with libcurl. One easy handle per client, kept between sends,
// so consecutive messages reuse one connection (one EHLO, many MAIL FROM).
#include <string>

namespace bf::mailer {

struct SmtpConfig {
    std::string url = "smtp://127.0.0.1:25";  // smtp://host:port, or smtps:// for TLS from the start
    bool starttls = false;                    // require STARTTLS on an smtp:// connection
    std::string user;
    std::string password;
    long connect_timeout_seconds = 10;
    long timeout_seconds = 60;                // one whole message, connection included
};

enum class SendOutcome {
    Sent,
    Temporary,   // 4xx, or the server could not be reached: try again later
    Permanent,   // 5xx: this message will never be accepted
};

struct SendResult {
    SendOutcome outcome = SendOutcome::Sent;
    bool server_unreachable = false;  // no SMTP answer at all: the server, not this message, is the problem
    long smtp_code = 0;               // the last reply code, 0 when there was none
    std::string error;                // for the outbox row's last_error
};

// How an attempt ended, from libcurl's result and the last SMTP reply code. Pure, for tests.
SendResult classify(int curl_code, long smtp_code, const std::string& curl_message);

class SmtpClient {
public:
    explicit SmtpClient(SmtpConfig config);
    ~SmtpClient();
    SmtpClient(const SmtpClient&) = delete;
    SmtpClient& operator=(const SmtpClient&) = delete;

    // Sends one message (its full RFC 5322 text) from `from` to `to` (bare addresses).
    SendResult send(const std::string& from, const std::string& to, const std::string& message);

private:
    void reset_handle();
    SmtpConfig config_;
    void* curl_ = nullptr;
};

// curl_global_init, once per process, before threads start.
void smtp_global_init();

}  // namespace bf::mailer
