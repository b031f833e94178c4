#include "common/zip_archive.hpp"

#include <unzip.h>
#include <zip.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace common {

namespace {

// The archive's bytes and minizip's write position in them.
struct MemoryFile {
  std::string bytes;
  ZPOS64_T position = 0;
};

voidpf ZCALLBACK openMemory(voidpf opaque, const void*, int) { return opaque; }
uLong ZCALLBACK readMemory(voidpf, voidpf stream, void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  const auto available = f->position < f->bytes.size() ? f->bytes.size() - f->position : 0;
  const auto n = static_cast<uLong>(std::min<std::size_t>(size, available));
  std::memcpy(buf, f->bytes.data() + f->position, n);
  f->position += n;
  return n;
}
uLong ZCALLBACK writeMemory(voidpf, voidpf stream, const void* buf, uLong size) {
  auto* f = static_cast<MemoryFile*>(stream);
  if (f->position + size > f->bytes.size()) f->bytes.resize(static_cast<std::size_t>(f->position + size));
  std::memcpy(f->bytes.data() + f->position, buf, size);
  f->position += size;
  return size;
}
ZPOS64_T ZCALLBACK tellMemory(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->position; }
long ZCALLBACK seekMemory(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* f = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = f->position;
  else if (origin == ZLIB_FILEFUNC_SEEK_END) base = f->bytes.size();
  f->position = base + offset;
  return 0;
}
int ZCALLBACK closeMemory(voidpf, voidpf) { return 0; }
int ZCALLBACK errorMemory(voidpf, voidpf) { return 0; }

zlib_filefunc64_def memoryIo(MemoryFile& file) {
  zlib_filefunc64_def io{};
  io.zopen64_file = openMemory;
  io.zread_file = readMemory;
  io.zwrite_file = writeMemory;
  io.ztell64_file = tellMemory;
  io.zseek64_file = seekMemory;
  io.zclose_file = closeMemory;
  io.zerror_file = errorMemory;
  io.opaque = &file;
  return io;
}

constexpr uLong kMadeByUnix = (3u << 8) | 20u;  // host system Unix, ZIP 2.0: external attributes are modes
constexpr int kUtf8Names = 1 << 11;             // general purpose flag bit 11

}  // namespace

std::string zipArchive(const std::vector<ZipEntry>& entries, long long modifiedUnix) {
  MemoryFile file;
  zlib_filefunc64_def io = memoryIo(file);
  zipFile zip = zipOpen2_64("memory", APPEND_STATUS_CREATE, nullptr, &io);
  if (!zip) throw std::runtime_error("cannot start a ZIP archive");
  const std::time_t t = static_cast<std::time_t>(modifiedUnix);
  std::tm local{};
  localtime_r(&t, &local);
  for (const auto& e : entries) {
    zip_fileinfo info{};
    info.tmz_date = {static_cast<uInt>(local.tm_sec),  static_cast<uInt>(local.tm_min),
                     static_cast<uInt>(local.tm_hour), static_cast<uInt>(local.tm_mday),
                     static_cast<uInt>(local.tm_mon),  static_cast<uInt>(local.tm_year + 1900)};
    info.external_fa = static_cast<uLong>(e.secret ? 0100600 : 0100644) << 16;
    if (zipOpenNewFileInZip4_64(zip, e.path.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                Z_DEFAULT_COMPRESSION, 0, -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, nullptr, 0,
                                kMadeByUnix, kUtf8Names, 0) != ZIP_OK ||
        zipWriteInFileInZip(zip, e.content.data(), static_cast<unsigned>(e.content.size())) != ZIP_OK ||
        zipCloseFileInZip(zip) != ZIP_OK) {
      zipClose(zip, nullptr);
      throw std::runtime_error("cannot add " + e.path + " to a ZIP archive");
    }
  }
  if (zipClose(zip, nullptr) != ZIP_OK) throw std::runtime_error("cannot finish a ZIP archive");
  return std::move(file.bytes);
}

std::map<std::string, std::string> readZipMembers(std::string_view bytes, const std::vector<std::string>& wanted,
                                                  const ZipLimits& limits) {
  MemoryFile file{std::string(bytes), 0};
  zlib_filefunc64_def io = memoryIo(file);
  unzFile zip = unzOpen2_64("memory", &io);
  if (!zip) throw ZipError("not a ZIP archive (an .xlsx file is one; is this a CSV or an old .xls?)");
  struct Closer {
    unzFile z;
    ~Closer() { unzClose(z); }
  } closer{zip};
  unz_global_info64 global{};
  if (unzGetGlobalInfo64(zip, &global) != UNZ_OK) throw ZipError("the ZIP archive's directory cannot be read");
  if (global.number_entry > limits.maxEntries)
    throw ZipError("the archive holds " + std::to_string(global.number_entry) + " files, more than " +
                   std::to_string(limits.maxEntries));
  std::map<std::string, std::string> out;
  std::size_t total = 0;
  for (int status = unzGoToFirstFile(zip); status == UNZ_OK; status = unzGoToNextFile(zip)) {
    char name[1024];
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK)
      throw ZipError("a file in the archive cannot be read");
    if (std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
    if (unzOpenCurrentFile(zip) != UNZ_OK) throw ZipError(std::string(name) + " in the archive cannot be opened");
    std::string content;
    char buffer[64 * 1024];
    for (;;) {
      const int n = unzReadCurrentFile(zip, buffer, sizeof buffer);
      if (n < 0) {
        unzCloseCurrentFile(zip);
        throw ZipError(std::string(name) + " in the archive is damaged");
      }
      if (n == 0) break;
      content.append(buffer, static_cast<std::size_t>(n));
      total += static_cast<std::size_t>(n);
      // Counted as inflated, whatever the headers say: a small upload cannot fill memory.
      if (content.size() > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        unzCloseCurrentFile(zip);
        throw ZipError(
            std::string(name) + " expands to more than " +
            std::to_string((content.size() > limits.maxEntryBytes ? limits.maxEntryBytes : limits.maxTotalBytes) >>
                           20) +
            " MB (a damaged file, or a zip bomb)");
      }
    }
    if (unzCloseCurrentFile(zip) != UNZ_OK) throw ZipError(std::string(name) + " in the archive fails its checksum");
    out.emplace(name, std::move(content));
  }
  return out;
}

}  // namespace common
