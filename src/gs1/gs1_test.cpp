#include "gs1/gs1.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <exception>
#include <random>
#include <set>

#include "core/error.h"
#include "core/time.h"

namespace wareflow::gs1 {
namespace {

const std::string GS(1, kGroupSeparator);

// Scan data written in parts: symbology identifier, element strings, GS.
template <typename... Parts>
std::string join(const Parts&... parts) {
  return (std::string() + ... + std::string(parts));
}

// UTC midnight of an ISO date, through core/time rather than gs1.cpp's own
// calendar code, so the two check each other.
int64_t day(const char* iso_date) { return parse_rfc3339(iso_date, true).value(); }

const int64_t kIn2026 = day("2026-03-15");

ElementString parse_2026(std::string_view scan) { return parse(scan, kIn2026); }

// The code of the DomainError parse throws, "no error" when it accepts.
std::string error_code(std::string_view scan, int64_t reference_ms = kIn2026) {
  try {
    parse(scan, reference_ms);
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    EXPECT_EQ(e.field(), "scan");
    return e.code();
  }
  return "no error";
}

template <typename F>
std::string error_code_of(F&& f) {
  try {
    f();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.http_status(), 422);
    return e.code() + "@" + e.field();
  }
  return "no error";
}

std::string error_detail(std::string_view scan) {
  try {
    parse(scan, kIn2026);
  } catch (const DomainError& e) {
    return e.detail();
  }
  return "no error";
}

// --- check digits ---------------------------------------------------------

TEST(Gs1CheckDigit, KnownValues) {
  EXPECT_EQ(check_digit("0950600013435"), '2');      // GTIN 09506000134352, GS1 examples
  EXPECT_EQ(check_digit("10614141123456789"), '7');  // SSCC 106141411234567897
  EXPECT_EQ(check_digit("37610425002123456"), '9');  // SSCC in GS1 Gen Specs 7.9
  EXPECT_EQ(check_digit("400638133393"), '1');       // GTIN-13 4006381333931
  EXPECT_EQ(check_digit("0952123454321"), '3');      // GTIN 09521234543213
  EXPECT_EQ(check_digit("0"), '0');
  EXPECT_EQ(check_digit("1"), '7');
}

TEST(Gs1CheckDigit, Validates) {
  EXPECT_TRUE(has_valid_check_digit("09506000134352"));
  EXPECT_TRUE(has_valid_check_digit("106141411234567897"));
  EXPECT_TRUE(has_valid_check_digit("4006381333931"));
  EXPECT_TRUE(has_valid_check_digit("00"));
  EXPECT_FALSE(has_valid_check_digit("09506000134353"));
  EXPECT_FALSE(has_valid_check_digit("106141411234567898"));
  EXPECT_FALSE(has_valid_check_digit(""));
  EXPECT_FALSE(has_valid_check_digit("7"));
  EXPECT_FALSE(has_valid_check_digit("0950600013435A"));
  EXPECT_FALSE(has_valid_check_digit(" 09506000134352"));
}

TEST(Gs1CheckDigit, RefusesWhatIsNotDigits) {
  EXPECT_EQ(error_code_of([] { check_digit(""); }), "invalid_field@digits");
  EXPECT_EQ(error_code_of([] { check_digit("12a4"); }), "invalid_field@digits");
}

// --- the three spellings ----------------------------------------------------

TEST(Gs1Parse, HumanReadable) {
  const ElementString e = parse_2026("(01)09506000134352(17)261231(10)ABC123");
  EXPECT_EQ(e.gtin, "09506000134352");
  EXPECT_EQ(e.expiry_ms, day("2026-12-31"));
  EXPECT_EQ(e.lot, "ABC123");
  EXPECT_FALSE(e.sscc || e.content_gtin || e.serial || e.production_ms || e.best_before_ms ||
               e.count || e.net_weight_g);
  const Elements expected = {{"01", "09506000134352"}, {"17", "261231"}, {"10", "ABC123"}};
  EXPECT_EQ(e.elements, expected);
}

TEST(Gs1Parse, SquareBracketsAreTheSame) {
  EXPECT_EQ(parse_2026("[01]09506000134352[17]261231[10]ABC123"),
            parse_2026("(01)09506000134352(17)261231(10)ABC123"));
}

TEST(Gs1Parse, RawWithEverySymbologyIdentifier) {
  const ElementString expected = parse_2026("(01)09506000134352(10)ABC123(21)XYZ(17)261231");
  for (const std::string id : {"", "]C1", "]d2", "]Q3", "]e0"}) {
    const std::string scan = id + "0109506000134352" + "10ABC123" + GS + "21XYZ" + GS + "17261231";
    EXPECT_EQ(parse_2026(scan), expected) << id;
  }
}

TEST(Gs1Parse, RawToleratesLeadingTrailingAndFixedLengthSeparators) {
  const ElementString expected = parse_2026("(01)09506000134352(10)ABC");
  EXPECT_EQ(parse_2026(GS + "0109506000134352" + "10ABC"), expected);
  EXPECT_EQ(parse_2026("]C1" + GS + "0109506000134352" + "10ABC"), expected);
  EXPECT_EQ(parse_2026("]d2" + GS + "0109506000134352" + GS + "10ABC" + GS), expected);
}

TEST(Gs1Parse, RawVariableLengthRunsToTheSeparator) {
  // Without the GS the next AI is part of the lot: that is what the barcode says.
  EXPECT_EQ(parse_2026("10ABC12321XYZ").lot, "ABC12321XYZ");
  EXPECT_FALSE(parse_2026("10ABC12321XYZ").serial);
  EXPECT_EQ(parse_2026("10ABC123" + GS + "21XYZ").serial, "XYZ");
}

TEST(Gs1Parse, SsccOfAPallet) {
  const ElementString e = parse_2026(join("]C1", "00106141411234567897"));
  EXPECT_EQ(e.sscc, "106141411234567897");
  EXPECT_EQ(parse_2026("(00)106141411234567897"), e);
}

TEST(Gs1Parse, PalletLabelWithContentCountAndOrder) {
  const ElementString e =
      parse_2026(join("]C1", "00376104250021234569", "0209521234543213", "15270600", "3724", GS,
                      "400PO-4711/B", GS, "3103012500"));
  EXPECT_EQ(e.sscc, "376104250021234569");
  EXPECT_EQ(e.content_gtin, "09521234543213");
  EXPECT_EQ(e.best_before_ms, day("2027-06-30"));
  EXPECT_EQ(e.count, 24);
  EXPECT_EQ(e.net_weight_g, 12500);
  const Elements expected = {
      {"00", "376104250021234569"}, {"02", "09521234543213"}, {"15", "270600"}, {"37", "24"},
      {"400", "PO-4711/B"},         {"3103", "012500"}};
  EXPECT_EQ(e.elements, expected);
}

TEST(Gs1Parse, OtherDatesAndIdsLandInElementsOnly) {
  const ElementString e = parse_2026("(11)250101(13)250102(16)250103(240)A-1(250)S/2(21)7");
  EXPECT_EQ(e.production_ms, day("2025-01-01"));
  EXPECT_EQ(e.serial, "7");
  EXPECT_FALSE(e.best_before_ms || e.expiry_ms);
  ASSERT_EQ(e.elements.size(), 6u);
  EXPECT_EQ(e.elements[1], std::make_pair(std::string("13"), std::string("250102")));
  EXPECT_EQ(e.elements[3], std::make_pair(std::string("240"), std::string("A-1")));
  EXPECT_EQ(e.elements[4], std::make_pair(std::string("250"), std::string("S/2")));
}

TEST(Gs1Parse, EveryCset82CharacterIsAccepted) {
  const std::string symbols = "!\"%&'()*+,-./:;<=>?_";
  EXPECT_EQ(symbols.size() + 62, 82u);
  const std::string value = "[10]" + symbols;
  EXPECT_EQ(parse_2026(value).lot, symbols);
  EXPECT_EQ(parse_2026("[21]AZaz09").serial, "AZaz09");
  EXPECT_EQ(parse_2026("10" + symbols).lot, symbols);
}

TEST(Gs1Parse, ParenthesisInsideAValue) {
  EXPECT_EQ(parse_2026("(10)AB\\(C)(21)1").lot, "AB(C)");
  EXPECT_EQ(parse_2026("(10)AB\\(C)(21)1").serial, "1");
  EXPECT_EQ(parse_2026("[10]AB(C)[21]1").lot, "AB(C)");
  EXPECT_EQ(parse_2026("10AB(C)" + GS + "211").lot, "AB(C)");
  EXPECT_EQ(parse_2026("(10)A)B").lot, "A)B");
}

// --- dates --------------------------------------------------------------------

TEST(Gs1Dates, DayZeroIsTheEndOfTheMonth) {
  EXPECT_EQ(parse_2026("(17)260200").expiry_ms, day("2026-02-28"));
  EXPECT_EQ(parse_2026("(17)280200").expiry_ms, day("2028-02-29"));
  EXPECT_EQ(parse_2026("(15)261200").best_before_ms, day("2026-12-31"));
  EXPECT_EQ(parse_2026("(11)260400").production_ms, day("2026-04-30"));
  EXPECT_EQ(parse_2026("(17)000200").expiry_ms, day("2000-02-29"));
}

TEST(Gs1Dates, CenturyBySlidingWindow) {
  EXPECT_EQ(parse_2026("(11)750101").production_ms, day("2075-01-01"));  // 49 ahead
  EXPECT_EQ(parse_2026("(11)760101").production_ms, day("2076-01-01"));  // 50 ahead
  EXPECT_EQ(parse_2026("(11)770101").production_ms, day("1977-01-01"));  // 51 ahead
  EXPECT_EQ(parse_2026("(11)000101").production_ms, day("2000-01-01"));
  EXPECT_EQ(parse_2026("(11)990101").production_ms, day("1999-01-01"));
  const int64_t in_2080 = day("2080-06-01");
  EXPECT_EQ(parse("(17)310101", in_2080).expiry_ms, day("2031-01-01"));  // 49 behind
  EXPECT_EQ(parse("(17)300101", in_2080).expiry_ms, day("2130-01-01"));  // 50 behind
  EXPECT_EQ(parse("(17)990101", day("1999-12-31")).expiry_ms, day("1999-01-01"));
  EXPECT_EQ(parse("(17)000101", day("1999-12-31")).expiry_ms, day("2000-01-01"));
  // The leap day of "00" depends on the century.
  EXPECT_EQ(error_code("(17)000229"), "no error");
  EXPECT_EQ(error_code("(17)000229", in_2080), "invalid_gs1");  // 2100 is not a leap year
}

TEST(Gs1Dates, RefusesWhatIsNotADate) {
  for (const char* scan :
       {"(17)261301", "(17)260001", "(17)260230", "(17)270229", "(17)260431", "(17)260132",
        "(11)269999", "(13)260230", "(16)261300", "(15)2612", "(15)2612310"}) {
    EXPECT_EQ(error_code(scan), "invalid_gs1") << scan;
  }
  EXPECT_NE(error_detail("(17)260230").find("February 2026 has 28 days"), std::string::npos);
  EXPECT_NE(error_detail("(17)261301").find("no month 13"), std::string::npos);
}

// --- quantities -----------------------------------------------------------------

TEST(Gs1Quantities, NetWeightToGrams) {
  EXPECT_EQ(parse_2026("(3100)000012").net_weight_g, 12000);
  EXPECT_EQ(parse_2026("(3101)000125").net_weight_g, 12500);
  EXPECT_EQ(parse_2026("(3102)001250").net_weight_g, 12500);
  EXPECT_EQ(parse_2026("(3103)001500").net_weight_g, 1500);
  EXPECT_EQ(parse_2026("(3104)012345").net_weight_g, 1235);  // 1234.5 g, half up
  EXPECT_EQ(parse_2026("(3104)012344").net_weight_g, 1234);
  EXPECT_EQ(parse_2026("(3105)012349").net_weight_g, 123);
  EXPECT_EQ(parse_2026("(3105)000050").net_weight_g, 1);  // 0.5 g, half up
  EXPECT_EQ(parse_2026("(3105)000049").net_weight_g, 0);
  EXPECT_EQ(parse_2026("(3100)999999").net_weight_g, 999999000);
  EXPECT_EQ(parse_2026(join("3102001250", "10A")).net_weight_g, 12500);
  EXPECT_EQ(error_code("(3106)001250"), "invalid_gs1");
  EXPECT_EQ(error_code("(3103)01250"), "invalid_gs1");
  EXPECT_EQ(error_code("(310)001250"), "invalid_gs1");
}

TEST(Gs1Quantities, NetWeightsInTwoPrecisionsMustAgree) {
  EXPECT_EQ(parse_2026("(3102)001250(3103)012500").net_weight_g, 12500);
  EXPECT_EQ(error_code("(3102)001250(3103)012501"), "invalid_gs1");
}

TEST(Gs1Quantities, Counts) {
  EXPECT_EQ(parse_2026("(30)12").count, 12);
  EXPECT_EQ(parse_2026("(37)00000024").count, 24);
  EXPECT_EQ(parse_2026("(37)99999999").count, 99999999);
  EXPECT_EQ(parse_2026("(30)5(37)5").count, 5);
  EXPECT_EQ(error_code("(30)5(37)6"), "invalid_gs1");
  EXPECT_EQ(error_code("(37)123456789"), "invalid_gs1");
  EXPECT_EQ(error_code("(37)"), "invalid_gs1");
  EXPECT_EQ(error_code("(30)1.5"), "invalid_gs1");
  EXPECT_EQ(error_code("(30)-5"), "invalid_gs1");
}

TEST(Gs1Parse, RepeatedAi) {
  const ElementString e = parse_2026("(10)ABC(21)1(10)ABC");
  const Elements expected = {{"10", "ABC"}, {"21", "1"}};
  EXPECT_EQ(e.elements, expected);
  EXPECT_EQ(error_code("(10)ABC(10)ABD"), "invalid_gs1");
  EXPECT_EQ(error_code("(01)09506000134352(01)09521234543213"), "invalid_gs1");
}

// --- refusals ---------------------------------------------------------------------

TEST(Gs1Refusals, InvalidGs1) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> kinds = {
      {"empty or nothing but framing", {"", "]C1", GS, "]C1" + GS}},
      {"too long", {std::string(kMaxScanLength + 1, '1')}},
      {"unknown AI",
       {"(99)ABC", "[99]ABC", "9912345", "]C1" + std::string("7001ABC"), "(3109)000001",
        "(310)001250"}},
      {"malformed AI", {"(1)1", "(12345)1", "()ABC", "(A1)B", "0", "]C1" + GS + "1"}},
      {"wrong length",
       {"(01)0950600013435", "(01)095060001343520", "(00)10614141123456789", "0109506" + GS + "10A",
        "(11)26010", "(3103)01250"}},
      {"non-digits in a numeric field",
       {"(01)0950600013435A", "(11)26O101", "0109506000134-52", "(30)1.5", "(37)-5"}},
      {"outside GS1 character set 82",
       {"(10)AB C", "(10)AB#", "(10)AB\xC3\x84", "(10)AB" + GS + "C", "(21)a\\b", "(10)AB\n",
        "10A~", std::string("(10)A") + '\0' + "B"}},
      {"empty or too long value",
       {"(10)", "(10)(21)A", "10" + GS + "21A", "(10)" + std::string(21, 'A'),
        "(400)" + std::string(31, 'A'), "(37)123456789"}},
      {"unterminated bracket", {"(01", "(0109506000134352", "[10", "(", "["}},
      {"mismatched brackets",
       {"(01]09506000134352", "[01)09506000134352", "(01)09506000134352[10]ABC",
        "[01]09506000134352(10)ABC]", "(10)A]"}},
      {"trailing or leading junk",
       {"(01)09506000134352 ", "(01)09506000134352xyz", "0109506000134352xyz",
        "0109506000134352" + std::string("1"), " (01)09506000134352", "(01)09506000134352\r\n", "x",
        "ABC"}},
      {"not a GS1 symbology",
       {"]C0" + std::string("0109506000134352"), "]d1" + std::string("0109506000134352"), "]C",
        "]"}},
      {"two separators in a row", {"]C1" + GS + GS + "10A", "10A" + GS + GS + "21B"}},
  };
  for (const auto& [kind, scans] : kinds) {
    for (const std::string& scan : scans) {
      EXPECT_EQ(error_code(scan), "invalid_gs1") << kind << ": " << scan;
    }
  }
}

