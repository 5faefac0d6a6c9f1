#include "documents/documents.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <zint.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "gs1/gs1.h"

namespace wareflow::documents {
namespace {

// ---------------------------------------------------------------------------
// Refusals

[[noreturn]] void refuse(const std::string& field, const std::string& detail) {
  throw_invalid_field(field, field + " " + detail);
}

// Cairo and zint fail on valid input only when something is broken (memory,
// fonts), which the caller cannot fix by changing the request.
[[noreturn]] void render_failed(const std::string& detail) {
  throw DomainError(500, "render_failed", detail);
}

std::string indexed(const std::string& name, size_t index) {
  return name + "[" + std::to_string(index) + "]";
}

// ---------------------------------------------------------------------------
// Text

// The code point starting at s[i], advancing i past it; -1 when the bytes
// there are not well-formed UTF-8 (overlong forms and surrogates included).
int32_t next_code_point(std::string_view s, size_t& i) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  size_t length;
  int32_t cp;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07;
  } else {
    return -1;
  }
  if (i + length > s.size()) return -1;
  for (size_t k = 1; k < length; ++k) {
    const unsigned char next = static_cast<unsigned char>(s[i + k]);
    if ((next & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (next & 0x3F);
  }
  if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return -1;
  }
  i += length;
  return cp;
}

// Byte offsets where each code point of a valid UTF-8 string starts, plus size().
std::vector<size_t> code_point_starts(std::string_view s) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < s.size();) {
    starts.push_back(i);
    next_code_point(s, i);
  }
  starts.push_back(s.size());
  return starts;
}

// Printable UTF-8 of bounded size. Control characters are refused rather than
// dropped: a newline inside an address line is a data error upstream, and
// printing it silently differently would hide it.
void check_text(const std::string& value, const std::string& field, bool required) {
  if (required && value.empty()) refuse(field, "must not be empty");
  if (value.size() > kMaxTextBytes) {
    refuse(field, "is longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  for (size_t i = 0; i < value.size();) {
    const int32_t cp = next_code_point(value, i);
    if (cp < 0) refuse(field, "is not valid UTF-8");
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) refuse(field, "contains a control character");
  }
}

// Values printed as Code 128 are limited to printable ASCII: Code 128 has no
// agreed encoding beyond it, so scanners would disagree on what they read.
void check_barcode_ascii(const std::string& value, const std::string& field) {
  if (value.empty()) refuse(field, "must not be empty");
  if (value.size() > kMaxTextBytes) {
    refuse(field, "is longer than " + std::to_string(kMaxTextBytes) + " bytes");
  }
  for (char c : value) {
    if (c < 0x20 || c > 0x7E) {
      refuse(field, "must be printable ASCII to print as a Code 128 barcode");
    }
  }
}

void check_address(const Address& address, const std::string& field, bool lines_required) {
  check_text(address.name, field + ".name", true);
  if (lines_required && address.lines.empty()) {
    refuse(field + ".lines", "must have at least one address line");
  }
  if (address.lines.size() > kMaxAddressLines) {
    refuse(field + ".lines", "has more than " + std::to_string(kMaxAddressLines) + " lines");
  }
  for (size_t i = 0; i < address.lines.size(); ++i) {
    check_text(address.lines[i], indexed(field + ".lines", i), false);
  }
}

void check_positive(int64_t value, const std::string& field) {
  if (value <= 0) refuse(field, "must be positive");
}

void check_non_negative(int64_t value, const std::string& field) {
  if (value < 0) refuse(field, "must not be negative");
}

// From 1970 to the end of 9999: what a four-digit year can print.
void check_timestamp(int64_t at_ms, const std::string& field) {
  if (at_ms < 0 || at_ms > 253402300799999) refuse(field, "must be between 1970 and 9999");
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_valid_gs1_key(const std::string& digits, size_t length) {
  return digits.size() == length && gs1::has_valid_check_digit(digits);
}

// "2026-11-26T15:04:05Z": what the PDF CreationDate accepts (no fraction).
std::string pdf_date(int64_t at_ms) { return format_rfc3339(at_ms).substr(0, 19) + "Z"; }

std::string printed_at_text(int64_t at_ms) {
  return format_rfc3339(at_ms).substr(0, 16).replace(10, 1, " ") + " UTC";
}

// "1.25 kg", rounded to 10 g with integers so the text never depends on
// floating-point formatting.
std::string weight_text(int64_t grams) {
  const int64_t centi_kg = (grams + 5) / 10;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld kg", static_cast<long long>(centi_kg / 100),
                static_cast<long long>(centi_kg % 100));
  return buffer;
}

