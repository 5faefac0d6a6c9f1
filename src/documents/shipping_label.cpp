// The 4x6 shipping label's checks and texts, and the Code 128 set chosen for
// its barcodes, shared by the label PDF and its ZPL.
#include <algorithm>

#include "documents/documents_internal.h"
#include "gs1/gs1.h"

namespace wareflow::documents {

ZplCode128 zpl_code128(const std::string& value) {
  ZplCode128 field{"", 2};  // start and check characters
  char subset = 0;
  auto use = [&](char wanted) {
    if (subset == wanted) return;
    if (subset == 0) {
      field.data += wanted == 'B' ? ">:" : ">;";
    } else {
      field.data += wanted == 'B' ? ">6" : ">5";
      ++field.symbol_characters;
    }
    subset = wanted;
  };
  for (size_t i = 0; i < value.size();) {
    size_t run = 0;
    while (i + run < value.size() && value[i + run] >= '0' && value[i + run] <= '9') ++run;
    if (run >= 4) {
      if (run % 2 == 1) {
        use('B');
        field.data += value[i];
        ++field.symbol_characters;
        ++i;
        --run;
      }
      use('C');
      field.data += value.substr(i, run);
      field.symbol_characters += run / 2;
      i += run;
    } else {
      const size_t n = std::max<size_t>(run, 1);  // a short digit run, or one other character
      use('B');
      field.data += value.substr(i, n);
      field.symbol_characters += n;
      i += n;
    }
  }
  return field;
}

int zpl_module(const ZplCode128& field) {
  const int module = std::min(4, kDotsWide / (field.modules() + 20));
  return module >= 2 ? module : 0;
}

void check_label(const ShippingLabel& label) {
  check_address(label.ship_from, "ship_from", false);
  check_address(label.ship_to, "ship_to", true);
  check_text(label.carrier, "carrier", true);
  check_text(label.service, "service", false);
  check_text(label.reference, "reference", false);
  // Letters, digits and '-' only: every carrier's numbers fit, and none of
  // them means anything to ZPL's Code 128 (">" invocations, "^" and "~").
  const std::string& tracking = label.tracking_number;
  if (tracking.empty()) refuse("tracking_number", "must not be empty");
  if (tracking.size() > kMaxTrackingNumberLength) {
    refuse("tracking_number",
           "is longer than " + std::to_string(kMaxTrackingNumberLength) + " characters");
  }
  for (char c : tracking) {
    const bool ok =
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-';
    if (!ok) refuse("tracking_number", "may contain only letters, digits and '-'");
  }
  // Both formats refuse what the thermal printer could not print.
  if (zpl_module(zpl_code128(tracking)) == 0) {
    refuse("tracking_number", "is too long to print as a barcode on a 4x6 label");
  }
  if (label.sscc.size() != 18 || !all_digits(label.sscc)) {
    refuse("sscc", "must be exactly 18 digits");
  }
  if (!is_valid_sscc(label.sscc)) {
    refuse("sscc",
           "has a wrong check digit (expected " +
               std::string(1, gs1::check_digit(std::string_view(label.sscc).substr(0, 17))) + ")");
  }
  check_timestamp(label.printed_at_ms, "printed_at_ms");
  check_non_negative(label.weight_g, "weight_g");
  if (label.weight_g > 1000000000) refuse("weight_g", "is implausibly large");
  check_positive(label.package_count, "package_count");
  if (label.package_count > 9999) refuse("package_count", "is implausibly large");
  if (label.package_index < 1 || label.package_index > label.package_count) {
    refuse("package_index", "must be between 1 and package_count");
  }
}

std::string package_text(const ShippingLabel& label) {
  return "Package " + std::to_string(label.package_index) + " of " +
         std::to_string(label.package_count);
}

std::string sscc_text(const std::string& sscc) { return "(00) " + sscc; }

}  // namespace wareflow::documents
