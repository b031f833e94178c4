#include "store_under_test.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "common/postgres.hpp"

namespace testing {

namespace {

// "postgresql:///NAME?host=FOLDER&port=PORT&user=kiosk_test" for the cluster the run started.
std::string urlOf(const std::string& database) {
  const char* file = std::getenv("KIOSK_TEST_POSTGRES");
  std::ifstream in(file ? file : "");
  std::string dir, port;
  if (!(in >> dir >> port))
    throw std::runtime_error(std::string("KIOSK_TEST_POSTGRES names no running cluster: ") + (file ? file : "(unset)"));
  return "postgresql:///" + database + "?host=" + dir + "&port=" + port + "&user=kiosk_test";
}

}  // namespace

bool onPostgres() {
  const char* file = std::getenv("KIOSK_TEST_POSTGRES");
  return file && *file;
}

std::string newPostgresDatabase() {
  static std::atomic<int> counter{0};
  const std::string name = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  common::sql::Database admin = common::sql::openPostgres(urlOf("postgres"));
  admin.exec("CREATE DATABASE " + name);
  return urlOf(name);
}

StoreUnderTest::StoreUnderTest(const std::filesystem::path& dir)
    : dir_(dir), url_(onPostgres() ? newPostgresDatabase() : std::string()) {}

common::sql::Database StoreUnderTest::hub() const {
  return postgres() ? common::sql::openPostgres(url_) : common::sql::Database(dir_ / "hub.db");
}

common::sql::Database StoreUnderTest::console() const {
  return postgres() ? common::sql::openPostgres(url_) : common::sql::Database(dir_ / "console.db");
}

hub::ReadPool::Opener StoreUnderTest::readers() const {
  if (postgres()) return [url = url_] { return common::sql::openPostgres(url); };
  return [file = dir_ / "hub.db"] { return common::sql::Database(file, common::sql::OpenMode::ReadOnly); };
}

}  // namespace testing
