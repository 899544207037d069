# Cross builds: gcatrust-embed for the build host, built by a sub-build of host/ with the host's
# compiler (no toolchain file is passed on) at build time, so editing embed/ rebuilds it. The
# cross build runs the executable this produces; nothing of it goes into the target program.
include(ExternalProject)

set(gcatrust_host_tools_dir "${CMAKE_BINARY_DIR}/host-tools")
set(gcatrust_host_embed "${gcatrust_host_tools_dir}/embed/gcatrust-embed")
ExternalProject_Add(gcatrust_host_embed
  SOURCE_DIR "${CMAKE_CURRENT_LIST_DIR}/host"
  BINARY_DIR "${gcatrust_host_tools_dir}"
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=Release
  BUILD_COMMAND "${CMAKE_COMMAND}" --build . --target gcatrust-embed
  INSTALL_COMMAND ""
  # Always ask the sub-build (a no-op when nothing changed); its output is restat'ed, so the
  # certificates are only re-embedded when the tool really changed.
  BUILD_ALWAYS TRUE
  BUILD_BYPRODUCTS "${gcatrust_host_embed}")

set_property(GLOBAL PROPERTY GCATRUST_EMBED_COMMAND "${gcatrust_host_embed}")
set_property(GLOBAL PROPERTY GCATRUST_EMBED_DEPENDS gcatrust_host_embed "${gcatrust_host_embed}")
