// Routes of the product catalogue: upsert, list and search, by SKU and by
// barcode.
#include <fmt/format.h>

#include "api/handler_kit.h"
#include "api/render_catalog.h"
#include "api/routes.h"
#include "catalog/catalog.h"
#include "core/json.h"
#include "inventory/inventory.h"

namespace wareflow::api {

void register_product_routes(Router& r, store::Database& db) {
  const ReadOn read{db};
  const WriteOn write{db};
  r.add("PUT", "/api/v1/products/{sku}", kIntegrations, [write](const CallPtr& call) {
    json::object body = parse_body(call->request);
    FieldReader in(body);
    catalog::ProductInput p;
    p.sku = call->param("sku");
    p.name = in.required_string("name", 200);
    if (const auto* codes = in.optional_array("barcodes", 20)) {
      for (size_t i = 0; i < codes->size(); ++i) {
        if (!(*codes)[i].is_string()) {
          throw_invalid_field(fmt::format("barcodes[{}]", i), "barcodes are strings");
        }
        p.barcodes.emplace_back((*codes)[i].get_string());
      }
    }
    p.weight_g = in.required_int("weight_g", 0, catalog::kMaxWeightG);
    p.length_mm = in.required_int("length_mm", 0, catalog::kMaxDimensionMm);
    p.width_mm = in.required_int("width_mm", 0, catalog::kMaxDimensionMm);
    p.height_mm = in.required_int("height_mm", 0, catalog::kMaxDimensionMm);
    p.tracking = in.optional_string("tracking", 16).value_or("none");
    p.shelf_life_days = in.optional_int("shelf_life_days", 1, 36500);
    p.storage_zone = in.optional_string("storage_zone", 16);
    write(call, 200, [p](store::Tx& tx, int& status) {
      auto result = catalog::upsert_product(tx, p, inventory::shelf_stock());
      status = result.created ? 201 : 200;
      return render(result.product);
    });
  });
  r.add("GET", "/api/v1/products", kAll, [read](const CallPtr& call) {
    int64_t limit = query_limit(call->request);
    std::string after = query_text(call->request, "cursor");
    auto search = query_opt(call->request, "q");
    if (search && search->size() > 100) throw_invalid_field("q", "q is at most 100 characters");
    read(call, [&](store::Tx& tx) {
      json::array items;
      auto list = search ? catalog::search_products(tx, *search, after, limit + 1)
                         : catalog::list_products(tx, after, limit + 1);
      bool more = trim_page(list, limit);
      for (const auto& p : list) items.push_back(render(p));
      return json::object{{"products", std::move(items)},
                          {"next_cursor", next_cursor(more, more ? list.back().sku : "")}};
    });
  });
  r.add("GET", "/api/v1/products/{sku}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      return render(catalog::require_product(tx, call->param("sku"), 404));
    });
  });
  r.add("GET", "/api/v1/products/by-barcode/{barcode}", kAll, [read](const CallPtr& call) {
    read(call, [&](store::Tx& tx) {
      auto product = catalog::find_by_scan(tx, call->param("barcode"));
      if (!product)
        throw_not_found("unknown_sku", "no product has barcode " + call->param("barcode"));
      return render(*product);
    });
  });
}

}  // namespace wareflow::api