TEST(Gs1Refusals, InvalidCheckDigit) {
  for (const std::string& scan : std::vector<std::string>{
           "(01)09506000134353", "(00)106141411234567898", "(02)09521234543210",
           join("]C1", "0109506000134351"), "[01]19506000134352"}) {
    EXPECT_EQ(error_code(scan), "invalid_check_digit") << scan;
  }
  EXPECT_NE(error_detail("(01)09506000134353").find("expected 2"), std::string::npos);
}

TEST(Gs1Refusals, MessagesArePrintableAsciiAndPrecise) {
  for (const std::string& scan :
       {std::string("(10)A\xff"), std::string("10A\x01"), std::string("]\x80\x81") + "0",
        std::string("(10)A") + '\0', "(01)" + GS}) {
    const std::string detail = error_detail(scan);
    for (char c : detail) {
      EXPECT_TRUE(c >= 0x20 && c < 0x7f) << "scan " << scan << " detail " << detail;
    }
  }
  EXPECT_NE(error_detail("(10)A\xff").find("0xFF"), std::string::npos);
  EXPECT_NE(error_detail("(99)1").find("AI (99)"), std::string::npos);
  EXPECT_NE(error_detail("0109506000134352xyz").find("position 17"), std::string::npos);
  EXPECT_NE(error_detail("(01]09506000134352").find("closed by ']'"), std::string::npos);
  EXPECT_NE(error_detail(std::string(600, '1')).find("600 bytes"), std::string::npos);
}

