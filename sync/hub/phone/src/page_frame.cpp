// The residents' pages' frame: one template per page inside phone_layout, the words as `t`, the
// style inline (its hash is in the policy), and the message page every refusal uses.
#include <stdexcept>

#include "resident_context.hpp"

namespace hub::phone {

std::string_view embeddedFile(std::string_view name);

namespace {

std::string render(std::string_view templateName, const Data& data) {
  kainjow::mustache::mustache tmpl{std::string(embeddedFile(std::string(templateName) + ".mustache"))};
  if (!tmpl.is_valid()) throw std::logic_error("template " + std::string(templateName) + ": " + tmpl.error_message());
  return tmpl.render(data);
}

Data wordsData(const Strings& t) {
  Data words{Data::type::object};
  for (const auto& [k, v] : t.text) words.set(k, v);
  return words;
}

}  // namespace

Response renderPage(const Strings& t, int status, const std::string& templateName, const std::string& title,
                    Data content) {
  content.set("t", wordsData(t));
  Data page{Data::type::object};
  page.set("t", wordsData(t));
  page.set("lang", t.lang);
  page.set("title", title);
  page.set("style", std::string(embeddedFile("phone.css")));
  page.set("content", render(templateName, content));
  return {status, "text/html; charset=utf-8", render("phone_layout", page), {}};
}

Response messagePage(const Strings& t, int status, const std::string& title, const std::string& message,
                     const std::string& advice) {
  Data content{Data::type::object};
  content.set("title", title);
  content.set("message", message);
  if (!advice.empty()) content.set("advice", advice);
  Response res = renderPage(t, status, "phone_message", title, std::move(content));
  res.headers.emplace_back("Cache-Control", "no-store");
  return res;
}

}  // namespace hub::phone
