#include "search/index_dir.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace bf::search {

std::optional<std::string> IndexDir::current() const {
    std::error_code ec;
    const fs::path link = fs::path(root_) / "current";
    const fs::path target = fs::read_symlink(link, ec);
    if (ec) return std::nullopt;
    const fs::path dir = target.is_absolute() ? target : fs::path(root_) / target;
    if (!fs::is_directory(dir, ec)) return std::nullopt;
    return dir.string();
}

std::string IndexDir::fresh_path() const {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    return (fs::path(root_) / ("index-" + std::to_string(ms) + "-" + std::to_string(::getpid()))).string();
}

void IndexDir::switch_to(const std::string& dir) const {
    const fs::path tmp = fs::path(root_) / ("current.tmp-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove(tmp, ec);
    // Relative, so the whole directory can be moved or mounted elsewhere.
    fs::create_symlink(fs::path(dir).filename(), tmp);
    if (std::rename(tmp.c_str(), (fs::path(root_) / "current").c_str()) != 0)
        throw std::runtime_error("cannot switch the search index to " + dir);
}

void IndexDir::remove_all_but(const std::string& keep) const {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root_, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("index-", 0) != 0 || entry.path().filename() == fs::path(keep).filename()) continue;
        // index-<ms>-<pid>: a rebuild still running in another process keeps its directory.
        const auto dash = name.rfind('-');
        const pid_t owner = static_cast<pid_t>(std::atol(name.c_str() + dash + 1));
        if (owner > 0 && owner != ::getpid() && ::kill(owner, 0) == 0) continue;
        fs::remove_all(entry.path(), ec);
    }
}

std::string IndexDir::consumer_name(const std::string& dir) {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return std::string(host) + ":" + fs::path(dir).filename().string();
}

}  // namespace bf::search