// --- builders ---------------------------------------------------------------------

const Elements kLabel = {{"00", "106141411234567897"},
                         {"10", "L(1)"},
                         {"17", "261231"},
                         {"21", "S1"},
                         {"3103", "001500"}};

TEST(Gs1Builders, Spellings) {
  EXPECT_EQ(to_bracketed(kLabel), "[00]106141411234567897[10]L(1)[17]261231[21]S1[3103]001500");
  EXPECT_EQ(to_human_readable(kLabel),
            "(00)106141411234567897(10)L\\(1)(17)261231(21)S1(3103)001500");
  EXPECT_EQ(to_raw(kLabel),
            join("00106141411234567897", "10L(1)", GS, "17261231", "21S1", GS, "3103001500"));
  EXPECT_EQ(to_raw({{"10", "A"}}), "10A");
  for (const std::string& text :
       {to_bracketed(kLabel), to_human_readable(kLabel), to_raw(kLabel), "]C1" + to_raw(kLabel)}) {
    EXPECT_EQ(parse_2026(text).elements, kLabel) << text;
  }
}

TEST(Gs1Builders, RefuseWhatParseWouldRefuse) {
  auto code = [](const Elements& elements) {
    return error_code_of([&] { to_bracketed(elements); });
  };
  EXPECT_EQ(code({}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"99", "1"}}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"1", "1"}}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"10", "A B"}}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"10", ""}}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"17", "261331"}}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"10", "A"}, {"10", "A"}}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"30", "1"}, {"37", "2"}}), "invalid_gs1@elements");
  EXPECT_EQ(code({{"01", "09506000134353"}}), "invalid_check_digit@elements");
  EXPECT_EQ(error_code_of([] { to_human_readable({{"10", "]"}}); }), "invalid_gs1@elements");
  EXPECT_EQ(error_code_of([] { to_raw({{"(01)", "09506000134352"}}); }), "invalid_gs1@elements");
}