std::string metres_text(int64_t mm) {
  const int64_t decimetres = (mm + 50) / 100;
  return std::to_string(decimetres / 10) + "." + std::to_string(decimetres % 10) + " m";
}

// ---------------------------------------------------------------------------
// Barcodes: encoded by zint, copied out as rectangles in module units, so the
// zint symbol lives only inside encode_barcode().

enum class Symbology { code128, ean13, gs1_128_sscc };

struct Bars {
  struct Rect {
    double x, y, width, height;
    bool background;
  };
  std::vector<Rect> rects;  // origin: top left of the left quiet zone
  double width = 0;         // modules, both quiet zones included
  double height = 0;        // modules; EAN guard bars reach below bar_height
  double bar_height = 0;    // modules, the ordinary bars
  std::string text;         // the human-readable line under the bars
};

struct ZintSymbolDeleter {
  void operator()(zint_symbol* symbol) const { ZBarcode_Delete(symbol); }
};

const char* symbology_name(Symbology symbology) {
  switch (symbology) {
    case Symbology::code128:
      return "Code 128";
    case Symbology::ean13:
      return "EAN-13";
    case Symbology::gs1_128_sscc:
      return "GS1-128";
  }
  return "barcode";
}

Bars encode_barcode(Symbology symbology, const std::string& data, const std::string& field,
                    std::string text) {
  std::unique_ptr<zint_symbol, ZintSymbolDeleter> symbol(ZBarcode_Create());
  if (!symbol) render_failed("zint could not allocate a symbol");
  std::string input = data;
  switch (symbology) {
    case Symbology::code128:
      symbol->symbology = BARCODE_CODE128;
      symbol->input_mode = DATA_MODE;
      break;
    case Symbology::ean13:
      symbol->symbology = BARCODE_EANX_CHK;  // 13 digits, zint verifies the check digit
      break;
    case Symbology::gs1_128_sscc:
      symbol->symbology = BARCODE_GS1_128;
      symbol->input_mode = GS1_MODE;
      input = "[00]" + data;
      break;
  }
  symbol->show_hrt = 0;  // drawn by the caller, in the document's font
  symbol->output_options |= BARCODE_QUIET_ZONES;
  symbol->height = 50;   // modules; the caller scales bars to its own height
  symbol->scale = 0.5f;  // one vector unit per module
  const int encoded =
      ZBarcode_Encode(symbol.get(), reinterpret_cast<const unsigned char*>(input.data()),
                      static_cast<int>(input.size()));
  if (encoded >= ZINT_ERROR) {
    refuse(field, std::string("cannot be printed as ") + symbology_name(symbology) + ": " +
                      symbol->errtxt);
  }
  if (ZBarcode_Buffer_Vector(symbol.get(), 0) >= ZINT_ERROR || symbol->vector == nullptr) {
    render_failed(std::string("zint vector output failed: ") + symbol->errtxt);
  }
  Bars bars;
  bars.width = symbol->vector->width;
  bars.height = symbol->vector->height;
  bars.bar_height = symbol->height;
  bars.text = std::move(text);
  for (const zint_vector_rect* r = symbol->vector->rectangles; r != nullptr; r = r->next) {
    // colour -1 is the foreground; 1-8 are explicit colours, of which 8 is white.
    bars.rects.push_back({r->x, r->y, r->width, r->height, r->colour == 8});
  }
  if (bars.rects.empty() || bars.width <= 0 || bars.bar_height <= 0) {
    render_failed("zint produced an empty symbol for " + field);
  }
  return bars;
}

Bars encode_product_barcode(const std::string& value, const std::string& field) {
  if (is_valid_gtin13(value)) return encode_barcode(Symbology::ean13, value, field, value);
  return encode_barcode(Symbology::code128, value, field, value);
}

// The module width that fits `bars` into `available` points: as wide as
// max_x, but never below min_x, where print and scan get unreliable.
double fit_module(const Bars& bars, double available, double max_x, double min_x,
                  const std::string& field) {
  const double x = std::min(max_x, available / bars.width);
  if (x < min_x) refuse(field, "is too long to print as a barcode in the space available");
  return x;
}

