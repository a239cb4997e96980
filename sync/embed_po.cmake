# embed_po.cmake - writes OUT, a C file holding every PO_DIR/*.po as a string, so that the hub
# carries its translations inside the program (hub_web.c reads them with core/i18n.c):
#   const char *const hub_po_data[][2] = {{"fi", "..."}, ...}; const int hub_po_count = N;
# cmake -DPO_DIR=... -DOUT=... -P embed_po.cmake
file(GLOB pos ${PO_DIR}/*.po)
list(SORT pos)
set(body "/* Generated from ${PO_DIR} by sync/embed_po.cmake: do not edit. */\n")
string(APPEND body "const char *const hub_po_data[][2] = {\n")
set(n 0)
foreach(po ${pos})
  get_filename_component(lang ${po} NAME_WE)
  file(READ ${po} text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "?" "\\?" text "${text}")
  string(REPLACE "\n" "\\n\"\n\"" text "${text}")
  string(APPEND body "{\"${lang}\", \"${text}\"},\n")
  math(EXPR n "${n} + 1")
endforeach()
string(APPEND body "};\nconst int hub_po_count = ${n};\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
