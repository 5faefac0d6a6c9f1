// GS1 element strings: the data that GS1-128, GS1 DataMatrix, GS1 QR and GS1
// DataBar barcodes carry, read as a receiving dock scans them; and SSCC-18
// serial shipping container codes for outbound labels. Pure: text in, values
// out; no store or network. parse() reads the clock only for its default
// reference time.
//
// parse() reads three spellings of the same data:
//  - human-readable, AIs in parentheses: "(01)09506000134352(17)261231(10)AB1".
//    '(' is itself a GS1 character, so a '(' inside a value is written "\("
//    (the GS1 Barcode Syntax Engine's convention); an unescaped '(' always
//    starts the next AI;
//  - zint's GS1 input, AIs in square brackets: "[01]09506000134352[10]AB1".
//    '[' and ']' are not GS1 characters, so nothing is escaped;
//  - raw scanner data: an optional symbology identifier (]C1 GS1-128, ]d2 GS1
//    DataMatrix, ]Q3 GS1 QR, ]e0 GS1 DataBar), an optional GS (the leading
//    FNC1 some scanners transmit), then the AIs back to back, every
//    variable-length value ended by GS (0x1D) unless it is the last. One GS
//    after a fixed-length value, or after the last value, is tolerated since
//    some encoders put it there and it is unambiguous; two in a row are not.
// Nothing else is tolerated: no spaces, no CR/LF suffix (trim scanner
// suffixes before calling), no text before or after the element strings.
//
// Supported AIs (anything else is refused as unknown):
//   00 SSCC, 18 digits        01 GTIN, 02 CONTENT GTIN, 14 digits
//   10 BATCH/LOT, X..20       21 SERIAL, X..20
//   11 PROD DATE, 13 PACK DATE, 15 BEST BEFORE, 16 SELL BY, 17 EXPIRY: YYMMDD
//   30 VAR. COUNT, 37 COUNT, N..8
//   3100-3105 NET WEIGHT (kg), 6 digits, last digit of the AI = decimals
//   240 ADDITIONAL ID, 250 SECONDARY SERIAL, 400 ORDER NUMBER: X..30
// X = GS1 character set 82 (the AI encodable set: A-Z a-z 0-9 and
// ! " % & ' ( ) * + , - . / : ; < = > ? _ ). GS1 associations between AIs
// (02 needs 37, 01 excludes 02, ...) are not enforced.
//
// Dates. YYMMDD becomes UTC midnight of that day in epoch ms. DD = 00 means
// the last day of the month. The century follows the GS1 General
// Specifications' sliding window (section 7.12) relative to the year of
// reference_ms: a YY 51 to 99 years ahead of the reference year's YY falls in
// the previous century, 50 to 99 years behind in the next one, otherwise the
// reference year's century. So in 2026, "75" is 2075 and "77" is 1977.
// Tests pass a fixed reference_ms to stay deterministic.
//
// Guarantees:
//  - every refusal is a DomainError 422: `invalid_check_digit` for a wrong
//    GS1 check digit in AI 00, 01 or 02, `invalid_gs1` for everything else,
//    with field "scan" (parse) or "elements" (the to_* builders). No other
//    exception escapes parse, whatever the bytes; input longer than
//    kMaxScanLength is refused unread. Messages quote offending bytes as
//    printable ASCII or \xNN, never raw;
//  - elements lists each (AI, value) in scan order, unescaped. An AI given
//    twice with the same value is listed once; with different values, or two
//    AIs that disagree on one typed field (30 and 37 on count, 3102 and 3103
//    on net_weight_g), the scan is refused;
//  - the typed fields hold exactly what the elements say;
//  - to_human_readable, to_bracketed and to_raw validate their elements as
//    parse does (and refuse a repeated AI), and what they return parses back
//    to the same elements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/time.h"

namespace wareflow::gs1 {

// Longest scan parse reads. GS1 symbols carry far less (GS1-128: 48 data
// characters); the cap keeps a bad input from costing anything.
inline constexpr size_t kMaxScanLength = 512;

// The ASCII group separator scanners send for FNC1.
inline constexpr char kGroupSeparator = '\x1d';

// GS1 mod-10 check digit ('0'..'9') for digits given WITHOUT their check
// digit: weights 3, 1, 3, ... from the rightmost digit. Refuses (422
// `invalid_field`, field "digits") an empty string or a non-digit.
char check_digit(std::string_view digits);

// True when the last digit is the GS1 check digit of the others. False for
// fewer than 2 characters or any non-digit.
bool has_valid_check_digit(std::string_view digits);

using Elements = std::vector<std::pair<std::string, std::string>>;

struct ElementString {
  std::optional<std::string> sscc;          // AI 00, 18 digits
  std::optional<std::string> gtin;          // AI 01, 14 digits
  std::optional<std::string> content_gtin;  // AI 02, 14 digits
  std::optional<std::string> lot;           // AI 10
  std::optional<std::string> serial;        // AI 21
  std::optional<int64_t> production_ms;     // AI 11, UTC midnight
  std::optional<int64_t> best_before_ms;    // AI 15, UTC midnight
  std::optional<int64_t> expiry_ms;         // AI 17, UTC midnight
  std::optional<int64_t> count;             // AI 30 or 37
  // AI 310n: kg with n decimals, in grams, rounded half up (n = 4, 5).
  std::optional<int64_t> net_weight_g;
  Elements elements;  // every (AI, value) in scan order, AI 13/16/240/250/400 included

  bool operator==(const ElementString&) const = default;
};

// Reads one scan in any of the three spellings above. reference_ms anchors
// the century of two-digit years.
ElementString parse(std::string_view scan, int64_t reference_ms = now_ms());

// "(01)09506000134352(10)AB1", '(' inside values escaped as "\(". For label
// text under a barcode, drop the backslashes.
std::string to_human_readable(const Elements& elements);
// "[01]09506000134352[10]AB1": zint's GS1 input (--gs1 without --gs1parens).
std::string to_bracketed(const Elements& elements);
// What a scanner sends after its symbology identifier: AIs back to back,
// GS after every variable-length value but the last.
std::string to_raw(const Elements& elements);

// GS1 company prefix lengths make_sscc accepts.
inline constexpr size_t kMinCompanyPrefixDigits = 7;
inline constexpr size_t kMaxCompanyPrefixDigits = 10;

// SSCC-18: extension digit (0-9), GS1 company prefix, serial reference
// zero-padded to fill 17 digits, check digit. Refuses (422 `invalid_field`,
// field named after the parameter) an extension outside 0-9, a prefix that is
// not 7 to 10 digits, or a serial reference that is negative or does not fit
// the 16 - prefix length digits left.
std::string make_sscc(int extension_digit, std::string_view gs1_company_prefix,
                      int64_t serial_reference);

}  // namespace wareflow::gs1