// ---------------------------------------------------------------------------
// PDF drawing

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct ContextDeleter {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {  // must not unwind through cairo's C frames
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

enum class Align { left, center, right };

constexpr double kA4Width = 595.276;
constexpr double kA4Height = 841.89;
constexpr double kMargin = 36;
constexpr const char* kFont = "DejaVu Sans";

// One PDF being drawn. Members are destroyed in reverse order, so the
// context goes first and the surface, which may still flush into out_, before
// out_.
class Pdf {
 public:
  Pdf(double width, double height, const std::string& title, const std::string& created) {
    surface_.reset(cairo_pdf_surface_create_for_stream(append_to_string, &out_, width, height));
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      render_failed("cairo could not create a PDF surface");
    }
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATOR, "Wareflow");
    // Set explicitly so the file depends on the input only, not on the clock.
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
    cr_.reset(cairo_create(surface_.get()));
    check("cairo could not create a drawing context");
  }
  Pdf(const Pdf&) = delete;
  Pdf& operator=(const Pdf&) = delete;

  void next_page() {
    cairo_show_page(cr_.get());
    check("cairo could not finish a page");
  }

  std::string finish() {
    check("cairo failed while drawing");
    cr_.reset();
    cairo_surface_finish(surface_.get());
    if (cairo_surface_status(surface_.get()) != CAIRO_STATUS_SUCCESS) {
      render_failed(std::string("cairo could not write the PDF: ") +
                    cairo_status_to_string(cairo_surface_status(surface_.get())));
    }
    surface_.reset();
    return std::move(out_);
  }

  // Draws `s` with its baseline at y; x is its left edge, centre or right
  // edge by align. Wider than max_width: set smaller, down to min_size, then
  // cut at a code point with an ellipsis. Returns the width drawn.
  double text(const std::string& s, double x, double y, double size, bool bold, double max_width,
              Align align = Align::left, double min_size = 0) {
    if (s.empty()) return 0;
    cairo_t* cr = cr_.get();
    cairo_select_font_face(cr, kFont, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    std::string shown = s;
    double width = advance(shown);
    if (width > max_width) {
      const double floor = min_size > 0 ? min_size : std::max(6.0, size * 0.75);
      size = std::max(floor, size * max_width / width);
      cairo_set_font_size(cr, size);
      width = advance(shown);
    }
    if (width > max_width) {
      // Longest prefix that fits with the ellipsis: binary search over code points.
      const std::vector<size_t> starts = code_point_starts(s);
      size_t lo = 0, hi = starts.size() - 1;
      while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        if (advance(s.substr(0, starts[mid]) + "\u2026") <= max_width) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      shown = s.substr(0, starts[lo]) + "\u2026";
      width = advance(shown);
    }
    double left = x;
    if (align == Align::center) left = x - width / 2;
    if (align == Align::right) left = x - width;
    cairo_move_to(cr, left, y);
    cairo_show_text(cr, shown.c_str());
    return width;
  }

  void gray(double level) { cairo_set_source_rgb(cr_.get(), level, level, level); }
  void black() { gray(0); }

  void rule(double x0, double x1, double y, double line_width, double level = 0) {
    cairo_t* cr = cr_.get();
    gray(level);
    cairo_set_line_width(cr, line_width);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
    black();
  }

  // Draws the symbol with the outer edge of its left quiet zone at x and the
  // top of its bars at top, bars bar_height tall, the human-readable line
  // centred under them. Returns the baseline of that line.
  double barcode(const Bars& bars, double x, double top, double module, double bar_height,
                 double text_size) {
    cairo_t* cr = cr_.get();
    const double sy = bar_height / bars.bar_height;
    for (bool background : {true, false}) {
      cairo_new_path(cr);
      for (const Bars::Rect& r : bars.rects) {
        if (r.background != background) continue;
        cairo_rectangle(cr, x + r.x * module, top + r.y * sy, r.width * module, r.height * sy);
      }
      if (background) {
        cairo_set_source_rgb(cr, 1, 1, 1);
      } else {
        black();
      }
      cairo_fill(cr);
    }
    black();
    const double baseline = top + bars.height * sy + text_size + 1;
    const double width = bars.width * module;
    text(bars.text, x + width / 2, baseline, text_size, false, width, Align::center);
    return baseline;
  }

  double width_of(const std::string& s, double size, bool bold) {
    cairo_select_font_face(cr_.get(), kFont, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_.get(), size);
    return advance(s);
  }

 private:
  double advance(const std::string& s) {
    cairo_text_extents_t extents;
    cairo_text_extents(cr_.get(), s.c_str(), &extents);
    return extents.x_advance;
  }

  void check(const char* what) {
    if (cr_ == nullptr || cairo_status(cr_.get()) != CAIRO_STATUS_SUCCESS) render_failed(what);
  }

  std::string out_;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
  std::unique_ptr<cairo_t, ContextDeleter> cr_;
};

std::string page_of(size_t page, size_t pages) {
  return "Page " + std::to_string(page + 1) + " of " + std::to_string(pages);
}

// The header shared by the A4 documents: title and three lines of facts on
// the left, a barcode on the right. Returns the y of the rule under it.
double draw_a4_header(Pdf& pdf, const std::string& title, const std::vector<std::string>& facts,
                      const Bars& bars, double module) {
  const double right = kA4Width - kMargin;
  const double bars_width = bars.width * module;
  const double text_width = right - kMargin - bars_width - 12;
  pdf.text(title, kMargin, kMargin + 18, 18, true, text_width);
  double y = kMargin + 36;
  for (size_t i = 0; i < facts.size(); ++i) {
    pdf.text(facts[i], kMargin, y, i == facts.size() - 1 ? 10 : 9.5, i == facts.size() - 1,
             text_width);
    y += 14;
  }
  pdf.barcode(bars, right - bars_width, kMargin, module, 40, 9);
  const double rule_y = kMargin + 80;
  pdf.rule(kMargin, right, rule_y, 1.2);
  return rule_y;
}

constexpr double kHeaderBarsWidth = 220;

}  // namespace

