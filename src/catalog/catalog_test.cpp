#include "catalog/catalog.h"

#include <gtest/gtest.h>

#include "core/error.h"
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
    EXPECT_TRUE(upsert_product(tx, p).created);
    EXPECT_EQ(find_by_scan(tx, "4006381333931")->sku, "W-1");
    EXPECT_EQ(find_by_scan(tx, "INTERNAL-7")->sku, "W-1");
    EXPECT_EQ(find_by_scan(tx, "W-1")->sku, "W-1");
    EXPECT_FALSE(find_by_scan(tx, "nothing"));
    EXPECT_FALSE(upsert_product(tx, p).created);
  });
}

TEST(Catalog, ABarcodeBelongsToOneProduct) {
  testing::TempDb t;
  t.db->write([](store::Tx& tx) {
    auto a = widget("A");
    a.barcodes = {"X1"};
    upsert_product(tx, a);
    auto b = widget("B");
    b.barcodes = {"X1"};
    EXPECT_THROW(upsert_product(tx, b), DomainError);
  });
}

TEST(Catalog, RefusesBadInput) {
  testing::TempDb t;
  t.db->write([](store::Tx& tx) {
    auto bad_sku = widget("has space");
    EXPECT_THROW(upsert_product(tx, bad_sku), DomainError);
    auto bad_gtin = widget("G");
    bad_gtin.barcodes = {"4006381333932"};
    EXPECT_THROW(upsert_product(tx, bad_gtin), DomainError);
    auto bad_tracking = widget("T");
    bad_tracking.tracking = "serial";
    EXPECT_THROW(upsert_product(tx, bad_tracking), DomainError);
    auto negative = widget("N");
    negative.weight_g = -1;
    EXPECT_THROW(upsert_product(tx, negative), DomainError);
  });
}

}  // namespace
}  // namespace wareflow::catalog
