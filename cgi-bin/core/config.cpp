#include "core/config.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "core/text.h"

namespace bf {

Config Config::load(const std::string& path) {
    std::map<std::string, std::string> values;
    if (!path.empty()) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot read config file " + path);
        std::string line;
        while (std::getline(in, line)) {
            const std::string trimmed = trim(line);
            if (trimmed.empty() || trimmed[0] == '#') continue;
            const auto eq = trimmed.find('=');
            if (eq == std::string::npos) throw std::runtime_error("config line without '=': " + trimmed);
            values[trim(trimmed.substr(0, eq))] = trim(trimmed.substr(eq + 1));
        }
    }
    return from_map(std::move(values));
}

Config Config::from_map(std::map<std::string, std::string> values) {
    Config c;
    c.values_ = std::move(values);
    return c;
}

std::string Config::get(const std::string& key, const std::string& fallback) const {
    const std::string env_name = "BOOKFAIR_" + to_upper(key);
    if (const char* env = std::getenv(env_name.c_str())) return env;
    const auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
}

std::string Config::require(const std::string& key) const {
    std::string v = get(key);
    if (v.empty()) throw std::runtime_error("config key '" + key + "' is required");
    return v;
}

int64_t Config::get_int(const std::string& key, int64_t fallback) const {
    const std::string v = get(key);
    if (v.empty()) return fallback;
    try {
        return std::stoll(v);
    } catch (const std::exception&) {
        throw std::runtime_error("config key '" + key + "' is not a number: " + v);
    }
}

bool Config::get_bool(const std::string& key, bool fallback) const {
    const std::string v = to_lower(get(key));
    if (v.empty()) return fallback;
    return v == "1" || v == "true" || v == "yes" || v == "on";
}

std::string config_path_from_args(int argc, char** argv) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--config") return argv[i + 1];
    if (const char* env = std::getenv("BOOKFAIR_CONFIG")) return env;
    return "";
}

}  // namespace bf
