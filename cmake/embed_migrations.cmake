# Writes OUT: a C++ file holding every DIR/*.sql as (name, text), in name order,
# as the function <DIALECT>_migrations().
file(GLOB files ${DIR}/*.sql)
list(SORT files)
set(body "#include \"store/migrations.h\"\nnamespace wareflow::store {\nconst std::vector<Migration>& ${DIALECT}_migrations() {\n  static const std::vector<Migration> all = {\n")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  string(APPEND body "    {\"${name}\", R\"__sql__(${text})__sql__\"},\n")
endforeach()
string(APPEND body "  };\n  return all;\n}\n}  // namespace wareflow::store\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
