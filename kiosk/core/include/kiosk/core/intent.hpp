// What a resident asked for by tapping: produced by the views, carried out by the app.
// A plain value, so the app and its tests need no UI library.
#pragma once

#include <cstddef>

#include "kiosk/core/rating.hpp"

namespace kiosk {

struct Intent {
  enum class Kind {
    Start,
    Open,
    Back,
    Finish,
    Rate,
    ChooseReason,
    ToggleLargeText,
    ToggleHighContrast,
    ToggleReadAloud,
    Listen,  // the detail screen's 再听一遍 / 停止
    NextLanguage,
    ChooseChip,
    // Staff mode: the hidden gesture, the PIN pad (index = digit), the staff screen's buttons.
    StaffGesture,
    PinDigit,
    PinErase,
    PinSubmit,
    StaffLeave,
    StaffSyncNow,
    StaffExport,
    StaffQuit,
    // 评议会 panel mode: the attract screen's button, the code pad (index = digit), a grade for a
    // commitment (index = the commitment, option = the grade, or the grades' count for 不评), sending
    // the ballot, another panelist's turn after a counted ballot, and leaving.
    PanelEnter,
    PanelDigit,
    PanelErase,
    PanelSubmitCode,
    PanelAnswer,
    PanelSubmit,
    PanelAgain,
    PanelLeave
  };
  Kind kind = Kind::Start;
  std::size_t index = 0;  // Open: commitment index; ChooseReason: option index; ChooseChip: chip index
  Rating rating = Rating::Good;
  std::size_t option = 0;  // PanelAnswer: the grade's index

  static Intent start() { return {Kind::Start, 0, Rating::Good}; }
  static Intent open(std::size_t i) { return {Kind::Open, i, Rating::Good}; }
  static Intent back() { return {Kind::Back, 0, Rating::Good}; }
  static Intent finish() { return {Kind::Finish, 0, Rating::Good}; }
  static Intent rate(Rating r) { return {Kind::Rate, 0, r}; }
  static Intent chooseReason(std::size_t option) { return {Kind::ChooseReason, option, Rating::Good}; }
  static Intent chooseChip(std::size_t chip) { return {Kind::ChooseChip, chip, Rating::Good}; }
  static Intent pinDigit(std::size_t digit) { return {Kind::PinDigit, digit, Rating::Good}; }
  static Intent of(Kind k) { return {k, 0, Rating::Good}; }
  static Intent panelDigit(std::size_t digit) { return {Kind::PanelDigit, digit, Rating::Good}; }
  static Intent panelAnswer(std::size_t item, std::size_t option) {
    return {Kind::PanelAnswer, item, Rating::Good, option};
  }
};

}  // namespace kiosk
