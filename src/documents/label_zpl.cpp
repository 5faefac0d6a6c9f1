// The 4x6 shipping label as ZPL for thermal printers (203 dpi).
#include <algorithm>

#include "documents/documents_internal.h"

namespace wareflow::documents {

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