// Every supported AI at once, variable values at full length and all '(' (the
// one character the human-readable form escapes): the longest text the
// builders can make still fits kMaxScanLength and parses back.
TEST(Gs1Builders, LongestPossibleLabelFitsAndParsesBack) {
  Elements all = {{"00", "106141411234567897"},
                  {"01", "09506000134352"},
                  {"02", "09521234543213"},
                  {"10", std::string(20, '(')},
                  {"21", std::string(20, '(')},
                  {"240", std::string(30, '(')},
                  {"250", std::string(30, '(')},
                  {"400", std::string(30, '(')},
                  {"11", "260101"},
                  {"13", "260101"},
                  {"15", "260101"},
                  {"16", "260101"},
                  {"17", "260101"},
                  {"30", "12345678"},
                  {"37", "12345678"},
                  {"3100", "000012"},
                  {"3101", "000120"},
                  {"3102", "001200"},
                  {"3103", "012000"},
                  {"3104", "120000"}};
  for (const std::string& text : {to_bracketed(all), to_human_readable(all), to_raw(all)}) {
    EXPECT_LE(text.size(), kMaxScanLength);
    EXPECT_EQ(parse_2026(text).elements, all) << text;
  }
  EXPECT_EQ(parse_2026(to_human_readable(all)).net_weight_g, 12000);
}

