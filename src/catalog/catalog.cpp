#include "catalog/catalog.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <map>

#include "core/error.h"
#include "core/json.h"
#include "core/text.h"
#include "events/outbox.h"
#include "store/id_list.h"

namespace wareflow::catalog {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_barcode_text(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c > ' ' && c < 127; });
}

void validate(const ProductInput& input) {
  if (!is_code(input.sku)) {
    throw_invalid_field("sku", "sku must be 1-64 characters of A-Z a-z 0-9 . _ -");
  }
  if (input.name.empty() || input.name.size() > 200) {
    throw_invalid_field("name", "name must be 1-200 characters");
  }
  check_text(input.name, "name");
  if (input.barcodes.size() > 20) throw_invalid_field("barcodes", "at most 20 barcodes");
  for (size_t i = 0; i < input.barcodes.size(); ++i) {
    const std::string& code = input.barcodes[i];
    std::string field = "barcodes[" + std::to_string(i) + "]";
    if (!is_barcode_text(code)) {
      throw_invalid_field(field, field + " must be 1-64 printable characters without spaces");
    }
    size_t n = code.size();
    if (all_digits(code) && (n == 8 || n == 12 || n == 13 || n == 14) && !is_valid_gtin(code)) {
      throw_invalid_field(field, field + " is a GTIN with a wrong check digit");
    }
  }
  struct Measure {
    const char* name;
    int64_t value;
    int64_t max;
  };
  for (Measure m : {Measure{"weight_g", input.weight_g, kMaxWeightG},
                    Measure{"length_mm", input.length_mm, kMaxDimensionMm},
                    Measure{"width_mm", input.width_mm, kMaxDimensionMm},
                    Measure{"height_mm", input.height_mm, kMaxDimensionMm}}) {
    if (m.value < 0 || m.value > m.max) {
      throw_invalid_field(m.name,
                          std::string(m.name) + " must be between 0 and " + std::to_string(m.max));
    }
  }
  if (input.tracking != "none" && input.tracking != "lot") {
    throw_invalid_field("tracking", "tracking must be \"none\" or \"lot\"");
  }
  if (input.storage_zone && !is_code(*input.storage_zone, 16)) {
    throw_invalid_field("storage_zone",
                        "storage_zone must be 1-16 characters of A-Z a-z 0-9 . _ -");
  }
  if (input.shelf_life_days && (*input.shelf_life_days < 1 || *input.shelf_life_days > 36500)) {
    throw_invalid_field("shelf_life_days", "shelf_life_days must be between 1 and 36500");
  }
}

std::vector<std::string> load_barcodes(store::Tx& tx, int64_t product_id) {
  std::vector<std::string> codes;
  auto q = tx.query("SELECT barcode FROM product_barcodes WHERE product_id = $1 ORDER BY barcode",
                    product_id);
  while (q.next()) codes.push_back(q.text(0));
  return codes;
}

constexpr const char* kColumns =
    "id, sku, name, weight_g, length_mm, width_mm, height_mm, tracking, shelf_life_days, "
    "created_at_ms, updated_at_ms, storage_zone, unit_cost_minor";

Product read_row(store::Query& q) {
  Product p;
  p.id = q.i64(0);
  p.sku = q.text(1);
  p.name = q.text(2);
  p.weight_g = q.i64(3);
  p.length_mm = q.i64(4);
  p.width_mm = q.i64(5);
  p.height_mm = q.i64(6);
  p.tracking = q.text(7);
  p.shelf_life_days = q.opt_i64(8);
  p.created_at_ms = q.i64(9);
  p.updated_at_ms = q.i64(10);
  p.storage_zone = q.opt_text(11);
  p.unit_cost_minor = q.opt_i64(12);
  return p;
}

std::optional<Product> find_where(store::Tx& tx, const std::string& where, auto value) {
  std::optional<Product> product;
  {
    auto q = tx.query(std::string("SELECT ") + kColumns + " FROM products WHERE " + where, value);
    if (q.next()) product = read_row(q);
  }
  if (product) product->barcodes = load_barcodes(tx, product->id);
  return product;
}

}  // namespace

bool is_valid_gtin(std::string_view digits) {
  if (!all_digits(digits)) return false;
  size_t n = digits.size();
  if (n != 8 && n != 12 && n != 13 && n != 14) return false;
  int sum = 0;
  // Weights 3,1,3,1,... from the rightmost digit before the check digit.
  for (size_t i = 0; i + 1 < n; ++i) {
    int d = digits[n - 2 - i] - '0';
    sum += (i % 2 == 0) ? 3 * d : d;
  }
  int check = (10 - sum % 10) % 10;
  return check == digits[n - 1] - '0';
}

void set_unit_cost(store::Tx& tx, int64_t product_id, int64_t unit_cost_minor) {
  tx.exec("UPDATE products SET unit_cost_minor = $2 WHERE id = $1", product_id, unit_cost_minor);
}

