#include "search/admin.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "core/text.h"
#include "search/document.h"
#include "search/indexer.h"

namespace bf::search {
namespace {

// A progress bar on a terminal (redrawn at most 10 times a second), a line per 10 % otherwise.
class ProgressBar {
public:
    ProgressBar() : tty_(::isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}

    void operator()(int64_t done, int64_t total) {
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - start_).count();
        const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
        if (tty_) {
            if (done < total && now - drawn_ < std::chrono::milliseconds(100)) return;
            drawn_ = now;
            const int filled = percent * 30 / 100;
            std::fprintf(stderr, "\r[%s%s] %3d%%  %s / %s books  %.0f s ", std::string(static_cast<size_t>(filled), '#').c_str(),
                         std::string(static_cast<size_t>(30 - filled), '.').c_str(), percent, with_thousands(done).c_str(),
                         with_thousands(total).c_str(), seconds);
            if (done >= total) std::fprintf(stderr, "\n");
        } else if (percent >= next_percent_ || done >= total) {
            std::fprintf(stderr, "%3d%%  %s / %s books  %.0f s\n", percent, with_thousands(done).c_str(),
                         with_thousands(total).c_str(), seconds);
            next_percent_ = percent / 10 * 10 + 10;
        }
        std::fflush(stderr);
    }

private:
    bool tty_;
    std::chrono::steady_clock::time_point start_, drawn_{};
    int next_percent_ = 0;
};

uint64_t directory_bytes(const std::string& dir) {
    uint64_t bytes = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
        if (e.is_regular_file(ec)) bytes += e.file_size(ec);
    return bytes;
}

}  // namespace

int search_index_command(const Config& config, const Clock& clock, bool rebuild) {
    const std::string root = config.require("search_index_dir");
    std::filesystem::create_directories(root);
    db::Connection connection(db::DbConfig::from(config));
    store::SearchFeed feed(connection);
    Indexer indexer(feed, IndexDir(root), clock);
    if (rebuild) {
        const auto start = std::chrono::steady_clock::now();
        ProgressBar bar;
        const std::string dir = indexer.rebuild([&](int64_t done, int64_t total) { bar(done, total); });
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("rebuilt %s in %.1f s (%s MB)\n", dir.c_str(), seconds,
                    with_thousands(static_cast<int64_t>(directory_bytes(dir) >> 20)).c_str());
        return 0;
    }
    const auto current = IndexDir(root).current();
    if (!current) {
        std::cout << "no search index in " << root << " (bookfair-indexer builds one, or run --rebuild)\n";
        return 1;
    }
    const Xapian::Database db(*current);
    const std::string consumer = db.get_metadata(kConsumerKey);
    const auto id = feed.find_consumer(consumer);
    std::cout << "index      " << *current << "\n"
              << "books      " << with_thousands(db.get_doccount()) << "\n"
              << "size       " << with_thousands(static_cast<int64_t>(directory_bytes(*current) >> 20)) << " MB\n"
              << "change log " << consumer << ": "
              << (id ? with_thousands(feed.pending_count(*id)) + " changes waiting" : std::string("gone (rebuild it)")) << "\n";
    return 0;
}

}  // namespace bf::search