// --- SSCC -------------------------------------------------------------------------

TEST(Gs1Sscc, KnownValues) {
  EXPECT_EQ(make_sscc(1, "0614141", 123456789), "106141411234567897");
  EXPECT_EQ(make_sscc(3, "7610425", 2123456), "376104250021234569");
  EXPECT_EQ(make_sscc(3, "7610425002", 123456), "376104250021234569");
  EXPECT_EQ(make_sscc(0, "1234567", 0), "012345670000000008");
  EXPECT_EQ(make_sscc(9, "1234567890", 999999), "912345678909999990");
}

TEST(Gs1Sscc, Refusals) {
  EXPECT_EQ(error_code_of([] { make_sscc(-1, "0614141", 1); }), "invalid_field@extension_digit");
  EXPECT_EQ(error_code_of([] { make_sscc(10, "0614141", 1); }), "invalid_field@extension_digit");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "061414", 1); }), "invalid_field@gs1_company_prefix");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "06141411234", 1); }),
            "invalid_field@gs1_company_prefix");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "061414a", 1); }), "invalid_field@gs1_company_prefix");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "", 1); }), "invalid_field@gs1_company_prefix");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "0614141", -1); }), "invalid_field@serial_reference");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "0614141", 1000000000); }),
            "invalid_field@serial_reference");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "0614141", 999999999); }), "no error");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "0614141123", 1000000); }),
            "invalid_field@serial_reference");
  EXPECT_EQ(error_code_of([] { make_sscc(0, "0614141", INT64_MAX); }),
            "invalid_field@serial_reference");
}

