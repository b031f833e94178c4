// Private to the console: its one route table — every path it answers (named in
// hub/core/console_paths.hpp), the method, who may use it, what body it takes, the server lane it
// runs on, and the page, form or sign-in step that answers it. Console::Impl dispatches on it and
// nothing else decides what a path is. Immutable; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "page_context.hpp"

namespace hub::console {

enum class Access { Anyone, SignedIn, Admin };
enum class Body { None, Form, Upload };
// The steps before a session exists (and leaving it), answered by Console::Impl itself.
enum class SignInStep { None, LoginForm, Login, CodeForm, Code, Static, Logout };

struct Route {
  std::string_view method;
  std::string_view pattern;
  Access access;
  Body body;
  RequestHandler::Lane lane;
  // A page or form of a signed-in user: `part` is what the pattern's {…} matched, `form` the
  // posted fields (null for a GET). Null for a sign-in step.
  Response (*page)(PageContext& ctx, std::string_view part, const Fields* form);
  SignInStep signIn = SignInStep::None;
  bool takesUploadTurn = false;  // reads a whole list or upload: one at a time (Console::Impl)
};

const std::vector<Route>& routes();

struct RouteMatch {
  const Route* route = nullptr;  // null: no route for this method (and path, when !pathKnown)
  bool pathKnown = false;        // some route has this path, with another method
  std::string_view part;         // what the pattern's {…} matched
};
RouteMatch matchRoute(std::string_view method, std::string_view path);

}  // namespace hub::console
