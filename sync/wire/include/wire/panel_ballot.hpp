// A 评议会 ballot cast on a kiosk (issue 28): the panelist types the one-time code from their slip,
// the kiosk asks its hub for the ballot that code opens (GET /api/v1/panel-ballots/{code}: the
// panel's title, the seat's category, the grades of the panel's scale and the commitments to
// grade), and sends back one grade or "skip" per commitment (POST, same path). The kiosk never
// stores a ballot: the code is spent on the hub, which alone can tell whether it still may be.
// Pure functions over values; thread-safe.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wire {

// Ten digits, as printed on a slip (spaces typed or printed between groups are not part of it).
inline constexpr std::size_t kPanelCodeDigits = 10;
bool isPanelCode(std::string_view code);

// The grades a panel may give, best first, and the answer that grades nothing.
inline constexpr std::string_view kPanelSkip = "skip";
bool isPanelGradeName(std::string_view name);  // good, fairly_good, fair, poor

class PanelBallotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PanelBallotForm {
  std::string title;                // the panel's, as its organiser named it
  std::string category;             // the seat's: npc_deputy, party_deputy, cppcc_member, client, public_rep
  std::vector<std::string> grades;  // the scale's grade names, best first (3 or 4)
  std::vector<std::string> items;   // commitment ids of the hall's list, in the order to ask them
};
std::string encodePanelBallotForm(const PanelBallotForm& form);
// Throws PanelBallotError naming the field that is wrong.
PanelBallotForm parsePanelBallotForm(std::string_view json);

// One answer per commitment of the form: a grade name of its scale, or kPanelSkip.
struct PanelBallot {
  std::vector<std::pair<std::string, std::string>> grades;  // (commitment id, grade or "skip")
};
std::string encodePanelBallot(const PanelBallot& ballot);
// Throws PanelBallotError naming the field that is wrong (the hub then checks the ids and grades
// against the panel).
PanelBallot parsePanelBallot(std::string_view json);

// Why the hub refused a code or a ballot, as the "reason" of its error answer: the kiosk words it.
inline constexpr std::string_view kPanelUnknown = "unknown";  // 404: no such code (for this hall)
inline constexpr std::string_view kPanelUsed = "used";        // 410: the code has voted
inline constexpr std::string_view kPanelClosed = "closed";    // 410: the panel is over

}  // namespace wire