// --- properties -------------------------------------------------------------------

const std::string kDigits = "0123456789";
const std::string kCset82 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!\"%&'()*+,-./:;<=>?_";

bool is_fixed_length(const std::string& ai) {
  static const std::set<std::string> fixed = {"00", "01",   "02",   "11",   "13",   "15",   "16",
                                              "17", "3100", "3101", "3102", "3103", "3104", "3105"};
  return fixed.count(ai) > 0;
}

std::string random_digits(int n) {
  return *rc::gen::container<std::string>(static_cast<size_t>(n), rc::gen::elementOf(kDigits));
}

std::string random_text(int max_length) {
  const int n = *rc::gen::inRange(1, max_length + 1);
  return *rc::gen::container<std::string>(static_cast<size_t>(n), rc::gen::elementOf(kCset82));
}

std::string random_date() {
  const int month = *rc::gen::inRange(1, 13);
  const int day = *rc::gen::inRange(0, 29);  // 00 and 01-28 exist in every month
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", *rc::gen::inRange(0, 100), month, day);
  return buf;
}

// A random valid, conflict-free set of elements in random order.
Elements random_elements() {
  const std::string count = random_digits(*rc::gen::inRange(1, 9));
  const std::vector<std::pair<std::string, std::function<std::string()>>> pool = {
      {"00",
       [] {
         auto d = random_digits(17);
         return d + check_digit(d);
       }},
      {"01",
       [] {
         auto d = random_digits(13);
         return d + check_digit(d);
       }},
      {"02",
       [] {
         auto d = random_digits(13);
         return d + check_digit(d);
       }},
      {"10", [] { return random_text(20); }},
      {"11", random_date},
      {"13", random_date},
      {"15", random_date},
      {"16", random_date},
      {"17", random_date},
      {"21", [] { return random_text(20); }},
      {"240", [] { return random_text(30); }},
      {"250", [] { return random_text(30); }},
      {"400", [] { return random_text(30); }},
      {"30", [&] { return count; }},
      {"37", [&] { return count; }},
      {"310" + std::to_string(*rc::gen::inRange(0, 6)), [] { return random_digits(6); }},
  };
  std::vector<std::pair<int, size_t>> chosen;  // (random sort key, pool index)
  for (size_t i = 0; i < pool.size(); ++i) {
    if (*rc::gen::inRange(0, 3) == 0) chosen.emplace_back(*rc::gen::arbitrary<int>(), i);
  }
  if (chosen.empty()) chosen.emplace_back(0, *rc::gen::inRange<size_t>(0, pool.size()));
  std::sort(chosen.begin(), chosen.end());
  Elements elements;
  for (const auto& [key, i] : chosen) elements.emplace_back(pool[i].first, pool[i].second());
  return elements;
}

