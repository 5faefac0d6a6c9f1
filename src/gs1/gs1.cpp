#include "gs1/gs1.h"

#include <array>
#include <cstdio>

#include "core/error.h"

namespace wareflow::gs1 {
namespace {

constexpr int64_t kMsPerDay = 86400000;

enum class Charset { digits, cset82 };

// What a value means beyond its text, which decides the typed field it fills.
enum class Meaning { text, date, count, net_weight };

struct AiDefinition {
  std::string_view ai;
  std::string_view title;  // GS1 data title, for messages
  // Equal for fixed-length AIs. Every fixed-length AI here is also in GS1's
  // table of predefined lengths, so raw scans need no GS after it.
  size_t min_length;
  size_t max_length;
  Charset charset;
  Meaning meaning;
  bool has_check_digit;
  int decimals;  // AI 310n only
  std::optional<std::string> ElementString::*text_field;
  std::optional<int64_t> ElementString::*number_field;
};

// The AIs are prefix-free (GS1 guarantees it for all AIs), so a raw scan's
// next AI is the one table entry its leading digits start with.
const std::array<AiDefinition, 21>& ai_table() {
  using ES = ElementString;
  using enum Charset;
  using enum Meaning;
  // clang-format off
  static const std::array<AiDefinition, 21> table = {{
    // AI    title               min max charset     meaning        check  dec text field         number field
    {"00",   "SSCC",             18, 18, digits,     text,          true,  0, &ES::sscc,          nullptr},
    {"01",   "GTIN",             14, 14, digits,     text,          true,  0, &ES::gtin,          nullptr},
    {"02",   "CONTENT",          14, 14, digits,     text,          true,  0, &ES::content_gtin,  nullptr},
    {"10",   "BATCH/LOT",         1, 20, cset82,     text,          false, 0, &ES::lot,           nullptr},
    {"11",   "PROD DATE",         6,  6, digits,     date,          false, 0, nullptr,            &ES::production_ms},
    {"13",   "PACK DATE",         6,  6, digits,     date,          false, 0, nullptr,            nullptr},
    {"15",   "BEST BEFORE",       6,  6, digits,     date,          false, 0, nullptr,            &ES::best_before_ms},
    {"16",   "SELL BY",           6,  6, digits,     date,          false, 0, nullptr,            nullptr},
    {"17",   "USE BY OR EXPIRY",  6,  6, digits,     date,          false, 0, nullptr,            &ES::expiry_ms},
    {"21",   "SERIAL",            1, 20, cset82,     text,          false, 0, &ES::serial,        nullptr},
    {"240",  "ADDITIONAL ID",     1, 30, cset82,     text,          false, 0, nullptr,            nullptr},
    {"250",  "SECONDARY SERIAL",  1, 30, cset82,     text,          false, 0, nullptr,            nullptr},
    {"30",   "VAR. COUNT",        1,  8, digits,     count,         false, 0, nullptr,            &ES::count},
    {"3100", "NET WEIGHT (kg)",   6,  6, digits,     net_weight,    false, 0, nullptr,            &ES::net_weight_g},
    {"3101", "NET WEIGHT (kg)",   6,  6, digits,     net_weight,    false, 1, nullptr,            &ES::net_weight_g},
    {"3102", "NET WEIGHT (kg)",   6,  6, digits,     net_weight,    false, 2, nullptr,            &ES::net_weight_g},
    {"3103", "NET WEIGHT (kg)",   6,  6, digits,     net_weight,    false, 3, nullptr,            &ES::net_weight_g},
    {"3104", "NET WEIGHT (kg)",   6,  6, digits,     net_weight,    false, 4, nullptr,            &ES::net_weight_g},
    {"3105", "NET WEIGHT (kg)",   6,  6, digits,     net_weight,    false, 5, nullptr,            &ES::net_weight_g},
    {"37",   "COUNT",             1,  8, digits,     count,         false, 0, nullptr,            &ES::count},
    {"400",  "ORDER NUMBER",      1, 30, cset82,     text,          false, 0, nullptr,            nullptr},
  }};
  // clang-format on
  return table;
}

const AiDefinition* find_ai(std::string_view ai) {
  for (const AiDefinition& def : ai_table()) {
    if (def.ai == ai) return &def;
  }
  return nullptr;
}

bool is_fixed_length(const AiDefinition& def) { return def.min_length == def.max_length; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view text) {
  for (char c : text) {
    if (!is_digit(c)) return false;
  }
  return true;
}

// GS1 General Specifications figure 7.11-1: A-Z a-z 0-9 and 20 symbols.
bool is_cset82(char c) {
  if (is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
  constexpr std::string_view symbols = "!\"%&'()*+,-./:;<=>?_";
  return symbols.find(c) != std::string_view::npos;
}

// One byte for a message: never the raw byte, so a message is always
// printable ASCII whatever was scanned.
std::string describe(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (c == kGroupSeparator) return "GS (0x1D)";
  if (c == ' ') return "a space";
  if (byte > 0x20 && byte < 0x7f) return std::string("'") + c + "'";
  char buf[16];
  std::snprintf(buf, sizeof buf, "byte 0x%02X", static_cast<unsigned>(byte));
  return buf;
}

// Text from the caller for a message: printable ASCII kept, the rest \xNN,
// cut short when long.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  size_t shown = 0;
  for (char c : text) {
    if (++shown > 40) {
      out += "...";
      break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\') {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(byte));
      out += buf;
    }
  }
  return out + "\"";
}

std::string position(size_t index) { return "position " + std::to_string(index + 1); }

std::string name(const AiDefinition& def) {
  return "AI (" + std::string(def.ai) + ") " + std::string(def.title);
}

[[noreturn]] void refuse(const std::string& field, const std::string& detail) {
  throw DomainError(422, "invalid_gs1", detail, field);
}

int64_t digits_value(std::string_view digits) {  // callers check: digits only, at most 18
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

int64_t power_of_ten(size_t n) {
  int64_t p = 1;
  for (size_t i = 0; i < n; ++i) p *= 10;
  return p;
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if (a % b != 0 && (a < 0) != (b < 0)) --q;
  return q;
}

// Days since 1970-01-01 for a proleptic Gregorian date and back (Howard
// Hinnant's algorithms), in int64 so any reference time is safe.
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t year_of_days(int64_t z) {
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int64_t days_in_month(int64_t y, int64_t m) {
  static const int64_t days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

const char* const kMonthNames[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

// GS1 General Specifications 7.12: the century that puts a two-digit year
// within 49 years before or 50 years after the reference year.
int64_t full_year(int64_t yy, int64_t reference_ms) {
  const int64_t reference_year = year_of_days(floor_div(reference_ms, kMsPerDay));
  const int64_t reference_yy = reference_year - floor_div(reference_year, 100) * 100;
  int64_t century = reference_year - reference_yy;
  const int64_t ahead = yy - reference_yy;
  if (ahead >= 51) century -= 100;
  if (ahead <= -50) century += 100;
  return century + yy;
}

// A checked YYMMDD value to UTC midnight epoch ms.
int64_t date_ms(const AiDefinition& def, const std::string& value, int64_t reference_ms,
                const std::string& field) {
  const int64_t year = full_year(digits_value(value.substr(0, 2)), reference_ms);
  const int64_t month = digits_value(value.substr(2, 2));
  int64_t day = digits_value(value.substr(4, 2));
  if (month < 1 || month > 12) {
    refuse(field,
           name(def) + " " + value + " is not a date: there is no month " + std::to_string(month));
  }
  const int64_t month_days = days_in_month(year, month);
  if (day > month_days) {
    refuse(field, name(def) + " " + value + " is not a date: " + kMonthNames[month - 1] + " " +
                      std::to_string(year) + " has " + std::to_string(month_days) + " days");
  }
  if (day == 0) day = month_days;  // GS1: day 00 is the end of the month
  return days_from_civil(year, month, day) * kMsPerDay;
}

// A checked 6-digit AI 310n value, kg with n decimals, to whole grams.
int64_t grams(const std::string& value, int decimals) {
  const int64_t v = digits_value(value);
  if (decimals <= 3) return v * power_of_ten(static_cast<size_t>(3 - decimals));
  const int64_t divisor = power_of_ten(static_cast<size_t>(decimals - 3));
  return (v + divisor / 2) / divisor;
}

void check_value(const AiDefinition& def, const std::string& value, const std::string& field) {
  const bool digits = def.charset == Charset::digits;
  const std::string unit = digits ? " digits" : " characters";
  if (is_fixed_length(def) && value.size() != def.min_length) {
    refuse(field, name(def) + " must be " + std::to_string(def.min_length) + unit + ", got " +
                      std::to_string(value.size()));
  }
  if (value.empty()) refuse(field, name(def) + " is empty");
  if (value.size() > def.max_length) {
    refuse(field, name(def) + " is " + std::to_string(value.size()) + unit + " long, at most " +
                      std::to_string(def.max_length) + " allowed");
  }
  for (size_t i = 0; i < value.size(); ++i) {
    if (digits && !is_digit(value[i])) {
      refuse(field, name(def) + " must be digits only, found " + describe(value[i]) +
                        " at character " + std::to_string(i + 1) + " of its value");
    }
    if (!digits && !is_cset82(value[i])) {
      refuse(field, name(def) + " has " + describe(value[i]) + " at character " +
                        std::to_string(i + 1) + " of its value, outside the GS1 character set 82");
    }
  }
  if (def.has_check_digit && !has_valid_check_digit(value)) {
    throw DomainError(422, "invalid_check_digit",
                      name(def) + " " + value + " has check digit " + value.back() + ", expected " +
                          check_digit(std::string_view(value).substr(0, value.size() - 1)),
                      field);
  }
}

// Checks element after element and fills the typed fields, refusing
// conflicts; parse and the builders share it so they agree on what is valid.
class Collector {
 public:
  Collector(std::string field, int64_t reference_ms, bool collapse_repeats)
      : field_(std::move(field)),
        reference_ms_(reference_ms),
        collapse_repeats_(collapse_repeats) {}

  void add(const AiDefinition& def, std::string value) {
    check_value(def, value, field_);
    for (const auto& [ai, earlier] : result_.elements) {
      if (ai != def.ai) continue;
      if (earlier == value && collapse_repeats_) return;
      refuse(field_, name(def) + (earlier == value ? " is given twice"
                                                   : " is given twice with different values"));
    }
    if (def.text_field != nullptr) {
      // Each text field has one AI, so the repeat check above covers conflicts.
      result_.*def.text_field = value;
    }
    if (def.number_field != nullptr) {
      int64_t number = 0;
      switch (def.meaning) {
        case Meaning::date:
          number = date_ms(def, value, reference_ms_, field_);
          break;
        case Meaning::count:
          number = digits_value(value);
          break;
        case Meaning::net_weight:
          number = grams(value, def.decimals);
          break;
        case Meaning::text:
          break;
      }
      set_number(def, number);
    } else if (def.meaning == Meaning::date) {
      date_ms(def, value, reference_ms_, field_);  // validates AI 13 and 16
    }
    result_.elements.emplace_back(std::string(def.ai), std::move(value));
  }

  ElementString finish() {
    if (result_.elements.empty()) refuse(field_, "there are no element strings");
    return std::move(result_);
  }

 private:
  // Two AIs may fill one field (30 and 37; 3100-3105); they must agree.
  void set_number(const AiDefinition& def, int64_t number) {
    std::optional<int64_t>& slot = result_.*def.number_field;
    if (slot && *slot != number) {
      std::string other;
      for (const auto& [ai, value] : result_.elements) {
        const AiDefinition* earlier = find_ai(ai);
        if (earlier != nullptr && earlier->number_field == def.number_field) other = ai;
      }
      const std::string unit = def.meaning == Meaning::net_weight ? " g" : "";
      refuse(field_, name(def) + " says " + std::to_string(number) + unit + " but AI (" + other +
                         ") says " + std::to_string(*slot) + unit);
    }
    slot = number;
  }

  std::string field_;
  int64_t reference_ms_;
  bool collapse_repeats_;
  ElementString result_;
};

const std::string kScanField = "scan";

// "(AI)value..." or "[AI]value...", scan[0] being the opening bracket.
void parse_bracketed(std::string_view scan, Collector& collector) {
  const char open = scan[0];
  const bool parentheses = open == '(';
  const char close = parentheses ? ')' : ']';
  const char wrong_close = parentheses ? ']' : ')';
  const std::string style = parentheses ? "( )" : "[ ]";
  size_t pos = 0;
  while (pos < scan.size()) {  // here scan[pos] == open
    const size_t opened_at = pos++;
    const size_t digits_start = pos;
    while (pos < scan.size() && is_digit(scan[pos]) && pos - digits_start <= 4) ++pos;
    const std::string_view ai = scan.substr(digits_start, pos - digits_start);
    if (ai.size() > 4) {
      refuse(kScanField, "the AI at " + position(opened_at) + " has more than 4 digits");
    }
    if (pos >= scan.size()) {
      refuse(kScanField,
             std::string("the '") + open + "' at " + position(opened_at) + " is never closed");
    }
    if (scan[pos] != close) {
      if (scan[pos] == wrong_close) {
        refuse(kScanField, std::string("the '") + open + "' at " + position(opened_at) +
                               " is closed by '" + wrong_close + "' at " + position(pos));
      }
      refuse(kScanField, std::string("expected an AI of 2 to 4 digits and '") + close +
                             "' after the '" + open + "' at " + position(opened_at) + ", found " +
                             describe(scan[pos]));
    }
    if (ai.size() < 2) {
      refuse(kScanField, "the AI at " + position(opened_at) + " has fewer than 2 digits");
    }
    const AiDefinition* def = find_ai(ai);
    if (def == nullptr) {
      refuse(kScanField, "AI (" + std::string(ai) + ") is unknown or not supported");
    }
    ++pos;
    std::string value;
    while (pos < scan.size() && scan[pos] != open) {
      const char c = scan[pos];
      if (parentheses && c == '\\' && pos + 1 < scan.size() && scan[pos + 1] == '(') {
        value += '(';
        pos += 2;
        continue;
      }
      // Brackets that are not GS1 characters: a scan mixing the two styles.
      if (c == '[' || c == ']') {
        refuse(kScanField, "unexpected " + describe(c) + " at " + position(pos) +
                               " in a scan that puts AIs in " + style);
      }
      value += c;
      ++pos;
    }
    collector.add(*def, std::move(value));
  }
}

// Optional symbology identifier, optional GS, then AI value [GS] AI value ...
void parse_raw(std::string_view scan, Collector& collector) {
  size_t pos = 0;
  if (scan[0] == ']') {
    const std::string_view id = scan.substr(0, 3);
    if (id != "]C1" && id != "]d2" && id != "]Q3" && id != "]e0") {
      refuse(kScanField,
             "symbology identifier " + quoted(id) + " is not a GS1 one (]C1, ]d2, ]Q3 or ]e0)");
    }
    pos = 3;
  }
  if (pos < scan.size() && scan[pos] == kGroupSeparator) ++pos;
  while (pos < scan.size()) {
    if (!is_digit(scan[pos])) {
      refuse(kScanField, "expected an AI at " + position(pos) + ", found " + describe(scan[pos]));
    }
    size_t run = 0;  // leading digits, at most 4
    while (run < 4 && pos + run < scan.size() && is_digit(scan[pos + run])) ++run;
    const AiDefinition* def = nullptr;
    for (size_t length = 2; length <= run && def == nullptr; ++length) {
      def = find_ai(scan.substr(pos, length));
    }
    if (def == nullptr) {
      if (run < 2 && pos + run >= scan.size()) {
        refuse(kScanField, "the scan ends inside the AI at " + position(pos));
      }
      if (run < 2) refuse(kScanField, "expected an AI of 2 to 4 digits at " + position(pos));
      refuse(kScanField, "the AI at " + position(pos) + " (digits " +
                             std::string(scan.substr(pos, run)) + ") is unknown or not supported");
    }
    pos += def->ai.size();
    const size_t start = pos;
    const size_t limit = is_fixed_length(*def) ? def->min_length : scan.size();
    while (pos < scan.size() && pos - start < limit && scan[pos] != kGroupSeparator) ++pos;
    collector.add(*def, std::string(scan.substr(start, pos - start)));
    if (pos < scan.size() && scan[pos] == kGroupSeparator) ++pos;
  }
}

// Checks elements as parse would, a repeated AI refused: what the builders
// print then parses back to exactly these elements.
void check_elements(const Elements& elements) {
  Collector collector("elements", now_ms(), /*collapse_repeats=*/false);
  for (const auto& [ai, value] : elements) {
    const AiDefinition* def = find_ai(ai);
    if (def == nullptr) refuse("elements", "AI " + quoted(ai) + " is unknown or not supported");
    collector.add(*def, value);
  }
  collector.finish();
}

std::string checked_length(std::string text) {
  if (text.size() > kMaxScanLength) {
    refuse("elements", "the elements make " + std::to_string(text.size()) +
                           " characters, over the " + std::to_string(kMaxScanLength) +
                           " a scan may have");
  }
  return text;
}

}  // namespace

char check_digit(std::string_view digits) {
  if (digits.empty() || !all_digits(digits)) {
    throw_invalid_field("digits", "a GS1 check digit needs one or more digits and nothing else");
  }
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    const int d = digits[digits.size() - 1 - i] - '0';
    sum += i % 2 == 0 ? 3 * d : d;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool has_valid_check_digit(std::string_view digits) {
  if (digits.size() < 2 || !all_digits(digits)) return false;
  return check_digit(digits.substr(0, digits.size() - 1)) == digits.back();
}

ElementString parse(std::string_view scan, int64_t reference_ms) {
  if (scan.empty()) refuse(kScanField, "the scan is empty");
  if (scan.size() > kMaxScanLength) {
    refuse(kScanField, "the scan is " + std::to_string(scan.size()) + " bytes, over the limit of " +
                           std::to_string(kMaxScanLength));
  }
  Collector collector(kScanField, reference_ms, /*collapse_repeats=*/true);
  if (scan[0] == '(' || scan[0] == '[') {
    parse_bracketed(scan, collector);
  } else {
    parse_raw(scan, collector);
  }
  return collector.finish();
}

std::string to_human_readable(const Elements& elements) {
  check_elements(elements);
  std::string out;
  for (const auto& [ai, value] : elements) {
    out += "(" + ai + ")";
    for (char c : value) {
      if (c == '(') out += '\\';
      out += c;
    }
  }
  return checked_length(std::move(out));
}

std::string to_bracketed(const Elements& elements) {
  check_elements(elements);
  std::string out;
  for (const auto& [ai, value] : elements) out += "[" + ai + "]" + value;
  return checked_length(std::move(out));
}

std::string to_raw(const Elements& elements) {
  check_elements(elements);
  std::string out;
  for (size_t i = 0; i < elements.size(); ++i) {
    out += elements[i].first + elements[i].second;
    const bool last = i + 1 == elements.size();
    if (!last && !is_fixed_length(*find_ai(elements[i].first))) out += kGroupSeparator;
  }
  return checked_length(std::move(out));
}

std::string make_sscc(int extension_digit, std::string_view gs1_company_prefix,
                      int64_t serial_reference) {
  if (extension_digit < 0 || extension_digit > 9) {
    throw_invalid_field("extension_digit",
                        "extension_digit must be 0 to 9, got " + std::to_string(extension_digit));
  }
  const size_t prefix_digits = gs1_company_prefix.size();
  if (prefix_digits < kMinCompanyPrefixDigits || prefix_digits > kMaxCompanyPrefixDigits ||
      !all_digits(gs1_company_prefix)) {
    throw_invalid_field("gs1_company_prefix", "gs1_company_prefix must be " +
                                                  std::to_string(kMinCompanyPrefixDigits) + " to " +
                                                  std::to_string(kMaxCompanyPrefixDigits) +
                                                  " digits and nothing else");
  }
  const size_t serial_digits = 16 - prefix_digits;
  const int64_t serial_limit = power_of_ten(serial_digits);
  if (serial_reference < 0 || serial_reference >= serial_limit) {
    throw_invalid_field("serial_reference",
                        "serial_reference must be 0 to " + std::to_string(serial_limit - 1) +
                            " with a " + std::to_string(prefix_digits) +
                            "-digit company prefix, got " + std::to_string(serial_reference));
  }
  const std::string serial = std::to_string(serial_reference);
  std::string sscc = std::to_string(extension_digit) + std::string(gs1_company_prefix) +
                     std::string(serial_digits - serial.size(), '0') + serial;
  sscc += check_digit(sscc);
  return sscc;
}

}  // namespace wareflow::gs1