UpsertResult upsert_product(store::Tx& tx, const ProductInput& input, ShelfStock& stock) {
  validate(input);
  std::optional<Product> existing = find_product(tx, input.sku);
  int64_t id;
  if (existing) {
    id = existing->id;
    if (existing->tracking != input.tracking) {
      if (stock.on_shelves(tx, id)) {
        throw_conflict("invalid_state", "tracking of " + input.sku +
                                            " cannot change while it has stock on the shelves");
      }
    }
    tx.exec(
        "UPDATE products SET name = $2, weight_g = $3, length_mm = $4, width_mm = $5, "
        "height_mm = $6, tracking = $7, shelf_life_days = $8, updated_at_ms = $9, storage_zone = "
        "$10 WHERE id = $1",
        id, input.name, input.weight_g, input.length_mm, input.width_mm, input.height_mm,
        input.tracking, input.shelf_life_days, tx.now_ms(), input.storage_zone);
    tx.exec("DELETE FROM product_barcodes WHERE product_id = $1", id);
  } else {
    id = tx.next_id("products");
    tx.exec(
        "INSERT INTO products (id, sku, name, weight_g, length_mm, width_mm, height_mm, tracking, "
        "shelf_life_days, created_at_ms, updated_at_ms, storage_zone) VALUES ($1, $2, $3, $4, $5, "
        "$6, $7, $8, $9, $10, $10, $11)",
        id, input.sku, input.name, input.weight_g, input.length_mm, input.width_mm, input.height_mm,
        input.tracking, input.shelf_life_days, tx.now_ms(), input.storage_zone);
  }
  for (size_t i = 0; i < input.barcodes.size(); ++i) {
    const std::string& code = input.barcodes[i];
    auto owner = tx.query("SELECT product_id FROM product_barcodes WHERE barcode = $1", code);
    if (owner.next()) {
      if (owner.i64(0) == id) continue;  // listed twice
      throw DomainError(409, "invalid_state", "barcode " + code + " belongs to another product",
                        "barcodes[" + std::to_string(i) + "]");
    }
    tx.exec("INSERT INTO product_barcodes (barcode, product_id) VALUES ($1, $2)", code, id);
  }
  boost::json::object data;
  data["sku"] = input.sku;
  data["created"] = !existing.has_value();
  events::append(tx, "product.upserted", "product:" + input.sku, data);
  return {*find_product_by_id(tx, id), !existing.has_value()};
}

std::optional<Product> find_product(store::Tx& tx, std::string_view sku) {
  return find_where(tx, "sku = $1", sku);
}

std::optional<Product> find_product_by_id(store::Tx& tx, int64_t id) {
  return find_where(tx, "id = $1", id);
}

std::optional<int64_t> product_id_of(store::Tx& tx, std::string_view sku) {
  auto q = tx.query("SELECT id FROM products WHERE sku = $1", sku);
  if (!q.next()) return std::nullopt;
  return q.i64(0);
}

std::map<int64_t, Product> products_by_ids(store::Tx& tx, const std::vector<int64_t>& ids) {
  std::map<int64_t, Product> by_id;
  if (ids.empty()) return by_id;
  auto q = tx.query(std::string("SELECT ") + kColumns +
                        " FROM products WHERE id IN (SELECT value FROM json_each($1))",
                    store::id_list(ids));
  while (q.next()) {
    Product p = read_row(q);
    by_id.emplace(p.id, std::move(p));
  }
  return by_id;
}

std::optional<Product> find_by_scan(store::Tx& tx, std::string_view code) {
  auto product =
      find_where(tx, "id = (SELECT product_id FROM product_barcodes WHERE barcode = $1)", code);
  if (product) return product;
  return find_product(tx, code);
}

Product require_product(store::Tx& tx, std::string_view sku, int status, const std::string& field) {
  auto product = find_product(tx, sku);
  if (!product) {
    throw_unknown(status, "unknown_sku", "no product with SKU " + std::string(sku), field);
  }
  return *product;
}

// The barcodes of a page of products in one query.
void load_barcodes_of(store::Tx& tx, std::vector<Product>& products) {
  if (products.empty()) return;
  std::map<int64_t, Product*> by_id;
  std::vector<int64_t> ids;
  for (Product& p : products) {
    by_id[p.id] = &p;
    ids.push_back(p.id);
  }
  auto q = tx.query(
      "SELECT product_id, barcode FROM product_barcodes WHERE product_id IN (SELECT value FROM "
      "json_each($1)) ORDER BY product_id, barcode",
      store::id_list(ids));
  while (q.next()) by_id[q.i64(0)]->barcodes.push_back(q.text(1));
}

std::vector<Product> list_products(store::Tx& tx, std::string_view after_sku, int64_t limit) {
  std::vector<Product> products;
  {
    auto q = tx.query(
        std::string("SELECT ") + kColumns + " FROM products WHERE sku > $1 ORDER BY sku LIMIT $2",
        after_sku, limit);
    while (q.next()) products.push_back(read_row(q));
  }
  load_barcodes_of(tx, products);
  return products;
}

std::vector<Product> search_products(store::Tx& tx, std::string_view text,
                                     std::string_view after_sku, int64_t limit) {
  std::vector<Product> products;
  {
    auto q = tx.query(std::string("SELECT ") + kColumns +
                          " FROM products WHERE sku > $1 AND (lower(substr(sku, 1, length($3))) = "
                          "lower($3) OR instr(lower(name), lower($3)) > 0) ORDER BY sku LIMIT $2",
                      after_sku, limit, text);
    while (q.next()) products.push_back(read_row(q));
  }
  load_barcodes_of(tx, products);
  return products;
}

}  // namespace wareflow::catalog
