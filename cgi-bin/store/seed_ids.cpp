#include "store/seed_ids.h"

#include <map>
#include <stdexcept>

namespace bf::store {

std::vector<int64_t> ids_by_unique_key(db::Connection& db, const char* table, const char* key_column,
                                       const std::vector<std::string>& keys) {
    std::vector<db::Param> params;
    params.reserve(keys.size());
    for (const auto& k : keys) params.push_back(db::to_param(k));
    std::map<std::string, int64_t> id_of;
    for (const auto& r : db.query_params(std::string("SELECT ") + key_column + ", id FROM " + table + " WHERE " +
                                             key_column + " IN (" + db::placeholders(keys.size()) + ")",
                                         params))
        id_of[r.str(0)] = r.i64(1);
    std::vector<int64_t> ids;
    ids.reserve(keys.size());
    for (const auto& k : keys) {
        const auto it = id_of.find(k);
        if (it == id_of.end()) throw std::runtime_error(std::string("a row just inserted into ") + table + " is missing: " + k);
        ids.push_back(it->second);
    }
    return ids;
}

}  // namespace bf::store
