// Bulk import from CSV files (RFC 4180: a header row, fields quoted with ""
// when they hold commas, quotes or line breaks). A file is imported in one
// transaction: a bad row is reported with its line number and nothing of the
// file is written.
//
// products: sku,name,barcodes,weight_g,length_mm,width_mm,height_mm,tracking,shelf_life_days
//           (barcodes separated by |)
// stock:    warehouse,location,sku,quantity,lot,expiry,reason (signed quantity)
// orders:   channel,channel_order_id,email,name,phone,ship_name,line1,line2,city,postal_code,
//           country,sku,quantity,unit_price_minor,currency,priority,ship_by
//           (one row per order line; rows of one order are consecutive)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "oms/orders.h"
#include "store/database.h"

namespace wareflow::app {

enum class ImportKind { products, stock, orders };

struct ImportResult {
  int64_t rows = 0;
  int64_t records = 0;  // products, adjustments or orders written
};

// Throws ImportError naming the line on the first bad row; writes nothing then.
ImportResult import_csv(store::Database& db, oms::OrderService& orders, ImportKind kind,
                        const std::string& text);

struct ImportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses CSV text into rows of fields, with the 1-based line each row starts on.
struct CsvRow {
  int64_t line;
  std::vector<std::string> fields;
};
std::vector<CsvRow> parse_csv(const std::string& text);

}  // namespace wareflow::app
