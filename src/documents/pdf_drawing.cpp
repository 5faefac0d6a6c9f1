// Drawing on a cairo PDF: the stream into a string and the A4 header.
#include "documents/documents_internal.h"

namespace wareflow::documents {

// ---------------------------------------------------------------------------
// PDF drawing

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (...) {  // must not unwind through cairo's C frames
    return CAIRO_STATUS_WRITE_ERROR;
  }
}

std::string page_of(size_t page, size_t pages) {
  return "Page " + std::to_string(page + 1) + " of " + std::to_string(pages);
}

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

}  // namespace wareflow::documents
