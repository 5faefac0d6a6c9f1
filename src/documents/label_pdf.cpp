// The 4x6 shipping label as a PDF.
#include <algorithm>

#include "documents/documents_internal.h"

namespace wareflow::documents {

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

}  // namespace wareflow::documents
