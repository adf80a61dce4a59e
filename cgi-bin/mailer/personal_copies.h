#pragma once
// The sweep of personal EPUB copies (issue #19). A copy is made on a reader's first download of each
// version of an EPUB and kept under ebooks_dir/personal/; this removes the ones no longer worth keeping:
// copies of a file replaced since, copies whose licence ended (a refunded or cancelled order), and copies
// not downloaded for personal_copy_idle_days. Each row goes first (checked again as it is deleted), then its
// file, so a download never finds a row without a file; files no row names (a crash between the two,
// or a file the author removed) go once they are older than an hour. The next download makes a copy again.
#include <string>

#include "core/config.h"
#include "core/time.h"
#include "mailer/mailer.h"
#include "store/store.h"

namespace bf::mailer {

struct PersonalCopySweep {
    int copies = 0;   // rows and their files removed
    int orphans = 0;  // files no row named
};

PersonalCopySweep sweep_personal_copies(store::Store& store, const std::string& ebooks_dir, Time now, int idle_days);

// Every personal_copy_sweep_seconds (3600) on the mailer's clock.
void add_personal_copy_sweep(Mailer& mailer, const Config& config);

}  // namespace bf::mailer
