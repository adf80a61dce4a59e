#pragma once
// Uploaded files: what an image really is (by its first bytes, never its name or claimed
// type), and writing a file where nginx serves it.
#include <stdexcept>
#include <string>
#include <string_view>

namespace bf::http {

enum class ImageType { Unknown, Jpeg, Png, Webp };

ImageType sniff_image(std::string_view data);
const char* image_extension(ImageType type);  // "jpg", "png", "webp"

// The file system that was written to has no room left (ENOSPC, or EDQUOT for a spent quota).
struct DiskFull : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes `data` to root/relative_path through a temporary file, fsync and a rename, so nginx never
// serves half a file and a failed write (a full disk) leaves no file behind; creates missing
// directories. Files are world-readable (nginx runs as another user). Throws DiskFull when the
// disk is full, std::runtime_error on any other failure.
void store_file(const std::string& root, const std::string& relative_path, std::string_view data);
// Removes a stored file again (nothing when it is gone already).
void remove_file(const std::string& root, const std::string& relative_path);

}  // namespace bf::http