bool is_valid_gtin13(const std::string& digits) { return is_valid_gs1_key(digits, 13); }
bool is_valid_sscc(const std::string& digits) { return is_valid_gs1_key(digits, 18); }

// ---------------------------------------------------------------------------
// Pick list: one row per line in route order, two barcodes per row (where to
// go, what to take), nine rows per page.

std::string render_pick_list_pdf(const PickListDocument& document) {
  check_positive(document.pick_list_id, "pick_list_id");
  check_non_negative(document.wave_id, "wave_id");
  check_text(document.warehouse, "warehouse", true);
  check_timestamp(document.printed_at_ms, "printed_at_ms");
  check_non_negative(document.route_length_mm, "route_length_mm");
  if (document.lines.empty()) refuse("lines", "must have at least one line");
  if (document.lines.size() > kMaxPickListLines) {
    refuse("lines", "has more than " + std::to_string(kMaxPickListLines) + " lines");
  }

  constexpr double kLocationX = kMargin + 24, kLocationWidth = 230;
  constexpr double kProductX = kLocationX + kLocationWidth + 10;
  constexpr double kRight = kA4Width - kMargin;
  constexpr double kProductWidth = kRight - kProductX;
  constexpr double kRowHeight = 72, kRowBarsHeight = 26;

  struct PreparedLine {
    size_t index;  // into document.lines, for field names
    Bars location, product;
    double location_module, product_module;
  };
  std::vector<PreparedLine> prepared;
  prepared.reserve(document.lines.size());
  int64_t units = 0;
  for (size_t i = 0; i < document.lines.size(); ++i) {
    const PickListDocument::Line& line = document.lines[i];
    const std::string field = indexed("lines", i);
    check_non_negative(line.sequence, field + ".sequence");
    check_barcode_ascii(line.location, field + ".location");
    check_text(line.sku, field + ".sku", true);
    check_text(line.product_name, field + ".product_name", false);
    check_text(line.lot, field + ".lot", false);
    check_barcode_ascii(line.barcode, field + ".barcode");
    check_positive(line.quantity, field + ".quantity");
    if (line.quantity > 1000000000) refuse(field + ".quantity", "is implausibly large");
    units += line.quantity;
    PreparedLine p{
        i, encode_barcode(Symbology::code128, line.location, field + ".location", line.location),
        encode_product_barcode(line.barcode, field + ".barcode"), 0, 0};
    p.location_module = fit_module(p.location, kLocationWidth, 1.0, 0.6, field + ".location");
    p.product_module = fit_module(p.product, kProductWidth, 1.0, 0.6, field + ".barcode");
    prepared.push_back(std::move(p));
  }
  // Route order; equal sequence numbers keep their input order.
  std::stable_sort(prepared.begin(), prepared.end(), [&](const auto& a, const auto& b) {
    return document.lines[a.index].sequence < document.lines[b.index].sequence;
  });

  const std::string id = std::to_string(document.pick_list_id);
  const Bars header_bars = encode_barcode(Symbology::code128, id, "pick_list_id", id);
  const double header_module = fit_module(header_bars, kHeaderBarsWidth, 1.4, 0.6, "pick_list_id");

  const double first_row_top = kMargin + 80 + 20;
  const size_t rows_per_page =
      static_cast<size_t>((kA4Height - kMargin - first_row_top) / kRowHeight);
  const size_t pages = (prepared.size() + rows_per_page - 1) / rows_per_page;

  std::string wave = document.wave_id > 0 ? "Wave " + std::to_string(document.wave_id) : "No wave";
  Pdf pdf(kA4Width, kA4Height, "Pick list " + id, pdf_date(document.printed_at_ms));
  for (size_t page = 0; page < pages; ++page) {
    if (page > 0) pdf.next_page();
    const double rule_y =
        draw_a4_header(pdf, "Pick list " + id,
                       {"Warehouse " + document.warehouse + "  \u00b7  " + wave,
                        "Printed " + printed_at_text(document.printed_at_ms) + "  \u00b7  " +
                            std::to_string(prepared.size()) + " lines, " + std::to_string(units) +
                            " units  \u00b7  route " + metres_text(document.route_length_mm),
                        page_of(page, pages)},
                       header_bars, header_module);
    pdf.gray(0.35);
    pdf.text("#", kMargin, rule_y + 13, 8, true, 20);
    pdf.text("Location", kLocationX, rule_y + 13, 8, true, 100);
    pdf.text("Product", kProductX, rule_y + 13, 8, true, 100);
    pdf.text("Qty", kRight, rule_y + 13, 8, true, 40, Align::right);
    pdf.black();
    pdf.rule(kMargin, kRight, rule_y + 18, 0.6);

    const size_t end = std::min(prepared.size(), (page + 1) * rows_per_page);
    double top = first_row_top;
    for (size_t r = page * rows_per_page; r < end; ++r, top += kRowHeight) {
      const PreparedLine& p = prepared[r];
      const PickListDocument::Line& line = document.lines[p.index];
      const std::string qty = std::to_string(line.quantity);
      const double qty_width = pdf.width_of(qty, 16, true);
      pdf.text(std::to_string(line.sequence), kMargin, top + 15, 10, true, 22);
      pdf.text(line.location, kLocationX, top + 15, 12, true, kLocationWidth);
      pdf.text(line.sku, kProductX, top + 15, 10, true, kProductWidth - qty_width - 10);
      pdf.text(qty, kRight, top + 16, 16, true, 60, Align::right);
      if (!line.lot.empty()) {
        pdf.text("Lot " + line.lot, kLocationX, top + 27, 9, false, kLocationWidth);
      }
      pdf.text(line.product_name, kProductX, top + 27, 9, false, kProductWidth - qty_width - 10);
      pdf.barcode(p.location, kLocationX, top + 32, p.location_module, kRowBarsHeight, 7);
      pdf.barcode(p.product, kProductX, top + 32, p.product_module, kRowBarsHeight, 7);
      pdf.rule(kMargin, kRight, top + kRowHeight, 0.4, 0.6);
    }
  }
  return pdf.finish();
}

