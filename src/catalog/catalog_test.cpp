#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "inventory/inventory.h"
#include "testing/small_shop.h"
#include "testing/temp_db.h"

namespace wareflow::catalog {
namespace {

TEST(Gtin, CheckDigits) {
  EXPECT_TRUE(is_valid_gtin("4006381333931"));  // EAN-13
  EXPECT_FALSE(is_valid_gtin("4006381333932"));
  EXPECT_TRUE(is_valid_gtin("96385074"));        // EAN-8
  EXPECT_TRUE(is_valid_gtin("036000291452"));    // UPC-A
  EXPECT_TRUE(is_valid_gtin("10012345678902"));  // GTIN-14
  EXPECT_FALSE(is_valid_gtin("12345"));
}

ProductInput widget(const std::string& sku) {
  ProductInput p;
  p.sku = sku;
  p.name = "Widget";
  p.weight_g = 10;
  p.length_mm = p.width_mm = p.height_mm = 10;
  return p;
}

TEST(Catalog, AScanOfAnyBarcodeOrTheSkuFindsTheProduct) {
  testing::TempDb t;
  t.db->write([](store::Tx& tx) {
    auto p = widget("W-1");
    p.barcodes = {"4006381333931", "INTERNAL-7"};
    EXPECT_TRUE(upsert_product(tx, p, inventory::shelf_stock()).created);
    EXPECT_EQ(find_by_scan(tx, "4006381333931")->sku, "W-1");
    EXPECT_EQ(find_by_scan(tx, "INTERNAL-7")->sku, "W-1");
    EXPECT_EQ(find_by_scan(tx, "W-1")->sku, "W-1");
    EXPECT_FALSE(find_by_scan(tx, "nothing"));
    EXPECT_FALSE(upsert_product(tx, p, inventory::shelf_stock()).created);
  });
}

TEST(Catalog, ABarcodeBelongsToOneProduct) {
  testing::TempDb t;
  t.db->write([](store::Tx& tx) {
    auto a = widget("A");
    a.barcodes = {"X1"};
    upsert_product(tx, a, inventory::shelf_stock());
    auto b = widget("B");
    b.barcodes = {"X1"};
    EXPECT_THROW(upsert_product(tx, b, inventory::shelf_stock()), DomainError);
  });
}

TEST(Catalog, RefusesBadInput) {
  testing::TempDb t;
  t.db->write([](store::Tx& tx) {
    auto bad_sku = widget("has space");
    EXPECT_THROW(upsert_product(tx, bad_sku, inventory::shelf_stock()), DomainError);
    auto bad_gtin = widget("G");
    bad_gtin.barcodes = {"4006381333932"};
    EXPECT_THROW(upsert_product(tx, bad_gtin, inventory::shelf_stock()), DomainError);
    auto bad_tracking = widget("T");
    bad_tracking.tracking = "serial";
    EXPECT_THROW(upsert_product(tx, bad_tracking, inventory::shelf_stock()), DomainError);
    auto negative = widget("N");
    negative.weight_g = -1;
    EXPECT_THROW(upsert_product(tx, negative, inventory::shelf_stock()), DomainError);
  });
}

// The ledger (inventory::shelf_stock) answers for the catalogue: tracking
// stays while units of the product lie on the shelves, and may change again
// once they are gone.
TEST(Catalog, TrackingStaysWhileStockIsOnTheShelves) {
  testing::TempDb t;
  testing::set_up_small_shop(t);
  auto p1_by_lot = [] {
    ProductInput p;
    p.sku = "P1";
    p.name = "P1";
    p.weight_g = 100;
    p.length_mm = p.width_mm = p.height_mm = 50;
    p.tracking = "lot";
    return p;
  };
  t.db->write([&](store::Tx& tx) {
    testing::adjust_p1(t, tx, 5);
    try {
      upsert_product(tx, p1_by_lot(), inventory::shelf_stock());
      ADD_FAILURE() << "tracking changed with stock on the shelves";
    } catch (const DomainError& e) {
      EXPECT_EQ(e.http_status(), 409);
      EXPECT_EQ(e.code(), "invalid_state");
    }
    EXPECT_EQ(find_product(tx, "P1")->tracking, "none");
    testing::adjust_p1(t, tx, -5);
    EXPECT_EQ(upsert_product(tx, p1_by_lot(), inventory::shelf_stock()).product.tracking, "lot");
  });
}

}  // namespace
}  // namespace wareflow::catalog
