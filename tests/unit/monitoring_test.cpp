// Pure parts of monitoring: who may read /metrics, the Prometheus text, the access line.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/metrics.h"
#include "http/address_list.h"
#include "http/request_log.h"

using bf::http::AddressList;

TEST(AddressList, MatchesAddressesAndNetworksOfBothFamilies) {
    const auto list = AddressList::parse("127.0.0.1, ::1, 10.20.0.0/16, fd00::/8");
    EXPECT_TRUE(list.contains("127.0.0.1"));
    EXPECT_FALSE(list.contains("127.0.0.2"));
    EXPECT_TRUE(list.contains("::1"));
    EXPECT_TRUE(list.contains("10.20.255.1"));
    EXPECT_FALSE(list.contains("10.21.0.1"));
    EXPECT_TRUE(list.contains("::ffff:10.20.3.4")) << "IPv4 seen through an IPv6 socket";
    EXPECT_TRUE(list.contains("fd12:3456::1"));
    EXPECT_FALSE(list.contains("fe80::1"));
    EXPECT_FALSE(list.contains("not an address"));
    EXPECT_FALSE(list.contains(""));
    EXPECT_TRUE(AddressList::parse("0.0.0.0/0").contains("203.0.113.9"));
    EXPECT_FALSE(AddressList::parse("").contains("127.0.0.1")) << "an empty list allows no one";
}

TEST(AddressList, RefusesWhatIsNotANetwork) {
    EXPECT_THROW(AddressList::parse("localhost"), std::invalid_argument);
    EXPECT_THROW(AddressList::parse("10.0.0.0/33"), std::invalid_argument);
    EXPECT_THROW(AddressList::parse("10.0.0.0/"), std::invalid_argument);
    EXPECT_THROW(AddressList::parse("::/129"), std::invalid_argument);
    EXPECT_THROW(AddressList::parse("10.0.0.0/8x"), std::invalid_argument);
}

TEST(Metrics, HistogramBucketsAreCumulativeAndLabelsEscaped) {
    bf::metrics::Registry r;
    r.observe_request("GET", "/books/{slug}", 200, 0.0004);
    r.observe_request("GET", "/books/{slug}", 200, 0.003);
    r.observe_request("GET", "/books/{slug}", 404, 20.0);
    r.observe_request("GET", "/odd\"route", 500, 0.2);
    r.count("bookfair_things_total", "Things.", 0);
    r.count("bookfair_things_total", "Things.");
    const std::string text = r.render();
    const std::string labels = "method=\"GET\",route=\"/books/{slug}\"";
    EXPECT_NE(text.find("bookfair_http_requests_total{" + labels + ",status=\"200\"} 2\n"), std::string::npos) << text;
    EXPECT_NE(text.find("bookfair_http_requests_total{" + labels + ",status=\"404\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("bookfair_http_request_duration_seconds_bucket{" + labels + ",le=\"0.001\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("bookfair_http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("bookfair_http_request_duration_seconds_bucket{" + labels + ",le=\"10\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("bookfair_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("bookfair_http_request_duration_seconds_count{" + labels + "} 3\n"), std::string::npos);
    EXPECT_NE(text.find("route=\"/odd\\\"route\""), std::string::npos);
    EXPECT_NE(text.find("# TYPE bookfair_things_total counter\nbookfair_things_total 1\n"), std::string::npos);
    EXPECT_NE(text.find("bookfair_http_requests_in_flight 0\n"), std::string::npos);
}

TEST(RequestLog, LineHasTheDocumentedFieldsAndATrustedId) {
    bf::http::RequestOutcome o;
    o.method = "POST";
    o.route = "/password/reset/{token}";
    o.status = 303;
    o.user_id = 42;
    EXPECT_EQ(bf::http::request_log_fields("0123456789abcdef0123456789abcdef", o, 0.0123456),
              "id=0123456789abcdef0123456789abcdef method=\"POST\" route=\"/password/reset/{token}\" status=303 "
              "ms=12.346 user=42");
    o.user_id.reset();
    EXPECT_NE(bf::http::request_log_fields("x", o, 0).find(" user=-"), std::string::npos);

    const std::string from_nginx = "00112233445566778899aabbccddeeff";
    EXPECT_EQ(bf::http::request_id({{"REQUEST_ID", from_nginx}}), from_nginx);
    const std::string made = bf::http::request_id({{"REQUEST_ID", "evil\" id=forged"}});
    EXPECT_EQ(made.size(), 32u);
    EXPECT_EQ(made.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(bf::http::request_id({}), bf::http::request_id({}));
}