// ---------------------------------------------------------------------------
// Packing slip: addresses on the first page, then the packages and their
// items as one table that flows over as many pages as it needs.

std::string render_packing_slip_pdf(const PackingSlipDocument& document) {
  check_positive(document.order_id, "order_id");
  check_text(document.channel_order_id, "channel_order_id", false);
  check_positive(document.fulfillment_id, "fulfillment_id");
  check_address(document.ship_from, "ship_from", false);
  check_address(document.ship_to, "ship_to", true);
  check_timestamp(document.printed_at_ms, "printed_at_ms");
  if (document.packages.empty()) refuse("packages", "must have at least one package");
  size_t item_count = 0;
  int64_t units = 0;
  for (size_t p = 0; p < document.packages.size(); ++p) {
    const PackingSlipDocument::Package& package = document.packages[p];
    const std::string field = indexed("packages", p);
    check_text(package.tracking_number, field + ".tracking_number", false);
    if (package.items.empty()) refuse(field + ".items", "must have at least one item");
    for (size_t i = 0; i < package.items.size(); ++i) {
      const PackingSlipDocument::Item& item = package.items[i];
      const std::string item_field = indexed(field + ".items", i);
      check_text(item.sku, item_field + ".sku", true);
      check_text(item.name, item_field + ".name", false);
      check_positive(item.quantity, item_field + ".quantity");
      if (item.quantity > 1000000000) refuse(item_field + ".quantity", "is implausibly large");
      units += item.quantity;
    }
    item_count += package.items.size();
  }
  if (item_count > kMaxPackingSlipItems) {
    refuse("packages", "have more than " + std::to_string(kMaxPackingSlipItems) + " items");
  }

  const std::string id = std::to_string(document.order_id);
  const Bars header_bars = encode_barcode(Symbology::code128, id, "order_id", id);
  const double header_module = fit_module(header_bars, kHeaderBarsWidth, 1.4, 0.6, "order_id");

  // Lay the table out first: the header says "Page n of N".
  struct Row {
    enum Kind { package, item, total } kind;
    size_t package_index = 0, item_index = 0;
  };
  auto height_of = [](Row::Kind kind) {
    return kind == Row::package ? 24.0 : kind == Row::item ? 16.0 : 26.0;
  };
  constexpr double kBottom = kA4Height - kMargin;
  const double header_rule = kMargin + 80;
  const double address_height = 24 + 16 + kMaxAddressLines * 13 + 8;
  std::vector<std::vector<Row>> pages(1);
  double y = header_rule + address_height + 20;  // under the column headings
  auto place = [&](Row row, double needed) {
    if (y + needed > kBottom) {
      pages.emplace_back();
      y = header_rule + 20;
    }
    pages.back().push_back(row);
    y += height_of(row.kind);
  };
  for (size_t p = 0; p < document.packages.size(); ++p) {
    // A package heading never ends a page: it needs its first item under it.
    place({Row::package, p, 0}, height_of(Row::package) + height_of(Row::item));
    for (size_t i = 0; i < document.packages[p].items.size(); ++i) {
      place({Row::item, p, i}, height_of(Row::item));
    }
  }
  place({Row::total, 0, 0}, height_of(Row::total));

  constexpr double kRight = kA4Width - kMargin;
  constexpr double kNameX = kMargin + 150;
  std::string order_line = "Order " + id;
  if (!document.channel_order_id.empty()) {
    order_line += "  \u00b7  Your order " + document.channel_order_id;
  }
  Pdf pdf(kA4Width, kA4Height, "Packing slip " + id, pdf_date(document.printed_at_ms));
  for (size_t page = 0; page < pages.size(); ++page) {
    if (page > 0) pdf.next_page();
    const double rule_y =
        draw_a4_header(pdf, "Packing slip",
                       {order_line,
                        "Fulfillment " + std::to_string(document.fulfillment_id) +
                            "  \u00b7  Printed " + printed_at_text(document.printed_at_ms),
                        page_of(page, pages.size())},
                       header_bars, header_module);
    double top = rule_y;
    if (page == 0) {
      const double column = (kRight - kMargin) / 2;
      auto address = [&](const std::string& heading, const Address& a, double x) {
        pdf.gray(0.35);
        pdf.text(heading, x, top + 20, 8, true, column - 12);
        pdf.black();
        pdf.text(a.name, x, top + 36, 11, true, column - 12);
        double line_y = top + 36;
        for (const std::string& line : a.lines) {
          line_y += 13;
          pdf.text(line, x, line_y, 10, false, column - 12);
        }
      };
      address("SHIP FROM", document.ship_from, kMargin);
      address("SHIP TO", document.ship_to, kMargin + column);
      top += address_height;
    }
    pdf.gray(0.35);
    pdf.text("SKU", kMargin, top + 13, 8, true, 100);
    pdf.text("Item", kNameX, top + 13, 8, true, 100);
    pdf.text("Qty", kRight, top + 13, 8, true, 40, Align::right);
    pdf.black();
    pdf.rule(kMargin, kRight, top + 18, 0.6);
    top += 20;
    for (const Row& row : pages[page]) {
      const double height = height_of(row.kind);
      if (row.kind == Row::package) {
        const PackingSlipDocument::Package& package = document.packages[row.package_index];
        std::string heading = "Package " + std::to_string(row.package_index + 1) + " of " +
                              std::to_string(document.packages.size());
        if (!package.tracking_number.empty()) {
          heading += "  \u00b7  Tracking " + package.tracking_number;
        }
        pdf.text(heading, kMargin, top + 17, 10, true, kRight - kMargin);
        pdf.rule(kMargin, kRight, top + height - 1, 0.4, 0.6);
      } else if (row.kind == Row::item) {
        const PackingSlipDocument::Item& item =
            document.packages[row.package_index].items[row.item_index];
        pdf.text(item.sku, kMargin, top + 12, 9, false, kNameX - kMargin - 8);
        pdf.text(item.name, kNameX, top + 12, 9, false, kRight - kNameX - 60);
        pdf.text(std::to_string(item.quantity), kRight, top + 12, 9, true, 55, Align::right);
      } else {
        pdf.rule(kMargin, kRight, top + 4, 0.8);
        pdf.text("Total units " + std::to_string(units), kRight, top + 20, 10, true,
                 kRight - kMargin, Align::right);
      }
      top += height;
    }
  }
  return pdf.finish();
}

