#include "api/csv_report.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace wareflow::api {
namespace {

boost::json::array rows(const char* text) { return boost::json::parse(text).as_array(); }

TEST(CsvReport, HeaderThenRowsWithFlattenedColumns) {
  EXPECT_EQ(rows_to_csv(rows(R"([{"sku":"A","units":3,"t":{"p50_ms":5,"p90_ms":null}},
                                 {"sku":"B","units":0,"extra":true}])")),
            "sku,units,t.p50_ms,t.p90_ms,extra\r\n"
            "A,3,5,,\r\n"
            "B,0,,,true\r\n");
}

TEST(CsvReport, QuotesWhatNeedsQuotingAndDefusesFormulas) {
  EXPECT_EQ(rows_to_csv(rows(R"j([{"a":"x,y","b":"say \"hi\"","c":"line\nbreak","d":"=SUM(A1)",
                                  "e":"-3","f":-3,"g":[1,2]}])j")),
            "a,b,c,d,e,f,g\r\n"
            "\"x,y\",\"say \"\"hi\"\"\",\"line\nbreak\",'=SUM(A1),'-3,-3,\"[1,2]\"\r\n");
}

TEST(CsvReport, EmptyAndSingleObject) {
  EXPECT_EQ(rows_to_csv(rows("[]")), "\r\n");
  EXPECT_EQ(rows_to_csv(rows("[]"), {"day", "units"}), "day,units\r\n");
  EXPECT_EQ(object_to_csv(boost::json::parse(R"({"rate":0.5,"n":2})").as_object()),
            "rate,n\r\n0.5,2\r\n");
}

}  // namespace
}  // namespace wareflow::api
