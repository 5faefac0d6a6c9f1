// The catalogue: products with their SKU, barcodes, size and weight, and how
// they are tracked. A scan of any barcode of a product, or of its SKU, finds it.
//
// Guarantees: SKUs are unique codes ([A-Za-z0-9._-], 1-64); a barcode belongs to
// exactly one product; GTIN-8/12/13/14 barcodes carry a valid check digit;
// names keep the text rule (core/text.h); length, width and height are
// 0..kMaxDimensionMm, weight 0..kMaxWeightG.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace wareflow::catalog {

// Bounds of a product's measures, checked at every entry point (API, CSV
// import). A product is at most 10 m along any side and weighs at most 10 t:
// beyond is a typo. One unit then takes at most 10^12 mm³ (10^9 cm³), which
// int64 holds; the volume and weight of stock (units × unit, summed over
// balances) can still pass 2^63 and is computed in 128 bits (numeric/wide.h).
inline constexpr int64_t kMaxDimensionMm = 10'000;
inline constexpr int64_t kMaxWeightG = 10'000'000;

struct ProductInput {
  std::string sku;
  std::string name;
  std::vector<std::string> barcodes;
  int64_t weight_g = 0;
  int64_t length_mm = 0;
  int64_t width_mm = 0;
  int64_t height_mm = 0;
  std::string tracking = "none";  // "none" or "lot"
  std::optional<int64_t> shelf_life_days;
  // The zone the product must be stored in (cold, hazmat, ...): putaway
  // sends it only to locations of that zone.
  std::optional<std::string> storage_zone;
};

struct Product {
  int64_t id = 0;
  std::string sku;
  std::string name;
  std::vector<std::string> barcodes;
  int64_t weight_g = 0;
  int64_t length_mm = 0;
  int64_t width_mm = 0;
  int64_t height_mm = 0;
  std::string tracking;
  std::optional<int64_t> shelf_life_days;
  std::optional<std::string> storage_zone;
  // The latest price paid (set_unit_cost); none before the first.
  std::optional<int64_t> unit_cost_minor;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;

  bool lot_tracked() const { return tracking == "lot"; }
};

struct UpsertResult {
  Product product;
  bool created;
};

// What the catalogue asks of the stock ledger, which sits above it
// (inventory/ implements it: inventory::shelf_stock()).
class ShelfStock {
 public:
  virtual ~ShelfStock() = default;
  // True when units of the product lie in physical (not virtual) locations.
  virtual bool on_shelves(store::Tx& tx, int64_t product_id) = 0;
};

// Creates or replaces the product with this SKU (its barcode set included).
// Its tracking cannot change while `stock` has units of it on the shelves
// (409 invalid_state).
UpsertResult upsert_product(store::Tx& tx, const ProductInput& input, ShelfStock& stock);

std::optional<Product> find_product(store::Tx& tx, std::string_view sku);
std::optional<Product> find_product_by_id(store::Tx& tx, int64_t id);
// The products with these ids, by id, read in one statement however many ids
// (store/id_list.h): what other modules join to show a SKU, a size or a
// cost beside their own rows. Barcodes are left empty; ids that name no
// product are left out.
std::map<int64_t, Product> products_by_ids(store::Tx& tx, const std::vector<int64_t>& ids);
// The id of the product with this SKU: one indexed read, no barcodes (order
// capture looks up every line).
std::optional<int64_t> product_id_of(store::Tx& tx, std::string_view sku);
// By any barcode, then by SKU.
std::optional<Product> find_by_scan(store::Tx& tx, std::string_view code);
// Throws DomainError(422 or 404 per `status`, unknown_sku) when absent.
Product require_product(store::Tx& tx, std::string_view sku, int status = 422,
                        const std::string& field = "sku");
// SKUs in order after `after_sku`, at most `limit`.
std::vector<Product> list_products(store::Tx& tx, std::string_view after_sku, int64_t limit);
// Products whose SKU starts with `text` or whose name contains it (either
// case), by SKU after `after_sku`. A scan of the catalogue: meant for people
// typing, not for integrations.
std::vector<Product> search_products(store::Tx& tx, std::string_view text,
                                     std::string_view after_sku, int64_t limit);

// The product's standard cost for valuing losses: the latest price paid for it
// (set when a purchase order names one; wms/inbound.h).
void set_unit_cost(store::Tx& tx, int64_t product_id, int64_t unit_cost_minor);

// True for a GTIN-8/12/13/14 whose last digit is the GS1 mod-10 check digit.
bool is_valid_gtin(std::string_view digits);

}  // namespace wareflow::catalog