// Raw scan data written out here rather than by to_raw, so the two check each other.
std::string raw_of(const Elements& elements) {
  std::string out;
  for (size_t i = 0; i < elements.size(); ++i) {
    out += elements[i].first + elements[i].second;
    if (i + 1 < elements.size() && !is_fixed_length(elements[i].first)) out += GS;
  }
  return out;
}

RC_GTEST_PROP(Gs1Property, EverySpellingParsesBackToTheSameElements, ()) {
  const Elements elements = random_elements();
  const ElementString human = parse(to_human_readable(elements), kIn2026);
  RC_ASSERT(human.elements == elements);
  RC_ASSERT(parse(to_bracketed(elements), kIn2026) == human);
  RC_ASSERT(parse(to_raw(elements), kIn2026) == human);
  RC_ASSERT(to_raw(elements) == raw_of(elements));
  RC_ASSERT(parse("]d2" + raw_of(elements), kIn2026) == human);
  RC_ASSERT(parse("]C1" + GS + raw_of(elements), kIn2026) == human);
  // The typed fields say what the elements say.
  for (const auto& [ai, value] : elements) {
    if (ai == "00") RC_ASSERT(human.sscc == value);
    if (ai == "01") RC_ASSERT(human.gtin == value);
    if (ai == "02") RC_ASSERT(human.content_gtin == value);
    if (ai == "10") RC_ASSERT(human.lot == value);
    if (ai == "21") RC_ASSERT(human.serial == value);
    if (ai == "30" || ai == "37") RC_ASSERT(human.count == std::stoll(value));
    if (ai == "17") {
      const int64_t ms = *human.expiry_ms;
      RC_ASSERT(ms % 86400000 == 0);
      const std::string iso = format_rfc3339(ms);  // YYYY-MM-DD...
      RC_ASSERT(iso.substr(2, 2) == value.substr(0, 2));
      RC_ASSERT(iso.substr(5, 2) == value.substr(2, 2));
      if (value.substr(4, 2) != "00") RC_ASSERT(iso.substr(8, 2) == value.substr(4, 2));
      if (value.substr(4, 2) == "00") {
        RC_ASSERT(format_rfc3339(ms + 86400000).substr(8, 2) == "01");  // last day of month
      }
    }
  }
}

