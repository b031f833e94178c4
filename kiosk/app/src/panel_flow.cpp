#include "kiosk/app/panel_flow.hpp"

#include "wire/endpoints.hpp"
#include "wire/panel_ballot.hpp"

namespace kiosk::app {

namespace {

using Step = PanelPrompt::Step;

// The hub's "reason" for a refusal (wire/panel_ballot.hpp), or "".
std::string reasonOf(const std::string& body) {
  for (const auto reason : {wire::kPanelUsed, wire::kPanelClosed, wire::kPanelUnknown})
    if (body.find("\"reason\":\"" + std::string(reason) + "\"") != std::string::npos) return std::string(reason);
  return {};
}

// A refusal or a failure in the panelist's words (a string table key).
std::string problemOf(int status, const std::string& body) {
  if (status == 0 || status >= 500) return "panel.unreachable";
  if (status == 429) return "panel.busy";
  const std::string reason = reasonOf(body);
  if (reason == wire::kPanelUsed) return "panel.used";
  if (reason == wire::kPanelClosed) return "panel.closed";
  if (status == 404) return "panel.unknown";
  return "panel.refused";
}

}  // namespace

void PanelFlow::reset() {
  prompt_ = {};
  code_.clear();
  ++ticket_;  // an answer still on its way is for a panelist who has gone
}

void PanelFlow::digit(int d) {
  if (prompt_.step != Step::Typing || d < 0 || d > 9 || prompt_.digits.size() >= PanelPrompt::kCodeDigits) return;
  prompt_.digits.push_back(static_cast<char>('0' + d));
  prompt_.problem.clear();
}

void PanelFlow::erase() {
  if (prompt_.step != Step::Typing || prompt_.digits.empty()) return;
  prompt_.digits.pop_back();
  prompt_.problem.clear();
}

PanelRequest PanelFlow::request(PanelRequest::Method method, std::string body) {
  waitingFor_ = method;
  prompt_.step = Step::Waiting;
  prompt_.problem.clear();
  return {method, wire::endpoint::panelBallotPath(code_), std::move(body), ++ticket_};
}

std::optional<PanelRequest> PanelFlow::submitCode() {
  if (prompt_.step != Step::Typing) return std::nullopt;
  if (!wire::isPanelCode(prompt_.digits)) {
    prompt_.problem = "panel.code_short";
    return std::nullopt;
  }
  code_ = prompt_.digits;
  return request(PanelRequest::Method::Get, "");
}

void PanelFlow::answer(std::size_t item, std::size_t option) {
  if (prompt_.step != Step::Ballot || item >= prompt_.items.size() || option > prompt_.grades.size()) return;
  prompt_.answers[item] = option;
  if (prompt_.unanswered() == 0) prompt_.problem.clear();
}

std::optional<PanelRequest> PanelFlow::submitBallot() {
  if (prompt_.step != Step::Ballot) return std::nullopt;
  // Every commitment answered, 不评 included: a ballot is never sent with a grade left by oversight.
  if (prompt_.unanswered() > 0) {
    prompt_.problem = "panel.unanswered";
    return std::nullopt;
  }
  wire::PanelBallot ballot;
  for (std::size_t i = 0; i < prompt_.items.size(); ++i) {
    const std::size_t a = *prompt_.answers[i];
    ballot.grades.emplace_back(prompt_.items[i],
                               a < prompt_.grades.size() ? prompt_.grades[a] : std::string(wire::kPanelSkip));
  }
  return request(PanelRequest::Method::Post, wire::encodePanelBallot(ballot));
}

void PanelFlow::answered(std::uint64_t ticket, int status, const std::string& body) {
  if (ticket != ticket_ || prompt_.step != Step::Waiting) return;
  if (waitingFor_ == PanelRequest::Method::Get) {
    if (status == 200) {
      try {
        const auto form = wire::parsePanelBallotForm(body);
        prompt_.step = Step::Ballot;
        prompt_.category = form.category;
        prompt_.grades = form.grades;
        prompt_.items = form.items;
        prompt_.answers.assign(form.items.size(), std::nullopt);
        return;
      } catch (const wire::PanelBallotError&) {
        status = 502;  // a hub that answers nonsense is as good as none
      }
    }
    prompt_.step = Step::Typing;
    prompt_.problem = problemOf(status, body);
    // A code that has voted, or whose panel is over, is of no more use: the pad starts empty.
    if (prompt_.problem == "panel.used" || prompt_.problem == "panel.closed") prompt_.digits.clear();
    return;
  }
  if (status == 200 || status == 201) {
    prompt_ = {};
    prompt_.step = Step::Done;
    return;
  }
  prompt_.problem = problemOf(status, body);
  if (prompt_.problem == "panel.unreachable" || prompt_.problem == "panel.busy" || status == 400) {
    prompt_.step = Step::Ballot;  // the grades stay: the panelist sends again
    return;
  }
  // Spent or closed meanwhile (the same code on a phone, the organiser closed the panel).
  const std::string problem = prompt_.problem;
  prompt_ = {};
  prompt_.problem = problem;
}

}  // namespace kiosk::app