// ---------------------------------------------------------------------------
// Shipping label

namespace {

constexpr int kDotsWide = 812;   // 4 in at 203 dpi
constexpr int kDotsHigh = 1218;  // 6 in

// Field data for ZPL's ^BC in its default mode N, with its length in Code 128
// symbol characters (start and check character included).
struct ZplCode128 {
  std::string data;
  size_t symbol_characters = 0;
  // Start, data and check characters are 11 modules each, the stop 13.
  int modules() const { return static_cast<int>(11 * symbol_characters + 13); }
};

// The tracking number (letters, digits, '-') as compactly as a printer
// without automatic mode allows: runs of four or more digits in subset C, two
// digits per character (an odd run's first digit stays in B), the rest in
// subset B. ">:" and ">;" start in B and C, ">6" and ">5" switch to them.
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

// The widest module, at most 4 dots (0.5 mm), that keeps ten-module quiet
// zones on the label; 0 when even 2 dots do not fit (1 dot is too thin to
// print reliably).
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

}  // namespace

std::string render_label_pdf(const ShippingLabel& label) {
  check_label(label);
  constexpr double kWidth = 288, kHeight = 432, kEdge = 10;
  constexpr double kRight = kWidth - kEdge, kInner = kWidth - 2 * kEdge;
  const Bars tracking = encode_barcode(Symbology::code128, label.tracking_number, "tracking_number",
                                       label.tracking_number);
  const double tracking_module = fit_module(tracking, kInner, 1.4, 0.6, "tracking_number");
  const Bars sscc =
      encode_barcode(Symbology::gs1_128_sscc, label.sscc, "sscc", sscc_text(label.sscc));
  // GS1 logistic labels: X from 0.495 mm (1.4 pt), bars at least 31.75 mm (90 pt).
  const double sscc_module = fit_module(sscc, kInner, 1.5, 1.4, "sscc");

  Pdf pdf(kWidth, kHeight, "Label " + label.tracking_number, pdf_date(label.printed_at_ms));

  // From (top left), carrier and service (top right).
  constexpr double kFromWidth = 150;
  pdf.gray(0.35);
  pdf.text("FROM", kEdge, kEdge + 7, 6.5, true, kFromWidth);
  pdf.black();
  pdf.text(label.ship_from.name, kEdge, kEdge + 17, 7.5, true, kFromWidth);
  double y = kEdge + 17;
  for (const std::string& line : label.ship_from.lines) {
    y += 8.5;
    pdf.text(line, kEdge, y, 7, false, kFromWidth);
  }
  pdf.text(label.carrier, kRight, kEdge + 18, 16, true, kInner - kFromWidth - 8, Align::right, 9);
  pdf.text(label.service, kRight, kEdge + 32, 9, false, kInner - kFromWidth - 8, Align::right);
  pdf.rule(kEdge, kRight, 70, 1.5);

  // Ship to: the largest text on the label.
  pdf.gray(0.35);
  pdf.text("SHIP TO", kEdge, 81, 7, true, kInner);
  pdf.black();
  pdf.text(label.ship_to.name, kEdge, 97, 13, true, kInner, Align::left, 8);
  y = 97;
  for (const std::string& line : label.ship_to.lines) {
    y += 14;
    pdf.text(line, kEdge, y, 11, false, kInner, Align::left, 7);
  }
  pdf.rule(kEdge, kRight, 174, 1.5);

  const double third = kInner / 3;
  pdf.text(label.reference.empty() ? "" : "Ref " + label.reference, kEdge, 188, 8.5, false,
           third - 4);
  pdf.text(weight_text(label.weight_g), kEdge + kInner / 2, 188, 8.5, false, third - 4,
           Align::center);
  pdf.text(package_text(label), kRight, 188, 8.5, true, third - 4, Align::right);
  pdf.rule(kEdge, kRight, 196, 0.8);

  const double tracking_width = tracking.width * tracking_module;
  pdf.barcode(tracking, (kWidth - tracking_width) / 2, 206, tracking_module, 58, 10);
  pdf.rule(kEdge, kRight, 286, 0.8);

  pdf.gray(0.35);
  pdf.text("SSCC", kEdge, 296, 6.5, true, 60);
  pdf.black();
  const double sscc_width = sscc.width * sscc_module;
  pdf.barcode(sscc, (kWidth - sscc_width) / 2, 300, sscc_module, 91, 10);
  return pdf.finish();
}

