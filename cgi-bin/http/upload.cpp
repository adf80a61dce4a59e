#include "http/upload.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/crypto.h"

namespace bf::http {

ImageType sniff_image(std::string_view d) {
    if (d.size() >= 3 && d.compare(0, 3, "\xFF\xD8\xFF") == 0) return ImageType::Jpeg;
    if (d.size() >= 8 && d.compare(0, 8, std::string_view("\x89PNG\r\n\x1A\n", 8)) == 0) return ImageType::Png;
    if (d.size() >= 12 && d.compare(0, 4, "RIFF") == 0 && d.compare(8, 4, "WEBP") == 0) return ImageType::Webp;
    return ImageType::Unknown;
}

const char* image_extension(ImageType type) {
    switch (type) {
        case ImageType::Jpeg: return "jpg";
        case ImageType::Png: return "png";
        case ImageType::Webp: return "webp";
        default: return "bin";
    }
}

void remove_file(const std::string& root, const std::string& relative_path) {
    std::error_code ec;
    std::filesystem::remove(std::filesystem::path(root) / relative_path, ec);
}

void store_file(const std::string& root, const std::string& relative_path, std::string_view data) {
    const std::filesystem::path target = std::filesystem::path(root) / relative_path;
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) throw std::runtime_error("cannot create " + target.parent_path().string() + ": " + ec.message());
    ::chmod(target.parent_path().c_str(), 0755);
    const std::string tmp = target.string() + ".tmp-" + crypto::random_token(8);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
        if (!out) throw std::runtime_error("cannot write " + tmp);
    }
    ::chmod(tmp.c_str(), 0644);
    if (std::rename(tmp.c_str(), target.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw std::runtime_error("cannot move an upload into " + target.string());
    }
}

}  // namespace bf::http
