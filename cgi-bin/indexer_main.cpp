// bookfair-indexer: keeps this host's search index in step with the database. `bookfair-indexer
// [--config FILE] [--once]`. One per host (one writer per index; a second one waits for the lock).
// It builds the index when there is none (searches use the database meanwhile), then drains the
// index's change log every search_poll_ms: each round re-reads the changed books, commits the
// index, then deletes the rows it applied, so a kill -9 at any point repeats work and loses none.
// It follows a switch to an index that `bookfair search-index --rebuild` built.
// SIGTERM or SIGINT: the round in progress finishes, then the process exits.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/config.h"
#include "core/log.h"
#include "core/process.h"
#include "search/indexer.h"

namespace {

void pause_ms(int64_t ms, const std::atomic<bool>& stop) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stop && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace

int main(int argc, char** argv) {
    const bool once = bf::process::has_flag(argc, argv, "--once");
    try {
        const bf::Config config = bf::Config::load(bf::config_path_from_args(argc, argv));
        bf::db::library_init();
        const std::atomic<bool>& stop = bf::process::stop_on_terminate();

        const std::string root = config.require("search_index_dir");
        std::filesystem::create_directories(root);
        const int64_t poll_ms = config.get_int("search_poll_ms", 200);
        const int batch = static_cast<int>(config.get_int("search_batch", 500));
        const auto clock = bf::make_clock(config.get("clock_file"));
        bf::db::ThreadScope db_thread;
        bf::db::Connection connection(bf::db::DbConfig::from(config));
        bf::store::SearchFeed feed(connection);
        bf::search::Indexer indexer(feed, bf::search::IndexDir(root), *clock);
        bf::log::info("bookfair-indexer: index in " + root + ", polling every " + std::to_string(poll_ms) + " ms");

        int64_t applied = 0;
        bool checked_format = false;
        while (!stop) {
            try {
                if (!indexer.has_index()) {
                    bf::log::warn("bookfair-indexer: no search index yet; building one (searches use the database meanwhile)");
                    indexer.rebuild([](int64_t, int64_t) {});
                } else if (!checked_format) {
                    if (indexer.index_is_outdated()) {
                        bf::log::warn("bookfair-indexer: the search index is of an older format; rebuilding"
                                      " (searches use the old index meanwhile)");
                        indexer.rebuild([](int64_t, int64_t) {});
                    }
                    checked_format = true;
                }
                const int n = indexer.drain_once(batch);
                applied += n;
                if (n > 0) continue;  // more may be waiting
                if (once) break;
            } catch (const bf::search::IndexOrphaned& e) {
                bf::log::error(std::string("bookfair-indexer: ") + e.what() + "; rebuilding");
                indexer.rebuild([](int64_t, int64_t) {});
                continue;
            } catch (const std::exception& e) {
                // The database or the index is briefly unavailable (a restart, a rebuild's switch): try again.
                bf::log::warn(std::string("bookfair-indexer: ") + e.what());
                if (once) return 1;
            }
            pause_ms(poll_ms, stop);
        }
        bf::log::info("bookfair-indexer stopped: " + std::to_string(applied) + " changes applied");
        bf::db::library_end();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bookfair-indexer: " << e.what() << "\n";
        return 1;
    }
}
