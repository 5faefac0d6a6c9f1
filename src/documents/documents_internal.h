// What the document renderers share, internal to documents/: refusals and
// input checks, UTF-8 text, barcodes encoded by zint as rectangles, the cairo
// PDF being drawn, and the 4x6 label's checks and Code 128 set that both the
// label PDF and its ZPL use. The API is documents/documents.h.
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>
#include <zint.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "documents/documents.h"

namespace wareflow::documents {

// ---------------------------------------------------------------------------
// Refusals

[[noreturn]] void refuse(const std::string& field, const std::string& detail);

// Cairo and zint fail on valid input only when something is broken (memory,
// fonts), which the caller cannot fix by changing the request.
[[noreturn]] void render_failed(const std::string& detail);

std::string indexed(const std::string& name, size_t index);

// ---------------------------------------------------------------------------
// Text

// The code point starting at s[i] (core/text.h).
using wareflow::next_code_point;

// Byte offsets where each code point of a valid UTF-8 string starts, plus size().
std::vector<size_t> code_point_starts(std::string_view s);

// Printable UTF-8 of bounded size: the rule of core/text.h, which every
// entry point applies at capture. Control characters are refused rather than
// dropped: printing them silently differently would hide a data error.
void check_text(const std::string& value, const std::string& field, bool required);

// Values printed as Code 128 are limited to printable ASCII: Code 128 has no
// agreed encoding beyond it, so scanners would disagree on what they read.
void check_barcode_ascii(const std::string& value, const std::string& field);

void check_address(const Address& address, const std::string& field, bool lines_required);

void check_positive(int64_t value, const std::string& field);

void check_non_negative(int64_t value, const std::string& field);

// From 1970 to the end of 9999: what a four-digit year can print.
void check_timestamp(int64_t at_ms, const std::string& field);

bool all_digits(std::string_view s);

bool is_valid_gs1_key(const std::string& digits, size_t length);

// "2026-11-26T15:04:05Z": what the PDF CreationDate accepts (no fraction).
std::string pdf_date(int64_t at_ms);

std::string printed_at_text(int64_t at_ms);

// "1.25 kg", rounded to 10 g with integers so the text never depends on
// floating-point formatting.
std::string weight_text(int64_t grams);

std::string metres_text(int64_t mm);

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

const char* symbology_name(Symbology symbology);

Bars encode_barcode(Symbology symbology, const std::string& data, const std::string& field,
                    std::string text);

Bars encode_product_barcode(const std::string& value, const std::string& field);

// The module width that fits `bars` into `available` points: as wide as
// max_x, but never below min_x, where print and scan get unreliable.
double fit_module(const Bars& bars, double available, double max_x, double min_x,
                  const std::string& field);

// ---------------------------------------------------------------------------
// PDF drawing

struct SurfaceDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

struct ContextDeleter {
  void operator()(cairo_t* context) const { cairo_destroy(context); }
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);

enum class Align { left, center, right };

inline constexpr double kA4Width = 595.276;
inline constexpr double kA4Height = 841.89;
inline constexpr double kMargin = 36;
inline constexpr const char* kFont = "DejaVu Sans";

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

std::string page_of(size_t page, size_t pages);

// The header shared by the A4 documents: title and three lines of facts on
// the left, a barcode on the right. Returns the y of the rule under it.
double draw_a4_header(Pdf& pdf, const std::string& title, const std::vector<std::string>& facts,
                      const Bars& bars, double module);

inline constexpr double kHeaderBarsWidth = 220;

// ---------------------------------------------------------------------------
// Shipping label, shared by its PDF and its ZPL

inline constexpr int kDotsWide = 812;   // 4 in at 203 dpi
inline constexpr int kDotsHigh = 1218;  // 6 in

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
ZplCode128 zpl_code128(const std::string& value);

// The widest module, at most 4 dots (0.5 mm), that keeps ten-module quiet
// zones on the label; 0 when even 2 dots do not fit (1 dot is too thin to
// print reliably).
int zpl_module(const ZplCode128& field);

void check_label(const ShippingLabel& label);

std::string package_text(const ShippingLabel& label);

std::string sscc_text(const std::string& sscc);

}  // namespace wareflow::documents
