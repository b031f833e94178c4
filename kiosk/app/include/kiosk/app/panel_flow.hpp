// A 评议会 ballot on the kiosk (issue 28), as a state machine over a PanelPrompt: the panelist types
// the ten-digit code from their slip, the hub says which ballot it opens (or why not), the panelist
// gives each commitment a grade or 不评, and the ballot goes to the hub once. The flow asks for its
// requests and is told their answers: it does no I/O. It never stores a ballot — the code is spent
// on the hub, which alone knows whether it still may be — so an answer that does not come leaves
// the panelist on the screen with their grades, to send again; nothing is queued behind their back.
// Single-threaded (owned by the app on the UI thread).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/core/panel_prompt.hpp"

namespace kiosk::app {

// What the flow asks the hub: GET the ballot `path` opens, or POST `body` to it.
struct PanelRequest {
  enum class Method { Get, Post } method = Method::Get;
  std::string path;          // /api/v1/panel-ballots/<code>
  std::string body;          // Post: the wire ballot (wire/panel_ballot.hpp)
  std::uint64_t ticket = 0;  // the answer names it; answers to any other ticket are stale
};

class PanelFlow {
 public:
  const PanelPrompt& prompt() const { return prompt_; }

  // An empty pad (entering panel mode, leaving it, or after a ballot was counted).
  void reset();
  void digit(int d);
  void erase();
  // The code is complete: the request to send, else nothing (and the reason in the prompt).
  std::optional<PanelRequest> submitCode();
  // `option`: an index into the prompt's grades, or grades.size() for 不评.
  void answer(std::size_t item, std::size_t option);
  // Every commitment answered: the request to send, else nothing (and the reason in the prompt).
  std::optional<PanelRequest> submitBallot();
  // The hub's answer to the request with `ticket`: HTTP status (0: not reached) and body.
  void answered(std::uint64_t ticket, int status, const std::string& body);

 private:
  PanelRequest request(PanelRequest::Method method, std::string body);
  PanelPrompt prompt_;
  PanelRequest::Method waitingFor_ = PanelRequest::Method::Get;
  std::string code_;  // the code the ballot was opened with
  std::uint64_t ticket_ = 0;
};

}  // namespace kiosk::app
