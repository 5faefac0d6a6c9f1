# Writes OUT: a C++ file holding the OpenAPI document IN as a string.
file(READ ${IN} text)
set(body "#include <string_view>\nnamespace wareflow::api {\nextern const std::string_view kOpenApiDocument;\nconst std::string_view kOpenApiDocument = R\"__json__(${text})__json__\";\n}  // namespace wareflow::api\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
