#pragma once
// What the ebook pages share (issue #19): where the files live, the download settings, and the signed
// download links (a libsodium MAC over user, file and expiry).
#include <optional>
#include <string>

#include "core/time.h"
#include "pages/app.h"

namespace bf::pages::delivery {

// Config keys, with their defaults:
//   ebooks_dir ("ebooks" beside uploads_dir): outside every public location; nginx reaches it only through the
//     `internal` location kAccelPrefix, which the worker names in X-Accel-Redirect.
//   download_link_seconds (300): how long a signed download link works.
//   downloads_per_file_per_day (10): a reader's downloads of one file in a UTC day.
std::string files_dir(const App& app);
int link_seconds(const App& app);
int daily_cap(const App& app);

inline constexpr const char* kAccelPrefix = "/_ebooks/";

// "/download/FILE/EXPIRES/MAC": the link for `user_id`, valid until `expires`.
std::string signed_link(const App& app, int64_t user_id, int64_t file_id, Time expires);

enum class LinkCheck { Valid, Altered, Expired };
// Checks a link's parts for `user_id` (the visitor): Altered when the MAC does not match (another
// account's link, a changed file or expiry), Expired when its time has passed on the app's clock.
LinkCheck check_link(const App& app, int64_t user_id, int64_t file_id, const std::string& expires_text,
                     const std::string& mac_text, Time now);

}  // namespace bf::pages::delivery
