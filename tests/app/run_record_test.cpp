// The kiosk's run record: starts counted, a run that left its marker counted as unclean, a clean
// exit clearing the marker, and a damaged record never keeping the kiosk from starting.
#include <doctest/doctest.h>

#include "kiosk/app/run_record.hpp"
#include "temp_dir.hpp"

using namespace kiosk::app;

TEST_CASE("starts are counted, and a run without a clean exit is counted as unclean") {
  testing::TempDir dir;
  auto first = noteStart(dir.path());
  CHECK(first.starts == 1);
  CHECK(first.unclean == 0);
  noteCleanExit(dir.path());
  CHECK_FALSE(std::filesystem::exists(dir / kRunningMarker));
  const auto second = noteStart(dir.path());
  CHECK(second.starts == 2);
  CHECK(second.unclean == 0);
  // This run "crashes": no clean exit, the marker stays.
  const auto third = noteStart(dir.path());
  CHECK(third.starts == 3);
  CHECK(third.unclean == 1);
  CHECK(testing::readFile(dir / kRunsFile) == "starts=3 unclean=1\n");
}

TEST_CASE("a damaged record reads as zero and is written afresh") {
  CHECK(parseRunRecord("starts=7 unclean=2\n").starts == 7);
  CHECK(parseRunRecord("starts=7 unclean=2\n").unclean == 2);
  CHECK(parseRunRecord("").starts == 0);
  CHECK(parseRunRecord("starts=-4 unclean=x").starts == 0);
  CHECK(parseRunRecord("starts=99999999999999999999").starts == 0);  // beyond int64
  testing::TempDir dir;
  testing::writeFile(dir / kRunsFile, "\xFF\xFE garbage");
  CHECK(noteStart(dir.path()).starts == 1);
}

TEST_CASE("a data folder that cannot be written is named") {
  testing::TempDir dir;
  testing::writeFile(dir / "not-a-folder", "x");  // even root cannot write under a file
  CHECK_THROWS_WITH_AS(noteStart(dir / "not-a-folder"), doctest::Contains(kRunsFile), std::runtime_error);
}
