// The SMTP server's own intake, for bench/mailer: a plain libcurl loop sending one fixed message
// COUNT times over one reused connection, nothing else (no database, no MIME building).
//   smtp_baseline URL COUNT FILE    ->  prints "<messages per second>"
// FILE holds the message to send (bench/mailer passes one the mailer sent, so both runs carry
// the same bytes); "-" sends a plain 2.7 KB message instead.
#include <curl/curl.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "mailer/curl_upload.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: smtp_baseline URL COUNT FILE|-\n");
        return 2;
    }
    const std::string url = argv[1];
    const long count = std::atol(argv[2]);
    std::string message =
        "From: Bench <bench@bookfair.test>\r\nTo: baseline@bench.test\r\nSubject: Baseline\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n";
    if (std::strcmp(argv[3], "-") != 0) {
        std::ifstream in(argv[3], std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        message = s.str();
        if (message.empty()) {
            std::fprintf(stderr, "smtp_baseline: cannot read %s\n", argv[3]);
            return 2;
        }
    } else {
        while (message.size() < 2700) message += std::string(70, 'x') + "\r\n";
    }

    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL* c = curl_easy_init();
    curl_slist* rcpt = curl_slist_append(nullptr, "<baseline@bench.test>");
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, "<bench@bookfair.test>");
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, bf::mailer::CurlUpload::read);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < count; ++i) {
        bf::mailer::CurlUpload upload{&message, 0};
        curl_easy_setopt(c, CURLOPT_READDATA, &upload);
        const CURLcode rc = curl_easy_perform(c);
        if (rc != CURLE_OK) {
            std::fprintf(stderr, "smtp_baseline: message %ld: %s\n", i, curl_easy_strerror(rc));
            return 1;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%.0f\n", count / seconds);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    return 0;
}
