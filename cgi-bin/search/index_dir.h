#pragma once
// Where the search index lives on a host: `search_index_dir`/current is a symlink to the index
// in use (`index-<time>-<pid>`). A rebuild writes a new directory beside it and then renames a
// fresh symlink over `current`, one atomic step: readers see the old index or the new one,
// never a half-built one.
#include <optional>
#include <string>

namespace bf::search {

class IndexDir {
public:
    explicit IndexDir(std::string root) : root_(std::move(root)) {}

    const std::string& root() const { return root_; }
    // The directory `current` points to (absolute), or nullopt when there is no index yet.
    std::optional<std::string> current() const;
    // A new, unused directory path for a rebuild (not created).
    std::string fresh_path() const;
    // Makes `dir` the current index (atomic rename of a symlink).
    void switch_to(const std::string& dir) const;
    // Removes every index directory except `keep` (best effort: a reader may still hold files open,
    // which Linux keeps until they are closed).
    void remove_all_but(const std::string& keep) const;

    // The change-log consumer name of an index directory: host name and directory name.
    static std::string consumer_name(const std::string& dir);

private:
    std::string root_;
};

}  // namespace bf::search
