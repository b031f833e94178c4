// The phone sessions a kiosk's code opens (hub/phone): which phone, admitted by which code, may
// vote for what until when — and the limits that stop a photographed code becoming a ballot box:
// sessions per code, votes per session, requests per address. Held in this hub's memory and
// bounded; the one-vote-per-commitment rule itself is the database's (Api::recordPhoneVote), so it
// holds across hubs. Several hubs behind one address: a balancer keeps a phone on one hub (by
// address), or the resident scans again. Time is passed in; thread-safe (one mutex).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

namespace hub {

struct PhoneLimits {
  std::int64_t codeLifetimeSeconds = 120;
  std::int64_t sessionSeconds = 15 * 60;
  std::int64_t sessionsPerCode = 20;
  std::int64_t votesPerSession = 30;
  std::int64_t requestsPerAddressPerMinute = 60;
  std::size_t maxSessions = 200'000;       // a hall's busiest day is a few thousand; beyond: refused
  std::size_t maxAddresses = 100'000;      // addresses counted in one minute
  std::int64_t suggestionsPerSession = 3;  // 征求意见: a few, not a flood from one phone
};

struct PhoneSession {
  std::string id;
  std::string code;  // what admitted it: "<kiosk>/<nonce>" (a poster's: "poster/<its code>")
  std::string kiosk, hall;
  std::int64_t openedUnix = 0;
  std::set<std::string> voted;   // commitments this session rated
  std::int64_t suggestions = 0;  // suggestions this session left
};

enum class PhoneAdmission { Opened, Resumed, CodeUsedUp, Full };

class PhoneSessions {
 public:
  explicit PhoneSessions(PhoneLimits limits) : limits_(limits) {}

  // False when `address` made more than its requests this minute (the request is refused).
  bool allowRequest(const std::string& address, std::int64_t nowUnix);

  // The session `existingId` names if it is alive and was opened by `code`; else a new one under
  // `newId` if the code still admits one (`codeAdmits`: sessions the code may open in all; a code
  // used a day after its first session counts afresh, as a poster's does each day).
  struct Admitted {
    PhoneAdmission outcome = PhoneAdmission::Full;
    std::optional<PhoneSession> session = std::nullopt;
  };
  Admitted admit(const std::string& code, const std::string& kiosk, const std::string& hall,
                 const std::string& existingId, const std::string& newId, std::int64_t codeAdmits,
                 std::int64_t nowUnix);

  // The live session `id` opened by `code`, if any.
  std::optional<PhoneSession> find(const std::string& id, const std::string& code, std::int64_t nowUnix);

  // Records that session `id` rated `commitment`: false (nothing recorded) when the session is gone
  // or has used its votes. A commitment rated already stays recorded (the database says duplicate).
  bool noteVote(const std::string& id, const std::string& commitment, std::int64_t nowUnix);

  // Records that session `id` left a suggestion: false (nothing recorded) when the session is gone
  // or has left its suggestions.
  bool noteSuggestion(const std::string& id, std::int64_t nowUnix);
  std::size_t sessionCount();

 private:
  void pruneLocked(std::int64_t nowUnix);
  bool aliveLocked(const PhoneSession& s, std::int64_t nowUnix) const;

  PhoneLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, PhoneSession> sessions_;
  struct CodeUse {
    std::int64_t sessions = 0;
    std::int64_t firstUnix = 0;
  };
  std::unordered_map<std::string, CodeUse> codes_;  // sessions each code opened
  std::int64_t addressMinute_ = -1;
  std::unordered_map<std::string, std::int64_t> addressRequests_;  // this minute's
};

}  // namespace hub