// ---------------------------------------------------------------------------
// ZPL

namespace {

constexpr int kDotMargin = 30;

// Field data escaped for ^FH (indicator '_'): printable ASCII passes, except
// the command prefixes ^ and ~, the indicator itself and '\' (which some
// code pages remap); every other byte, UTF-8 included, becomes _XX.
std::string zpl_escape(const std::string& s, bool& needs_fh) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  needs_fh = false;
  for (unsigned char c : s) {
    if (c >= 0x20 && c <= 0x7E && c != '^' && c != '~' && c != '_' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += '_';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
      needs_fh = true;
    }
  }
  return out;
}

class Zpl {
 public:
  Zpl() { line("^XA"); }

  void line(const std::string& command) {
    out_ += command;
    out_ += '\n';
  }

  // One line of text in font 0, `height` dots tall, in a block `width` dots
  // wide from (x, y) with justification L, C or R. The printer cannot be asked
  // how wide text is, so text beyond a conservative estimate of what fits
  // (font 0 averages about 0.55 of its height per character) is cut at a code
  // point and ends in "...".
  void text(int x, int y, int height, int width, const std::string& s, char justify = 'L') {
    if (s.empty()) return;
    const size_t fits = std::max<size_t>(4, static_cast<size_t>(width * 100 / (55 * height)));
    std::vector<size_t> starts = code_point_starts(s);
    std::string shown = s;
    if (starts.size() - 1 > fits) shown = s.substr(0, starts[fits - 3]) + "...";
    bool needs_fh = false;
    const std::string data = zpl_escape(shown, needs_fh);
    line("^FO" + std::to_string(x) + "," + std::to_string(y) + "^A0N," + std::to_string(height) +
         "," + std::to_string(height) + "^FB" + std::to_string(width) + ",1,0," + justify + ",0" +
         (needs_fh ? "^FH_" : "") + "^FD" + data + "^FS");
  }

