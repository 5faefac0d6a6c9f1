// Barcodes for the documents: encoded by zint and copied out as rectangles in
// module units, so the zint symbol lives only inside encode_barcode().
#include <algorithm>

#include "documents/documents_internal.h"
#include "gs1/gs1.h"

namespace wareflow::documents {

// ---------------------------------------------------------------------------
// Barcodes: encoded by zint, copied out as rectangles in module units, so the
// zint symbol lives only inside encode_barcode().

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

double fit_module(const Bars& bars, double available, double max_x, double min_x,
                  const std::string& field) {
  const double x = std::min(max_x, available / bars.width);
  if (x < min_x) refuse(field, "is too long to print as a barcode in the space available");
  return x;
}

}  // namespace wareflow::documents
