#include "mailer/personal_copies.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include "core/ebook_files.h"
#include "core/log.h"
#include "core/text.h"

namespace bf::mailer {
namespace {

namespace fs = std::filesystem;

constexpr int kBatch = 500;
constexpr int64_t kOrphanGraceSeconds = 3600;  // a copy being built is on disk before its row is written

// Files under personal/USER/ that no row names and that are older than the grace period.
int remove_orphans(store::Store& store, const fs::path& personal, Time now) {
    int removed = 0;
    std::error_code ec;
    for (const auto& user_dir : fs::directory_iterator(personal, ec)) {
        const auto user_id = parse_int(user_dir.path().filename().string(), 1, INT64_MAX);
        if (!user_id || !user_dir.is_directory()) continue;
        const auto names = store.editions.personal_copy_names(*user_id);
        const std::set<std::string> kept(names.begin(), names.end());
        for (const auto& file : fs::directory_iterator(user_dir.path(), ec)) {
            const std::string name = "personal/" + std::to_string(*user_id) + "/" + file.path().filename().string();
            if (kept.count(name) || !file.is_regular_file()) continue;
            const auto modified = std::chrono::duration_cast<std::chrono::seconds>(
                                      fs::last_write_time(file.path(), ec).time_since_epoch() -
                                      fs::file_time_type::clock::now().time_since_epoch() +
                                      std::chrono::system_clock::now().time_since_epoch())
                                      .count();
            if (ec || now.seconds() - modified < kOrphanGraceSeconds) continue;
            if (fs::remove(file.path(), ec)) ++removed;
        }
    }
    return removed;
}

}  // namespace

PersonalCopySweep sweep_personal_copies(store::Store& store, const std::string& ebooks_dir, Time now, int idle_days) {
    PersonalCopySweep done;
    const Time idle_since = now.plus_days(-idle_days);
    for (;;) {
        const auto stale = store.editions.stale_personal_copies(idle_since, kBatch);
        int forgotten = 0;
        for (const auto& copy : stale) {
            if (!store.editions.forget_personal_copy(copy, idle_since)) continue;
            ++forgotten;
            std::error_code ec;  // already gone is fine: the row was the last word
            fs::remove(fs::path(ebooks_dir) / copy.stored_name, ec);
            ++done.copies;
        }
        if (static_cast<int>(stale.size()) < kBatch || forgotten == 0) break;
    }
    done.orphans = remove_orphans(store, fs::path(ebooks_dir) / "personal", now);
    return done;
}

void add_personal_copy_sweep(Mailer& mailer, const Config& config) {
    const std::string dir = ebooks::ebooks_dir(config);
    const int idle_days = static_cast<int>(std::clamp<int64_t>(config.get_int("personal_copy_idle_days", 30), 1, 3650));
    const int64_t every = std::max<int64_t>(1, config.get_int("personal_copy_sweep_seconds", 3600));
    mailer.every("personal copies", every, [dir, idle_days](store::Store& store, Time now) {
        const auto done = sweep_personal_copies(store, dir, now, idle_days);
        if (done.copies || done.orphans)
            log::info("removed " + std::to_string(done.copies) + " personal ebook copies and " +
                      std::to_string(done.orphans) + " files no copy named");
    });
}

}  // namespace bf::mailer
