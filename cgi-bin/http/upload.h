#pragma once
// Uploaded files: what an image really is (by its first bytes, never its name or claimed
// type), and writing a file where nginx serves it.
#include <string>
#include <string_view>

namespace bf::http {

enum class ImageType { Unknown, Jpeg, Png, Webp };

ImageType sniff_image(std::string_view data);
const char* image_extension(ImageType type);  // "jpg", "png", "webp"

// Writes `data` to root/relative_path through a temporary file and a rename, so nginx never
// serves half a file; creates missing directories. Files are world-readable (nginx runs as
// another user). Throws std::runtime_error.
void store_file(const std::string& root, const std::string& relative_path, std::string_view data);
// Removes a stored file again (nothing when it is gone already).
void remove_file(const std::string& root, const std::string& relative_path);

}  // namespace bf::http
