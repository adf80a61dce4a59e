#include "http/upload.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
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

namespace {

// A failed write: DiskFull when the file system has no room (or the quota is spent), else runtime_error.
[[noreturn]] void fail(const std::string& what, int error) {
    const std::string message = what + ": " + std::strerror(error);
    if (error == ENOSPC || error == EDQUOT) throw DiskFull(message);
    throw std::runtime_error(message);
}

// Writes all of `data` to a new file at `path` and makes it durable; on any failure the file is
// removed again (a full disk must leave no half-written file behind) and the error thrown.
void write_new_file(const std::string& path, std::string_view data) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) fail("cannot create " + path, errno);
    int error = 0;
    for (size_t at = 0; at < data.size() && !error;) {
        const ssize_t n = ::write(fd, data.data() + at, data.size() - at);
        if (n > 0) at += static_cast<size_t>(n);
        else if (n < 0 && errno != EINTR) error = errno;
        else if (n == 0) error = EIO;
    }
    // Some file systems report a full disk only when the data reaches it: at fsync or close.
    if (!error && ::fsync(fd) != 0) error = errno;
    if (::close(fd) != 0 && !error) error = errno;
    if (error) {
        ::unlink(path.c_str());
        fail("cannot write " + path, error);
    }
}

}  // namespace

void store_file(const std::string& root, const std::string& relative_path, std::string_view data) {
    const std::filesystem::path target = std::filesystem::path(root) / relative_path;
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) fail("cannot create " + target.parent_path().string(), ec.value());
    ::chmod(target.parent_path().c_str(), 0755);
    const std::string tmp = target.string() + ".tmp-" + crypto::random_token(8);
    write_new_file(tmp, data);
    ::chmod(tmp.c_str(), 0644);  // nginx runs as another user, whatever the umask
    if (std::rename(tmp.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(tmp.c_str());
        fail("cannot move an upload into " + target.string(), error);
    }
}

}  // namespace bf::http
