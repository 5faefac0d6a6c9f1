#include "app/csv_import.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "catalog/catalog.h"
#include "testing/temp_db.h"

namespace wareflow::app {
namespace {

TEST(Csv, QuotedFieldsCommasQuotesAndLineBreaks) {
  auto rows = parse_csv("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", "x,y", "say \"hi\""}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"2", "two\nlines", ""}));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(Csv, SkipsBlankLinesAndKeepsLineNumbers) {
  auto rows = parse_csv("h\n\nv1\n\nv2");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].line, 3);
  EXPECT_EQ(rows[2].line, 5);
}

TEST(Csv, AnUnclosedQuoteIsAnError) { EXPECT_THROW(parse_csv("a\n\"open"), ImportError); }

RC_GTEST_PROP(CsvProperty, NeverCrashesOnAnyInput, (const std::string& text)) {
  try {
    parse_csv(text);
  } catch (const ImportError&) {
  }
}

TEST(Import, ABadRowNamesItsLineAndImportsNothing) {
  testing::TempDb t;
  std::string csv =
      "sku,name,barcodes,weight_g,length_mm,width_mm,height_mm,tracking,shelf_life_days\n"
      "A-1,First,4006381333931,100,10,10,10,none,\n"
      "A-2,Second,,100,10,10,10,,\n"
      "A-3,Third,,heavy,10,10,10,,\n";
  try {
    import_csv(*t.db, *t.orders, ImportKind::products, csv);
    FAIL() << "a bad row was accepted";
  } catch (const ImportError& e) {
    EXPECT_NE(std::string(e.what()).find("line 4"), std::string::npos) << e.what();
  }
  t.db->read([](store::Tx& tx) { EXPECT_FALSE(catalog::find_product(tx, "A-1")); });
}

TEST(Import, ProductsThenStockThenOrders) {
  testing::TempDb t;
  auto products = import_csv(*t.db, *t.orders, ImportKind::products,
                             "sku,name,weight_g,length_mm,width_mm,height_mm\nB-1,Box,5,1,1,1\n");
  EXPECT_EQ(products.records, 1);
  // Stock needs a warehouse with a location first.
  EXPECT_THROW(import_csv(*t.db, *t.orders, ImportKind::stock,
                          "warehouse,location,sku,quantity\nNOPE,X,B-1,1\n"),
               ImportError);
}

}  // namespace
}  // namespace wareflow::app
