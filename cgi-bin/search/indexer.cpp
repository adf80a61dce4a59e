#include "search/indexer.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/log.h"
#include "search/document.h"

namespace bf::search {
namespace {

// The term generator of a writer: spellings go into that index.
Xapian::TermGenerator generator_for(Xapian::WritableDatabase& index) {
    Xapian::TermGenerator tg;
    tg.set_database(index);
    return tg;
}

}  // namespace

int apply_changes(Xapian::WritableDatabase& index, store::SearchFeed& feed, int64_t consumer_id, int batch) {
    const auto changes = feed.pending(consumer_id, batch);
    if (changes.empty()) return 0;
    std::set<int64_t> ids;
    for (const auto& c : changes) ids.insert(c.book_id);
    const auto books = feed.published(std::vector<int64_t>(ids.begin(), ids.end()));
    auto tg = generator_for(index);
    for (const auto& ib : books) {
        index.replace_document(static_cast<Xapian::docid>(ib.book.id), make_document(ib, tg));
        ids.erase(ib.book.id);
    }
    for (const int64_t gone : ids) {  // unpublished, archived or deleted: no longer found
        try {
            index.delete_document(static_cast<Xapian::docid>(gone));
        } catch (const Xapian::DocNotFoundError&) {
        }
    }
    index.commit();
    std::vector<int64_t> done;
    done.reserve(changes.size());
    for (const auto& c : changes) done.push_back(c.id);
    feed.done(done);
    return static_cast<int>(changes.size());
}

void Indexer::close_writer() {
    if (writer_) {
        try {
            writer_->close();
        } catch (const Xapian::Error&) {
        }
    }
    writer_.reset();
    writer_dir_.clear();
    consumer_id_ = 0;
}

int Indexer::drain_once(int batch) {
    const auto current = dir_.current();
    if (!current) {
        close_writer();
        return 0;
    }
    if (!writer_ || writer_dir_ != *current) {
        const bool switched = writer_ != nullptr;
        close_writer();
        writer_ = std::make_unique<Xapian::WritableDatabase>(*current, Xapian::DB_OPEN);
        writer_dir_ = *current;
        const std::string name = writer_->get_metadata(kConsumerKey);
        const auto id = feed_.find_consumer(name);
        if (!id) {
            close_writer();
            throw IndexOrphaned("the search index " + *current + " has no change log (consumer '" + name + "' is gone)");
        }
        consumer_id_ = *id;
        log::info("search indexer: writing to " + *current);
        if (switched) dir_.remove_all_but(*current);  // the index it replaced, which this process held
    }
    try {
        return apply_changes(*writer_, feed_, consumer_id_, batch);
    } catch (const Xapian::Error&) {
        close_writer();  // reopened on the next round (a rebuild may have removed the directory)
        throw;
    }
}

bool Indexer::index_is_outdated() const {
    const auto current = dir_.current();
    return current && Xapian::Database(*current).get_metadata(kFormatKey) != kIndexFormat;
}

std::string Indexer::rebuild(const std::function<void(int64_t, int64_t)>& progress) {
    const std::string path = dir_.fresh_path();
    const std::string name = IndexDir::consumer_name(path);
    // Registered (committed) before the snapshot is read: every change from here on is logged for
    // the new index, so nothing committed during the build is missed.
    const int64_t consumer = feed_.register_consumer(name, clock_.now());
    try {
        Xapian::WritableDatabase index(path, Xapian::DB_CREATE);
        index.set_metadata(kConsumerKey, name);
        index.set_metadata(kFormatKey, kIndexFormat);
        auto tg = generator_for(index);
        int64_t done = 0, total = 0;
        feed_.each_published(
            2000, [&](int64_t n) { total = n; progress(0, total); },
            [&](const std::vector<store::IndexedBook>& books) {
                for (const auto& ib : books) index.replace_document(static_cast<Xapian::docid>(ib.book.id), make_document(ib, tg));
                done += static_cast<int64_t>(books.size());
                progress(std::min(done, total), total);
            });
        index.commit();
        while (apply_changes(index, feed_, consumer, 1000) > 0) {
        }
        index.close();
    } catch (...) {
        feed_.drop_consumer(consumer);
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
        throw;
    }
    dir_.switch_to(path);
    // The indexes this host had before: their logs go, and so do their directories once no
    // process holds them (the running indexer removes the one it held when it follows the switch).
    const std::string host_prefix = name.substr(0, name.find(':') + 1);
    for (const auto& [id, other] : feed_.consumers())
        if (id != consumer && other.rfind(host_prefix, 0) == 0) feed_.drop_consumer(id);
    dir_.remove_all_but(path);
    log::info("search index rebuilt in " + path);
    return path;
}

}  // namespace bf::search
