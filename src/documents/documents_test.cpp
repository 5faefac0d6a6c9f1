#include "documents/documents.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"

// Round trips through real tools: PDFs are rasterised with pdftoppm at 300 dpi
// and the barcodes read back with zbarimg, so a test passes only when a
// scanner would read what was meant to be printed.

namespace wareflow::documents {
namespace {

namespace fs = std::filesystem;

// --- tools -----------------------------------------------------------------

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

bool have_tool(const std::string& name) {
  return run("command -v " + name + " >/dev/null 2>&1").exit_code == 0;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "wareflow-documents-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

fs::path write_file(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return path;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// One PNG per page, in page order (pdftoppm zero-pads page numbers, so the
// names sort).
std::vector<fs::path> rasterise(const std::string& pdf, const TempDir& dir,
                                const std::string& name) {
  const fs::path file = write_file(dir.path() / (name + ".pdf"), pdf);
  const fs::path prefix = dir.path() / name;
  const CommandResult r = run("pdftoppm -r 300 -png " + quoted(file) + " " + quoted(prefix));
  EXPECT_EQ(r.exit_code, 0) << "pdftoppm failed on " << file;
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string filename = entry.path().filename().string();
    if (filename.rfind(name + "-", 0) == 0 && entry.path().extension() == ".png") {
      pages.push_back(entry.path());
    }
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

// The values zbarimg reads on one page. zbar merges symbols of equal type and
// data within an image, so a value printed twice on a page is read once: the
// samples keep the values on a page distinct.
std::multiset<std::string> decode(const fs::path& png) {
  const CommandResult r = run("zbarimg --nodbus --raw -q " + quoted(png) + " 2>/dev/null");
  const std::vector<std::string> lines = split_lines(r.output);
  return {lines.begin(), lines.end()};
}

// Symbols with their type and modifiers, from zbarimg's XML output:
// "CODE-128|GS1|00123..." ("" when there is no modifier).
std::multiset<std::string> decode_typed(const fs::path& png) {
  const std::string xml = run("zbarimg --nodbus --xml -q " + quoted(png) + " 2>/dev/null").output;
  auto attribute = [](const std::string& tag, const std::string& name) {
    const size_t at = tag.find(" " + name + "='");
    if (at == std::string::npos) return std::string();
    const size_t start = at + name.size() + 3;
    return tag.substr(start, tag.find('\'', start) - start);
  };
  std::multiset<std::string> symbols;
  for (size_t at = xml.find("<symbol "); at != std::string::npos;
       at = xml.find("<symbol ", at + 1)) {
    const std::string tag = xml.substr(at, xml.find('>', at) - at);
    const size_t data = xml.find("<![CDATA[", at) + 9;
    symbols.insert(attribute(tag, "type") + "|" + attribute(tag, "modifiers") + "|" +
                   xml.substr(data, xml.find("]]>", data) - data));
  }
  return symbols;
}

std::string pdfinfo(const fs::path& pdf) { return run("pdfinfo " + quoted(pdf)).output; }

std::string pdftotext(const fs::path& pdf) {
  return run("pdftotext -enc UTF-8 " + quoted(pdf) + " - 2>/dev/null").output;
}

int page_count(const fs::path& pdf) {
  const std::string info = pdfinfo(pdf);
  const size_t at = info.find("Pages:");
  return at == std::string::npos ? -1 : std::atoi(info.c_str() + at + 6);
}

#define REQUIRE_TOOLS()                                                             \
  do {                                                                              \
    if (!have_tool("zbarimg") || !have_tool("pdftoppm") || !have_tool("pdfinfo")) { \
      GTEST_FAIL() << "zbarimg / poppler-utils missing (scripts/install-deps)";     \
    }                                                                               \
  } while (false)

// Golden files live next to this source; WAREFLOW_DOCUMENTS_TESTDATA points
// elsewhere when the build moved the sources.
fs::path testdata(const std::string& name) {
  if (const char* dir = std::getenv("WAREFLOW_DOCUMENTS_TESTDATA")) return fs::path(dir) / name;
  return fs::path(__FILE__).parent_path() / "testdata" / name;
}

// --- fixtures --------------------------------------------------------------

ShippingLabel sample_label() {
  ShippingLabel label;
  label.ship_from = {"Wareflow Lager S\u00fcd",
                     {"Industriestra\u00dfe 7", "70565 Stuttgart", "Deutschland"}};
  label.ship_to = {"Zo\u00eb \u0141ukasiewicz-M\u00fcller",
                   {"ul. \u015awi\u0119tokrzyska 12/4", "00-050 Warszawa", "Polska"}};
  label.carrier = "DHL";
  label.service = "Paket International";
  label.tracking_number = "1Z999AA10123456784";
  label.sscc = "340123450000000017";  // GS1's example company prefix, check digit 7
  label.weight_g = 1250;
  label.package_index = 1;
  label.package_count = 2;
  label.reference = "ORD-1001";
  label.printed_at_ms = 1795705445000;  // 2026-11-26T15:04:05Z
  return label;
}

const std::string kGtin = "4006381333931";

// A valid GTIN-13 per n: "400638" + 6 digits of n + the check digit.
std::string gtin13(size_t n) {
  std::string data = "400638" + std::to_string(1000000 + n).substr(1);
  for (char d = '0'; d <= '9'; ++d) {
    if (is_valid_gtin13(data + d)) return data + d;
  }
  return data;
}

PickListDocument sample_pick_list(size_t lines) {
  PickListDocument document;
  document.pick_list_id = 4711;
  document.wave_id = 12;
  document.warehouse = "Berlin Nord";
  document.printed_at_ms = 1795705445000;
  document.route_length_mm = 123456;
  for (size_t i = 0; i < lines; ++i) {
    PickListDocument::Line line;
    // Given out of route order: the document must sort by sequence.
    line.sequence = static_cast<int64_t>((i * 37) % lines) + 1;
    line.location = "A" + std::to_string(line.sequence / 10) + "-" +
                    std::to_string(line.sequence % 10) + "-0" + std::to_string(i % 4);
    line.sku = "SKU-" + std::to_string(1000 + i);
    line.product_name = "Kaffeebecher Gr\u00f6\u00dfe L \u2013 blau " + std::to_string(i);
    line.lot = i % 3 == 0 ? "LOT-2026-" + std::to_string(i) : "";
    line.barcode = i % 2 == 0 ? gtin13(i) : line.sku;
    line.quantity = static_cast<int64_t>(i % 5) + 1;
    document.lines.push_back(line);
  }
  return document;
}

PackingSlipDocument sample_packing_slip(size_t packages, size_t items_per_package) {
  PackingSlipDocument document;
  document.order_id = 100234;
  document.channel_order_id = "AMZ-302-1234567-7654321";
  document.fulfillment_id = 55;
  document.ship_from = sample_label().ship_from;
  document.ship_to = sample_label().ship_to;
  document.printed_at_ms = 1795705445000;
  for (size_t p = 0; p < packages; ++p) {
    PackingSlipDocument::Package package;
    package.tracking_number = p == 0 ? "" : "1Z99900" + std::to_string(p);
    for (size_t i = 0; i < items_per_package; ++i) {
      package.items.push_back(
          {"SKU-" + std::to_string(p) + "-" + std::to_string(i),
           "\u0391\u03b8\u03ae\u03bd\u03b1 \u041c\u043e\u0441\u043a\u0432\u0430 "
           "item " +
               std::to_string(i),
           static_cast<int64_t>(i) + 1});
    }
    document.packages.push_back(package);
  }
  return document;
}

// Runs `render` and returns the DomainError it throws; fails if none.
DomainError refusal(const std::function<void()>& render) {
  try {
    render();
  } catch (const DomainError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a DomainError";
  return DomainError(0, "", "");
}

void expect_invalid_field(const std::function<void()>& render, const std::string& field) {
  const DomainError e = refusal(render);
  EXPECT_EQ(e.http_status(), 422) << e.what();
  EXPECT_EQ(e.code(), "invalid_field") << e.what();
  EXPECT_EQ(e.field(), field) << e.what();
}

// --- check digits ------------------------------------------------------------

TEST(Documents, Gs1CheckDigits) {
  EXPECT_TRUE(is_valid_gtin13("4006381333931"));
  EXPECT_FALSE(is_valid_gtin13("4006381333932"));
  EXPECT_FALSE(is_valid_gtin13("400638133393"));
  EXPECT_FALSE(is_valid_gtin13("400638133393A"));
  EXPECT_TRUE(is_valid_sscc("340123450000000017"));
  EXPECT_TRUE(is_valid_sscc("106141411234567897"));  // GS1 General Specifications example
  EXPECT_FALSE(is_valid_sscc("340123450000000019"));
  EXPECT_FALSE(is_valid_sscc("34012345000000001"));
}

// --- shipping label --------------------------------------------------------

TEST(Documents, LabelPdfIsOne4x6PageAndBothBarcodesScan) {
  REQUIRE_TOOLS();
  const ShippingLabel label = sample_label();
  const std::string pdf = render_label_pdf(label);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);

  TempDir dir;
  const std::vector<fs::path> pages = rasterise(pdf, dir, "label");
  const std::string info = pdfinfo(dir.path() / "label.pdf");
  EXPECT_NE(info.find("Page size:       288 x 432 pts"), std::string::npos) << info;
  EXPECT_EQ(page_count(dir.path() / "label.pdf"), 1);
  ASSERT_EQ(pages.size(), 1u);

  // zbar drops the leading FNC1 of GS1-128 and reports the AI digits: "00" + SSCC.
  EXPECT_EQ(decode(pages[0]),
            (std::multiset<std::string>{label.tracking_number, "00" + label.sscc}));
  // The SSCC is GS1-128 (FNC1 first, which zbar flags as GS1); the tracking
  // number is plain Code 128.
  EXPECT_EQ(decode_typed(pages[0]),
            (std::multiset<std::string>{"CODE-128||" + label.tracking_number,
                                        "CODE-128|GS1|00" + label.sscc}));
}

TEST(Documents, LabelPdfPrintsNonAsciiText) {
  if (!have_tool("pdftotext")) GTEST_FAIL() << "pdftotext missing (scripts/install-deps)";
  TempDir dir;
  const fs::path file = write_file(dir.path() / "label.pdf", render_label_pdf(sample_label()));
  const std::string text = pdftotext(file);
  for (const char* expected :
       {"Zo\u00eb \u0141ukasiewicz-M\u00fcller", "ul. \u015awi\u0119tokrzyska 12/4",
        "Industriestra\u00dfe 7", "1Z999AA10123456784", "(00) 340123450000000017", "1.25 kg",
        "Package 1 of 2", "Ref ORD-1001", "Paket International"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing in:\n" << text;
  }
}

TEST(Documents, LabelPdfScansWithLongTrackingNumberAndAllDigitTracking) {
  REQUIRE_TOOLS();
  TempDir dir;
  for (const std::string& tracking :
       {std::string("9622001900000000000000123456789012"), std::string("JJD0001234567890123456"),
        std::string("RR123456785DE"), std::string("0123-4567-89ab")}) {
    ShippingLabel label = sample_label();
    label.tracking_number = tracking;
    const std::vector<fs::path> pages = rasterise(render_label_pdf(label), dir, "t" + tracking);
    ASSERT_EQ(pages.size(), 1u);
    EXPECT_EQ(decode(pages[0]), (std::multiset<std::string>{tracking, "00" + label.sscc}));
  }
}

TEST(Documents, LabelZplMatchesGoldenFile) {
  const std::string zpl = render_label_zpl(sample_label());
  const fs::path golden = testdata("label.zpl");
  if (std::getenv("WAREFLOW_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(golden.parent_path());
    write_file(golden, zpl);
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " missing; run with WAREFLOW_UPDATE_GOLDEN=1";
  EXPECT_EQ(zpl, read_file(golden)) << "golden file " << golden;
}

TEST(Documents, LabelZplStructure) {
  const ShippingLabel label = sample_label();
  const std::string zpl = render_label_zpl(label);
  ASSERT_EQ(zpl.rfind("^XA\n", 0), 0u);
  ASSERT_GE(zpl.size(), 4u);
  EXPECT_EQ(zpl.substr(zpl.size() - 4), "^XZ\n");
  EXPECT_EQ(zpl.find("^XA", 1), std::string::npos);
  EXPECT_EQ(zpl.find("^XZ"), zpl.size() - 4);
  EXPECT_NE(zpl.find("^CI28\n"), std::string::npos);
  EXPECT_NE(zpl.find("^PW812\n"), std::string::npos);
  EXPECT_NE(zpl.find("^LL1218\n"), std::string::npos);
  // Tracking: Code 128, subset B switching to C for the last ten digits; no
  // interpretation line (printed separately).
  EXPECT_NE(zpl.find("^BCN,170,N,N,N^FD>:1Z999AA1>50123456784^FS"), std::string::npos);
  // SSCC: start C, FNC1, AI 00, 18 digits; human-readable with the AI.
  EXPECT_NE(zpl.find("^BY4^BCN,260,N,N,N^FD>;>800340123450000000017^FS"), std::string::npos);
  EXPECT_NE(zpl.find("^FD(00) 340123450000000017^FS"), std::string::npos);
  // Every line is one command group; all bytes are printable ASCII.
  for (const std::string& line : split_lines(zpl)) EXPECT_EQ(line[0], '^') << line;
  for (unsigned char c : zpl) EXPECT_TRUE(c == '\n' || (c >= 0x20 && c < 0x7F)) << int(c);
  // UTF-8 goes out as ^FH hex escapes.
  EXPECT_NE(zpl.find("^FH_^FDZo_C3_AB _C5_81ukasiewicz-M_C3_BCller^FS"), std::string::npos);
  EXPECT_EQ(render_label_zpl(label), zpl);  // deterministic
}

TEST(Documents, LabelZplEscapesCommandCharactersInText) {
  ShippingLabel label = sample_label();
  label.ship_to.name = "A^XZ~JR_B\\C";
  label.reference = "^FS";
  const std::string zpl = render_label_zpl(label);
  EXPECT_NE(zpl.find("^FH_^FDA_5EXZ_7EJR_5FB_5CC^FS"), std::string::npos) << zpl;
  EXPECT_NE(zpl.find("^FH_^FDRef _5EFS^FS"), std::string::npos) << zpl;
  // Field data never contains a command prefix, so no field can end early.
  for (size_t at = zpl.find("^FD"); at != std::string::npos; at = zpl.find("^FD", at + 1)) {
    const size_t end = zpl.find("^FS", at);
    ASSERT_NE(end, std::string::npos);
    const std::string data = zpl.substr(at + 3, end - at - 3);
    EXPECT_EQ(data.find_first_of("^~"), std::string::npos) << data;
  }
  EXPECT_EQ(zpl.find("^XZ"), zpl.size() - 4);
}

// Reads ZPL ^BC field data (mode N) the way the printer does: the text it
// encodes and its length in symbol characters, start and check included.
struct Code128Reading {
  std::string text;
  size_t symbols = 2;
  bool fnc1_first = false;
};

Code128Reading read_zpl_code128(const std::string& data) {
  Code128Reading reading;
  char subset = 'B';  // ZPL's default start
  size_t i = 0;
  if (data.rfind(">:", 0) == 0 || data.rfind(">;", 0) == 0) {
    subset = data[1] == ':' ? 'B' : 'C';
    i = 2;
  }
  while (i < data.size()) {
    if (data[i] == '>') {
      const char code = i + 1 < data.size() ? data[i + 1] : '?';
      i += 2;
      ++reading.symbols;
      if (code == '5') {
        subset = 'C';
      } else if (code == '6') {
        subset = 'B';
      } else if (code == '8') {
        if (reading.text.empty()) {
          reading.fnc1_first = true;
        } else {
          reading.text += '\x1d';
        }
      } else {
        ADD_FAILURE() << "unexpected invocation >" << code << " in " << data;
      }
      continue;
    }
    if (subset == 'C') {
      const std::string pair = data.substr(i, 2);
      EXPECT_TRUE(pair.size() == 2 && std::isdigit(static_cast<unsigned char>(pair[0])) &&
                  std::isdigit(static_cast<unsigned char>(pair[1])))
          << "subset C needs digit pairs: " << data;
      reading.text += pair;
      i += 2;
    } else {
      reading.text += data[i++];
    }
    ++reading.symbols;
  }
  return reading;
}

struct ZplBarcode {
  int x = 0, y = 0, module = 0;
  std::string data;
};

std::vector<ZplBarcode> zpl_barcodes(const std::string& zpl) {
  std::vector<ZplBarcode> barcodes;
  for (const std::string& line : split_lines(zpl)) {
    const size_t bc = line.find("^BCN,");
    if (bc == std::string::npos) continue;
    ZplBarcode b;
    EXPECT_EQ(std::sscanf(line.c_str(), "^FO%d,%d^BY%d", &b.x, &b.y, &b.module), 3) << line;
    const size_t fd = line.find("^FD", bc) + 3;
    b.data = line.substr(fd, line.find("^FS", fd) - fd);
    barcodes.push_back(b);
  }
  return barcodes;
}

TEST(Documents, LabelZplBarcodesEncodeTheirValuesAndFitWithQuietZones) {
  for (const std::string& tracking :
       {std::string("1Z999AA10123456784"), std::string("9622001900000000000000123456789012"),
        std::string("123456789"), std::string("JJD0001234567890123456"),
        std::string("RR123456785DE"), std::string("0123-4567-89ab"), std::string("ab12cd"),
        std::string(31, 'K')}) {
    SCOPED_TRACE(tracking);
    ShippingLabel label = sample_label();
    label.tracking_number = tracking;
    const std::vector<ZplBarcode> barcodes = zpl_barcodes(render_label_zpl(label));
    ASSERT_EQ(barcodes.size(), 2u);
    const Code128Reading read = read_zpl_code128(barcodes[0].data);
    EXPECT_EQ(read.text, tracking);
    EXPECT_FALSE(read.fnc1_first);
    const Code128Reading sscc = read_zpl_code128(barcodes[1].data);
    EXPECT_TRUE(sscc.fnc1_first);
    EXPECT_EQ(sscc.text, "00" + label.sscc);
    EXPECT_EQ(sscc.symbols, 13u);  // start C, FNC1, ten pairs, check
    EXPECT_EQ(barcodes[1].module, 4);
    for (const auto& [b, r] : {std::pair{barcodes[0], read}, std::pair{barcodes[1], sscc}}) {
      const int width = static_cast<int>(11 * r.symbols + 13) * b.module;
      EXPECT_GE(b.module, 2);
      EXPECT_LE(b.module, 4);
      EXPECT_GE(b.x, 10 * b.module) << b.data;
      EXPECT_LE(b.x + width + 10 * b.module, 812) << b.data;
    }
  }
}

TEST(Documents, LabelZplPacksDigitRunsInSubsetC) {
  ShippingLabel label = sample_label();
  label.tracking_number = "9622001900000000000000123456789012";  // 34 digits
  EXPECT_NE(render_label_zpl(label).find("^FD>;9622001900000000000000123456789012^FS"),
            std::string::npos);
  label.tracking_number = "123456789";  // odd: one digit in B, then C
  EXPECT_NE(render_label_zpl(label).find("^FD>:1>523456789^FS"), std::string::npos);
  label.tracking_number = "JJD0001234567890123456";
  EXPECT_NE(render_label_zpl(label).find("^FD>:JJD0>5001234567890123456^FS"), std::string::npos);
  label.tracking_number = "1Z12AB";  // short runs stay in B
  EXPECT_NE(render_label_zpl(label).find("^FD>:1Z12AB^FS"), std::string::npos);
}

TEST(Documents, LabelZplTruncatesOverlongTextAtACodePoint) {
  ShippingLabel label = sample_label();
  label.ship_to.lines[0] = "";
  for (int i = 0; i < 60; ++i) label.ship_to.lines[0] += "\u00e4";  // 120 bytes
  const std::string zpl = render_label_zpl(label);
  const size_t at = zpl.find("^FO30,290");
  ASSERT_NE(at, std::string::npos);
  const std::string field = zpl.substr(at, zpl.find('\n', at) - at);
  EXPECT_NE(field.find("_C3_A4...^FS"), std::string::npos) << field;
}

TEST(Documents, LabelRefusals) {
  auto pdf = [](ShippingLabel label) { return [label] { render_label_pdf(label); }; };
  auto zpl = [](ShippingLabel label) { return [label] { render_label_zpl(label); }; };
  auto both = [&](const std::function<void(ShippingLabel&)>& change, const std::string& field) {
    ShippingLabel label = sample_label();
    change(label);
    SCOPED_TRACE(field);
    expect_invalid_field(pdf(label), field);
    expect_invalid_field(zpl(label), field);
  };
  both([](ShippingLabel& l) { l.sscc = "34012345000000001"; }, "sscc");
  both([](ShippingLabel& l) { l.sscc = "3401234500000000170"; }, "sscc");
  both([](ShippingLabel& l) { l.sscc = "34012345000000001A"; }, "sscc");
  both([](ShippingLabel& l) { l.sscc = "340123450000000019"; }, "sscc");  // check digit
  both([](ShippingLabel& l) { l.tracking_number = ""; }, "tracking_number");
  both([](ShippingLabel& l) { l.tracking_number = "1Z^XZ"; }, "tracking_number");
  both([](ShippingLabel& l) { l.tracking_number = "1Z 999"; }, "tracking_number");
  both([](ShippingLabel& l) { l.tracking_number = std::string(41, '1'); }, "tracking_number");
  // 32 letters need 2-dot modules wider than the label: too long for either format.
  both([](ShippingLabel& l) { l.tracking_number = std::string(32, 'K'); }, "tracking_number");
  both([](ShippingLabel& l) { l.printed_at_ms = -1; }, "printed_at_ms");
  both([](ShippingLabel& l) { l.printed_at_ms = 253402300800000; }, "printed_at_ms");
  both([](ShippingLabel& l) { l.carrier = ""; }, "carrier");
  both([](ShippingLabel& l) { l.ship_to.name = "bad \xC3\x28 utf8"; }, "ship_to.name");
  both([](ShippingLabel& l) { l.ship_to.name = "overlong \xC0\xAF"; }, "ship_to.name");
  both([](ShippingLabel& l) { l.ship_to.lines[1] = "two\nlines"; }, "ship_to.lines[1]");
  both([](ShippingLabel& l) { l.ship_to.lines.clear(); }, "ship_to.lines");
  both([](ShippingLabel& l) { l.ship_to.lines.resize(kMaxAddressLines + 1, "x"); },
       "ship_to.lines");
  both([](ShippingLabel& l) { l.ship_from.name = std::string(kMaxTextBytes + 1, 'x'); },
       "ship_from.name");
  both([](ShippingLabel& l) { l.package_index = 3; }, "package_index");
  both([](ShippingLabel& l) { l.package_index = 0; }, "package_index");
  both([](ShippingLabel& l) { l.package_count = 0; }, "package_count");
  both([](ShippingLabel& l) { l.weight_g = -1; }, "weight_g");
}

TEST(Documents, LabelPrintsLongTextInsteadOfRefusing) {
  ShippingLabel label = sample_label();
  label.ship_to.name = std::string(kMaxTextBytes, 'W');
  label.carrier = "A carrier with a remarkably long name";
  EXPECT_EQ(render_label_pdf(label).rfind("%PDF-", 0), 0u);
  EXPECT_EQ(render_label_zpl(label).rfind("^XA", 0), 0u);
}

// --- pick list ---------------------------------------------------------------

TEST(Documents, PickListSpansPagesInRouteOrderAndEveryBarcodeScans) {
  REQUIRE_TOOLS();
  const PickListDocument document = sample_pick_list(60);
  const std::string pdf = render_pick_list_pdf(document);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);

  TempDir dir;
  const std::vector<fs::path> pages = rasterise(pdf, dir, "pick");
  ASSERT_GE(pages.size(), 3u);
  EXPECT_EQ(page_count(dir.path() / "pick.pdf"), static_cast<int>(pages.size()));

  // Lines in route order, and which page each must be on: pages are filled
  // in order, the same number of rows on each.
  std::vector<const PickListDocument::Line*> route;
  for (const auto& line : document.lines) route.push_back(&line);
  std::stable_sort(route.begin(), route.end(),
                   [](const auto* a, const auto* b) { return a->sequence < b->sequence; });
  const size_t per_page = (route.size() + pages.size() - 1) / pages.size();

  std::multiset<std::string> everything;
  size_t next = 0;
  for (size_t page = 0; page < pages.size(); ++page) {
    SCOPED_TRACE("page " + std::to_string(page + 1));
    const std::multiset<std::string> decoded = decode(pages[page]);
    // The header, with the pick-list id, repeats on every page.
    EXPECT_EQ(decoded.count("4711"), 1u);
    std::multiset<std::string> expected{"4711"};
    for (size_t k = 0; k < per_page && next < route.size(); ++k, ++next) {
      expected.insert(route[next]->location);
      expected.insert(route[next]->barcode);
    }
    EXPECT_EQ(decoded, expected);
    everything.insert(decoded.begin(), decoded.end());
  }
  EXPECT_EQ(next, route.size());
  for (const auto& line : document.lines) {
    EXPECT_EQ(everything.count(line.location), 1u) << line.location;
  }
}

TEST(Documents, PickListUsesEan13ForGtinsAndCode128Otherwise) {
  REQUIRE_TOOLS();
  PickListDocument document = sample_pick_list(3);
  document.lines[0].barcode = kGtin;
  document.lines[1].barcode = "4006381333932";  // 13 digits, wrong check digit: Code 128
  document.lines[2].barcode = "SKU-ABC";
  TempDir dir;
  const std::vector<fs::path> pages = rasterise(render_pick_list_pdf(document), dir, "ean");
  ASSERT_EQ(pages.size(), 1u);
  const std::multiset<std::string> typed = decode_typed(pages[0]);
  EXPECT_EQ(typed.count("EAN-13||" + kGtin), 1u);
  EXPECT_EQ(typed.count("CODE-128||4006381333932"), 1u);
  EXPECT_EQ(typed.count("CODE-128||SKU-ABC"), 1u);
  for (const auto& line : document.lines) {
    EXPECT_EQ(typed.count("CODE-128||" + line.location), 1u) << line.location;
  }
  EXPECT_EQ(typed.size(), 7u);  // + the pick-list id
}

TEST(Documents, PickListLongCodesScanAtTheNarrowestModule) {
  REQUIRE_TOOLS();
  PickListDocument document = sample_pick_list(2);
  document.lines[0].location = "WH01-ZONE-A-AISLE-17-BAY3";  // 25 characters, ~0.7 pt modules
  document.lines[1].location = "MEZZANINE-2/RACK-B/L4/P07";
  document.lines[1].barcode = "VENDOR-SKU-0000-ABCDEFG-XY";  // 26 characters
  TempDir dir;
  const std::vector<fs::path> pages = rasterise(render_pick_list_pdf(document), dir, "long");
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(decode(pages[0]), (std::multiset<std::string>{
                                  "4711", document.lines[0].location, document.lines[1].location,
                                  document.lines[0].barcode, document.lines[1].barcode}));
}

TEST(Documents, PickListPrintsHeaderAndNonAsciiText) {
  if (!have_tool("pdftotext")) GTEST_FAIL() << "pdftotext missing (scripts/install-deps)";
  PickListDocument document = sample_pick_list(20);
  TempDir dir;
  const fs::path file = write_file(dir.path() / "pick.pdf", render_pick_list_pdf(document));
  const std::string text = pdftotext(file);
  for (const char* expected : {"Pick list 4711", "Warehouse Berlin Nord", "Wave 12",
                               "2026-11-26 15:04 UTC", "route 123.5 m", "Page 1 of 3",
                               "Page 3 of 3", "Kaffeebecher Gr\u00f6\u00dfe L", "LOT-2026-0"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing";
  }
}

TEST(Documents, PickListRefusals) {
  auto expect = [](const std::function<void(PickListDocument&)>& change, const std::string& field) {
    PickListDocument document = sample_pick_list(3);
    change(document);
    SCOPED_TRACE(field);
    expect_invalid_field([document] { render_pick_list_pdf(document); }, field);
  };
  expect([](PickListDocument& d) { d.lines.clear(); }, "lines");
  expect([](PickListDocument& d) { d.pick_list_id = 0; }, "pick_list_id");
  expect([](PickListDocument& d) { d.warehouse = ""; }, "warehouse");
  expect([](PickListDocument& d) { d.lines[1].quantity = 0; }, "lines[1].quantity");
  expect([](PickListDocument& d) { d.lines[2].location = ""; }, "lines[2].location");
  expect([](PickListDocument& d) { d.lines[2].location = "Gang-\u00c4-1"; }, "lines[2].location");
  expect([](PickListDocument& d) { d.lines[0].location = std::string(60, 'L'); },
         "lines[0].location");  // cannot fit at a scannable module width
  expect([](PickListDocument& d) { d.lines[1].barcode = "caf\u00e9"; }, "lines[1].barcode");
  expect([](PickListDocument& d) { d.lines[1].product_name = "tab\there"; },
         "lines[1].product_name");
  expect([](PickListDocument& d) { d.lines[0].sequence = -1; }, "lines[0].sequence");
}

// --- packing slip ------------------------------------------------------------

TEST(Documents, PackingSlipOrderBarcodeScansOnEveryPage) {
  REQUIRE_TOOLS();
  const std::string pdf = render_packing_slip_pdf(sample_packing_slip(3, 25));
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  TempDir dir;
  const std::vector<fs::path> pages = rasterise(pdf, dir, "slip");
  ASSERT_GE(pages.size(), 2u);
  for (const fs::path& page : pages) {
    EXPECT_EQ(decode(page), (std::multiset<std::string>{"100234"})) << page;
  }
}

TEST(Documents, PackingSlipListsEveryItem) {
  if (!have_tool("pdftotext")) GTEST_FAIL() << "pdftotext missing (scripts/install-deps)";
  const PackingSlipDocument document = sample_packing_slip(3, 25);
  TempDir dir;
  const fs::path file = write_file(dir.path() / "slip.pdf", render_packing_slip_pdf(document));
  const std::string text = pdftotext(file);
  for (const auto& package : document.packages) {
    for (const auto& item : package.items) {
      EXPECT_NE(text.find(item.sku + "\n"), std::string::npos) << item.sku;
    }
  }
  for (const char* expected :
       {"Packing slip", "Order 100234", "AMZ-302-1234567-7654321", "Fulfillment 55",
        "Package 1 of 3", "Package 3 of 3", "Tracking 1Z999002", "Total units 975",
        "Zo\u00eb \u0141ukasiewicz-M\u00fcller", "\u0391\u03b8\u03ae\u03bd\u03b1",
        "\u041c\u043e\u0441\u043a\u0432\u0430"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing";
  }
}

TEST(Documents, PackingSlipRefusals) {
  auto expect = [](const std::function<void(PackingSlipDocument&)>& change,
                   const std::string& field) {
    PackingSlipDocument document = sample_packing_slip(2, 2);
    change(document);
    SCOPED_TRACE(field);
    expect_invalid_field([document] { render_packing_slip_pdf(document); }, field);
  };
  expect([](PackingSlipDocument& d) { d.packages.clear(); }, "packages");
  expect([](PackingSlipDocument& d) { d.packages[1].items.clear(); }, "packages[1].items");
  expect([](PackingSlipDocument& d) { d.packages[1].items[0].quantity = -2; },
         "packages[1].items[0].quantity");
  expect([](PackingSlipDocument& d) { d.packages[0].items[1].sku = ""; },
         "packages[0].items[1].sku");
  expect([](PackingSlipDocument& d) { d.order_id = -5; }, "order_id");
  expect([](PackingSlipDocument& d) { d.ship_to.name = ""; }, "ship_to.name");
  expect([](PackingSlipDocument& d) { d.channel_order_id = "\x7f"; }, "channel_order_id");
}

// --- all documents -----------------------------------------------------------

TEST(Documents, PdfsAreDeterministic) {
  EXPECT_EQ(render_label_pdf(sample_label()), render_label_pdf(sample_label()));
  EXPECT_EQ(render_pick_list_pdf(sample_pick_list(12)), render_pick_list_pdf(sample_pick_list(12)));
  EXPECT_EQ(render_packing_slip_pdf(sample_packing_slip(2, 3)),
            render_packing_slip_pdf(sample_packing_slip(2, 3)));
}

TEST(Documents, PdfCreationDateIsTheInputsPrintTime) {
  if (!have_tool("pdfinfo")) GTEST_FAIL() << "pdfinfo missing (scripts/install-deps)";
  TempDir dir;
  const fs::path file = write_file(dir.path() / "l.pdf", render_label_pdf(sample_label()));
  const std::string info = run("TZ=UTC pdfinfo -isodates " + quoted(file)).output;
  EXPECT_NE(info.find("2026-11-26T15:04:05"), std::string::npos) << info;
}

}  // namespace
}  // namespace wareflow::documents
