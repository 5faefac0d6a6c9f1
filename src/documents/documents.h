// Printed warehouse documents: the pick list and the packing slip (A4 PDF) and
// the 4x6 inch shipping label (PDF, and ZPL II for 203 dpi Zebra thermal
// printers). Pure: plain structs in, document bytes out; no store, clock or
// network. The same input gives the same bytes: ZPL always, PDFs as long as
// cairo and the fonts stay the same (their only date is the input's).
//
// Guarantees:
//  - every barcode printed encodes exactly the value named below, is drawn as
//    vectors (crisp at any printer resolution) with its symbology's quiet
//    zones (ten modules each side for Code 128 and GS1-128), at a module width
//    no narrower than 0.6 pt (0.21 mm), and carries its human-readable text
//    underneath. A value too long for that is refused, not printed smaller;
//  - PDFs start with "%PDF-"; the pick list and packing slip are A4 portrait,
//    paginated with the header repeated on every page and "Page n of N"; the
//    label is one page of exactly 288 x 432 pt;
//  - text is UTF-8. The PDFs print it with DejaVu Sans, which covers Latin,
//    Greek and Cyrillic; scripts it lacks (CJK, ...) print as empty boxes.
//    Text too wide for its place is set smaller, down to a floor, then cut
//    with an ellipsis (ZPL: cut at a conservative estimate of what fits, as
//    the printer cannot be asked): a document never refuses a long name or
//    address line;
//  - ZPL selects UTF-8 (^CI28) and writes every character outside printable
//    ASCII, and the ZPL-significant ^ ~ _ \, as ^FH hex escapes, so field data
//    can never end a field or start a command. The printer's resident font 0
//    covers Latin scripts; others need a font downloaded to the printer;
//  - input that cannot be printed faithfully is refused before anything is
//    drawn, with DomainError 422 "invalid_field" naming the field ("sscc",
//    "lines[3].location", "ship_to.lines[1]", ...): ids and quantities out of
//    range, empty required text, malformed UTF-8 or control characters, a
//    barcode value its symbology cannot encode or that cannot fit the space
//    the document gives it. A failure inside cairo or zint, which valid input
//    should never cause, is DomainError 500 "render_failed". Nothing else is
//    thrown (short of std::bad_alloc), and every cairo and zint object is
//    released on every path.
//
// Barcodes:
//  pick list     the pick-list id (decimal digits) as Code 128 in the header;
//                per line the location code as Code 128 and the product
//                barcode as EAN-13 when it is a 13-digit GTIN with a correct
//                check digit, else as Code 128.
//  packing slip  the order id (decimal digits) as Code 128 in the header.
//  label         the tracking number as Code 128 and the SSCC as GS1-128 with
//                application identifier 00, i.e. FNC1 "00" + 18 digits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace wareflow::documents {

// A postal block: the name line, then the address lines as they should print.
struct Address {
  std::string name;
  std::vector<std::string> lines;
};

struct PickListDocument {
  struct Line {
    int64_t sequence = 0;  // position in the walking route; lines print in this order
    std::string location;  // location code, printed as Code 128 (printable ASCII)
    std::string sku;
    std::string product_name;
    std::string lot;      // empty when the product is not lot-tracked
    std::string barcode;  // what the picker scans on the product: a GTIN-13 or the SKU
    int64_t quantity = 0;
  };

  int64_t pick_list_id = 0;
  int64_t wave_id = 0;  // 0 when the pick list belongs to no wave
  std::string warehouse;
  int64_t printed_at_ms = 0;
  std::vector<Line> lines;
  int64_t route_length_mm = 0;
};

struct PackingSlipDocument {
  struct Item {
    std::string sku;
    std::string name;
    int64_t quantity = 0;
  };
  struct Package {
    std::string tracking_number;  // empty when not yet known
    std::vector<Item> items;
  };

  int64_t order_id = 0;
  std::string channel_order_id;  // the customer's order number; empty when none
  int64_t fulfillment_id = 0;
  Address ship_from;  // the warehouse
  Address ship_to;
  std::vector<Package> packages;
  int64_t printed_at_ms = 0;
};

struct ShippingLabel {
  Address ship_from;
  Address ship_to;
  std::string carrier;
  std::string service;          // may be empty
  std::string tracking_number;  // letters, digits and '-'; at most 31 letters or
                                // the equivalent (what fits the ZPL label)
  std::string sscc;             // 18 digits, the last a GS1 mod-10 check digit
  int64_t weight_g = 0;
  int64_t package_index = 1;  // 1-based: "package 2 of 3"
  int64_t package_count = 1;
  std::string reference;      // the order id as the shipper knows it; may be empty
  int64_t printed_at_ms = 0;  // the PDF's creation date; not printed, not in the ZPL
};

// Limits beyond which input is refused rather than printed badly.
inline constexpr size_t kMaxTextBytes = 256;          // any one text field
inline constexpr size_t kMaxAddressLines = 5;         // lines under the name
inline constexpr size_t kMaxPickListLines = 2000;     // about 230 pages
inline constexpr size_t kMaxPackingSlipItems = 2000;  // over all packages
inline constexpr size_t kMaxTrackingNumberLength = 40;

std::string render_pick_list_pdf(const PickListDocument& document);
std::string render_packing_slip_pdf(const PackingSlipDocument& document);
std::string render_label_pdf(const ShippingLabel& label);
// ZPL II for a 4x6 inch label at 203 dpi (812 x 1218 dots): one format,
// "^XA\n" ... "^XZ\n", one command group per line. Tracking number: ^BC with
// runs of four or more digits in subset C and the rest in subset B, modules
// of 2 to 4 dots. SSCC: ^BC with start C and FNC1 (">;>8"), then "00" and the
// 18 digits, 4-dot (0.5 mm) modules. Neither uses the printer's
// interpretation line; their human-readable text is a separate field, the
// SSCC's as "(00) " + digits.
std::string render_label_zpl(const ShippingLabel& label);

// True when `digits` is 13 ASCII digits whose last is the GS1 check digit of
// the first 12: the product barcodes printed as EAN-13.
bool is_valid_gtin13(const std::string& digits);
// True when `digits` is 18 ASCII digits whose last is the GS1 check digit.
bool is_valid_sscc(const std::string& digits);

}  // namespace wareflow::documents