  void rule(int y, int thickness) {
    line("^FO20," + std::to_string(y) + "^GB" + std::to_string(kDotsWide - 40) + "," +
         std::to_string(thickness) + "," + std::to_string(thickness) + "^FS");
  }

  // Code 128 centred across the label with `module` dots per module and no
  // interpretation line (the caller prints its own, formatted).
  void code128(int y, int height, const ZplCode128& field, int module) {
    const int x = (kDotsWide - field.modules() * module) / 2;
    line("^FO" + std::to_string(x) + "," + std::to_string(y) + "^BY" + std::to_string(module) +
         "^BCN," + std::to_string(height) + ",N,N,N^FD" + field.data + "^FS");
  }

  std::string finish() {
    line("^PQ1");
    line("^XZ");
    return std::move(out_);
  }

 private:
  std::string out_;
};

}  // namespace

std::string render_label_zpl(const ShippingLabel& label) {
  check_label(label);
  Zpl zpl;
  zpl.line("^CI28");  // field data is UTF-8
  zpl.line("^PW" + std::to_string(kDotsWide));
  zpl.line("^LL" + std::to_string(kDotsHigh));
  zpl.line("^LH0,0");

  const int inner = kDotsWide - 2 * kDotMargin;
  const int from_width = 420;
  zpl.text(kDotMargin, 30, 20, from_width, "FROM");
  zpl.text(kDotMargin, 54, 24, from_width, label.ship_from.name);
  int y = 54 + 28;
  for (const std::string& line : label.ship_from.lines) {
    zpl.text(kDotMargin, y, 22, from_width, line);
    y += 24;
  }
  const int carrier_x = kDotMargin + from_width + 20;
  const int carrier_width = kDotsWide - kDotMargin - carrier_x;
  zpl.text(carrier_x, 30, 44, carrier_width, label.carrier, 'R');
  zpl.text(carrier_x, 80, 26, carrier_width, label.service, 'R');
  zpl.rule(200, 4);

  zpl.text(kDotMargin, 216, 22, inner, "SHIP TO");
  zpl.text(kDotMargin, 244, 40, inner, label.ship_to.name);
  y = 244 + 46;
  for (const std::string& line : label.ship_to.lines) {
    zpl.text(kDotMargin, y, 34, inner, line);
    y += 38;
  }
  zpl.rule(490, 4);

  const int third = inner / 3;
  if (!label.reference.empty()) zpl.text(kDotMargin, 508, 26, third, "Ref " + label.reference);
  zpl.text(kDotMargin + third, 508, 26, third, weight_text(label.weight_g), 'C');
  zpl.text(kDotMargin + 2 * third, 508, 26, third, package_text(label), 'R');
  zpl.rule(548, 2);

  const ZplCode128 tracking = zpl_code128(label.tracking_number);
  zpl.code128(566, 170, tracking, zpl_module(tracking));
  zpl.text(0, 746, 30, kDotsWide, label.tracking_number, 'C');
  zpl.rule(790, 2);

  // SSCC as GS1-128: start C (">;"), FNC1 (">8"), then AI 00 and the 18
  // digits as ten digit pairs. 4-dot modules are 0.5 mm, 260 dots 32.5 mm:
  // both within the GS1 logistic label minimums.
  zpl.text(kDotMargin, 806, 22, 200, "SSCC");
  const ZplCode128 sscc{">;>800" + label.sscc, 1 + 1 + 10 + 1};  // start, FNC1, pairs, check
  zpl.code128(836, 260, sscc, 4);
  zpl.text(0, 1108, 34, kDotsWide, sscc_text(label.sscc), 'C');
  return zpl.finish();
}

}  // namespace wareflow::documents
