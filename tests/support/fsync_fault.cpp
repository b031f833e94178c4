#include "fsync_fault.hpp"

#include <dlfcn.h>

#include <atomic>
#include <cerrno>

#include <sys/types.h>

namespace testing::fsync_fault {
namespace {

enum class Mode { Off, FailFrom, FailOnce };

std::atomic<Mode> mode{Mode::Off};
std::atomic<Call> target{Call::Flush};
std::atomic<int> okLeft{0};
std::atomic<int> failed{0};

void arm(Mode m, int okCalls, Call call) {
  mode = Mode::Off;
  target = call;
  okLeft = okCalls;
  failed = 0;
  mode = m;
}

// True when this call must fail: counts the armed budget down, then fails once or for good.
bool shouldFail(Call call) {
  const Mode m = mode.load();
  if (m == Mode::Off || target.load() != call) return false;
  if (okLeft.fetch_sub(1) > 0) return false;
  if (m == Mode::FailOnce) mode = Mode::Off;
  ++failed;
  return true;
}

template <typename Fn>
Fn realFunction(const char* name) {
  return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
}

}  // namespace

void failFrom(int okCalls, Call call) { arm(Mode::FailFrom, okCalls, call); }
void failOnceAfter(int okCalls, Call call) { arm(Mode::FailOnce, okCalls, call); }
void heal() { mode = Mode::Off; }
int failures() { return failed.load(); }

}  // namespace testing::fsync_fault

// The data reached the page cache (the write succeeded); only the flush reports failure, as a
// failing device or a thin-provisioned volume does.
extern "C" int fsync(int fd) {
  using Fn = int (*)(int);
  static const Fn real = testing::fsync_fault::realFunction<Fn>("fsync");
  if (testing::fsync_fault::shouldFail(testing::fsync_fault::Call::Flush)) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

extern "C" int fdatasync(int fd) {
  using Fn = int (*)(int);
  static const Fn real = testing::fsync_fault::realFunction<Fn>("fdatasync");
  if (testing::fsync_fault::shouldFail(testing::fsync_fault::Call::Flush)) {
    errno = EIO;
    return -1;
  }
  return real(fd);
}

// SQLite writes pages with pwrite64. A failed write reports nothing written.
extern "C" ssize_t pwrite64(int fd, const void* buf, size_t count, off_t offset) {
  using Fn = ssize_t (*)(int, const void*, size_t, off_t);
  static const Fn real = testing::fsync_fault::realFunction<Fn>("pwrite64");
  if (testing::fsync_fault::shouldFail(testing::fsync_fault::Call::Write)) {
    errno = EIO;
    return -1;
  }
  return real(fd, buf, count, offset);
}