RC_GTEST_PROP(Gs1Property, OneWrongDigitInAKeyIsAlwaysCaught, ()) {
  const auto body = random_digits(13);
  std::string gtin = body + check_digit(body);
  const size_t at = *rc::gen::inRange<size_t>(0, gtin.size());
  const char replacement = *rc::gen::elementOf(kDigits);
  RC_PRE(replacement != gtin[at]);
  gtin[at] = replacement;
  RC_ASSERT(error_code("(01)" + gtin) == "invalid_check_digit");
}

// parse throws DomainError or nothing, and never reads out of bounds (run
// under ASan), for bytes biased towards the ones the grammar looks at.
std::string parse_outcome(const std::string& scan) {
  try {
    parse(scan, kIn2026);
    return "accepted";
  } catch (const DomainError& e) {
    return e.code();
  } catch (const std::exception& e) {
    return std::string("escaped: ") + e.what();
  } catch (...) {
    return "escaped: unknown";
  }
}

RC_GTEST_PROP(Gs1Property, RandomBytesOnlyEverRaiseDomainError, ()) {
  const auto interesting = rc::gen::elementOf(std::string("0123456789()[]]\\Cd2Q3e1A" + GS));
  const auto byte = rc::gen::oneOf(interesting, interesting, rc::gen::arbitrary<char>());
  const std::string scan = *rc::gen::container<std::string>(byte);
  const std::string outcome = parse_outcome(scan);
  RC_ASSERT(outcome.rfind("escaped", 0) != 0);
}

TEST(Gs1Property, MutatedScansOnlyEverRaiseDomainError) {
  const std::vector<std::string> seeds = {
      "(01)09506000134352(17)261231(10)ABC123",
      "[00]106141411234567897[3103]001500[37]24[400]PO\\(1",
      join("]C1", GS, "0109506000134352", "10ABC", GS, "21XYZ", GS, "3102001250"),
      join("]d2", "00376104250021234569", "0209521234543213", "3724", GS, "15270600"),
  };
  const std::string alphabet = "0123456789()[]\\]Cd2Q3eA" + GS + std::string(1, '\0') + "\xff";
  std::mt19937 random(20260315);
  for (int round = 0; round < 50000; ++round) {
    std::string scan = seeds[random() % seeds.size()];
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = scan.empty() ? 0 : random() % (scan.size() + 1);
      const char c =
          random() % 2 ? alphabet[random() % alphabet.size()] : static_cast<char>(random());
      switch (random() % 3) {
        case 0:
          scan.insert(scan.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        case 1:
          if (at < scan.size()) scan.erase(at, 1);
          break;
        default:
          if (at < scan.size()) scan[at] = c;
          break;
      }
    }
    const std::string outcome = parse_outcome(scan);
    ASSERT_NE(outcome.rfind("escaped", 0), 0u) << outcome << " for " << scan;
    if (outcome == "accepted") {  // what parse accepts, the builders reproduce
      const ElementString e = parse(scan, kIn2026);
      ASSERT_EQ(parse(to_bracketed(e.elements), kIn2026), e) << scan;
    }
  }
}

RC_GTEST_PROP(Gs1Property, MakeSsccIsEighteenDigitsWithAValidCheckDigit, ()) {
  const int extension = *rc::gen::inRange(0, 10);
  const int prefix_length = *rc::gen::inRange(7, 11);
  const std::string prefix = random_digits(prefix_length);
  int64_t limit = 1;
  for (int i = 0; i < 16 - prefix_length; ++i) limit *= 10;
  const int64_t serial = *rc::gen::inRange<int64_t>(0, limit);
  const std::string sscc = make_sscc(extension, prefix, serial);
  RC_ASSERT(sscc.size() == 18u);
  RC_ASSERT(has_valid_check_digit(sscc));
  RC_ASSERT(sscc.substr(0, 1 + prefix.size()) == std::to_string(extension) + prefix);
  RC_ASSERT(std::stoll(sscc.substr(1 + prefix.size(), 16 - prefix.size())) == serial);
  RC_ASSERT(parse("00" + sscc, kIn2026).sscc == sscc);
}

}  // namespace
}  // namespace wareflow::gs1
