// The pick list PDF: one row per line in route order, two barcodes per row
// (where to go, what to take), nine rows per page.
#include <algorithm>

#include "documents/documents_internal.h"

namespace wareflow::documents {

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

}  // namespace wareflow::documents
