// The packing slip PDF: addresses on the first page, then the packages and
// their items as one table that flows over as many pages as it needs.
#include <algorithm>
#include <numeric>

#include "documents/documents_internal.h"

namespace wareflow::documents {

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

}  // namespace wareflow::documents
