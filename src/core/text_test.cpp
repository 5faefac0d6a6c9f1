// The text rule (core/text.h): every control character refused, wherever it
// stands; malformed UTF-8 refused; every other code point accepted.
#include "core/text.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "core/error.h"

namespace wareflow {
namespace {

std::string utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

bool is_control(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// A code point that is text: printable ASCII, Latin-1 and beyond, CJK, emoji.
rc::Gen<uint32_t> text_code_point() {
  return rc::gen::suchThat(
      rc::gen::oneOf(
          rc::gen::inRange<uint32_t>(0x20, 0x7F), rc::gen::inRange<uint32_t>(0xA0, 0x800),
          rc::gen::inRange<uint32_t>(0x4E00, 0xA000), rc::gen::inRange<uint32_t>(0x1F300, 0x1FAFF),
          rc::gen::inRange<uint32_t>(0x20, 0x10FFFF)),
      [](uint32_t cp) { return !is_control(cp) && (cp < 0xD800 || cp > 0xDFFF); });
}

rc::Gen<uint32_t> control_code_point() {
  return rc::gen::oneOf(rc::gen::inRange<uint32_t>(0, 0x20), rc::gen::just<uint32_t>(0x7F),
                        rc::gen::inRange<uint32_t>(0x80, 0xA0));
}

RC_GTEST_PROP(Text, TextCodePointsPass, ()) {
  const auto cps = *rc::gen::container<std::vector<uint32_t>>(text_code_point());
  std::string s;
  for (uint32_t cp : cps) s += utf8(cp);
  RC_ASSERT(!text_fault(s).has_value());
}

RC_GTEST_PROP(Text, AControlCharacterAnywhereIsRefused, ()) {
  const auto cps = *rc::gen::container<std::vector<uint32_t>>(text_code_point());
  const uint32_t control = *control_code_point();
  const size_t at = *rc::gen::inRange<size_t>(0, cps.size() + 1);
  std::string s;
  for (size_t i = 0; i <= cps.size(); ++i) {
    if (i == at) s += utf8(control);
    if (i < cps.size()) s += utf8(cps[i]);
  }
  auto fault = text_fault(s);
  RC_ASSERT(fault.has_value());
  RC_ASSERT(fault->find("control character") != std::string::npos);
}

TEST(Text, EveryControlCharacterIsNamed) {
  for (uint32_t cp = 0; cp < 0xA0; ++cp) {
    const std::string s = "Ann" + utf8(cp) + "Lee";
    EXPECT_EQ(text_fault(s).has_value(), is_control(cp)) << cp;
  }
  EXPECT_EQ(text_fault("a\nb"), "contains a control character (U+000A)");
  EXPECT_EQ(text_fault(std::string("a\0b", 3)), "contains a control character (U+0000)");
  EXPECT_EQ(text_fault("\xC2\x85"), "contains a control character (U+0085)");
}

TEST(Text, MalformedUtf8IsRefused) {
  for (const char* bad :
       {"\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF8\x88\x80\x80\x80", "\xFF", "ok\x80"}) {
    EXPECT_EQ(text_fault(bad), "is not valid UTF-8") << bad;
  }
}

TEST(Text, UnicodeTextIsAccepted) {
  for (const char* good : {"", "Zoë Ångström", "Straße 5", "北京市朝阳区", "東京都", "🚚📦 ok",
                           "O'Brien & Söhne, \"quoted\""}) {
    EXPECT_FALSE(text_fault(good).has_value()) << good;
  }
}

TEST(Text, CheckTextNamesTheField) {
  try {
    check_text("Ann\tLee", "ship_to.name");
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.code(), "invalid_field");
    EXPECT_EQ(e.field(), "ship_to.name");
  }
}

}  // namespace
}  // namespace wareflow
