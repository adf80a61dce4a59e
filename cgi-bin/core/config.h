#pragma once
// Settings from a `key = value` file (--config or BOOKFAIR_CONFIG), each
// overridable by an environment variable BOOKFAIR_<KEY IN CAPITALS>.
#include <cstdint>
#include <map>
#include <string>

namespace bf {

class Config {
public:
    static Config load(const std::string& path);  // throws std::runtime_error
    static Config from_map(std::map<std::string, std::string> values);

    std::string get(const std::string& key, const std::string& fallback = "") const;
    std::string require(const std::string& key) const;  // throws when missing
    int64_t get_int(const std::string& key, int64_t fallback) const;
    bool get_bool(const std::string& key, bool fallback) const;

private:
    std::map<std::string, std::string> values_;
};

// The config path named by `--config FILE` in argv, else BOOKFAIR_CONFIG, else "".
std::string config_path_from_args(int argc, char** argv);

}  // namespace bf
