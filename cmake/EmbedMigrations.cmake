# Generates a C++ source that holds every numbered migration file, so the binary
# carries its schema. Re-runs when a migration changes.
function(touchpoint_embed_migrations directory output)
  file(GLOB migration_files CONFIGURE_DEPENDS "${directory}/[0-9][0-9][0-9][0-9]_*.sql")
  list(SORT migration_files)
  set(entries "")
  foreach(file ${migration_files})
    get_filename_component(name ${file} NAME_WE)
    string(SUBSTRING ${name} 0 4 number)
    math(EXPR version "${number}")
    file(READ ${file} sql)
    # Editing a migration re-runs the configure step, which regenerates the source.
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    string(APPEND entries "    {${version}, \"${name}\", R\"touchpoint_sql(${sql})touchpoint_sql\"},\n")
  endforeach()
  file(CONFIGURE OUTPUT ${output} CONTENT
"// Generated from engine/store/migrations by cmake/EmbedMigrations.cmake.
#include \"engine/store/migrations.hpp\"

namespace touchpoint::engine::store {

const std::vector<migration>& all_migrations() {
    static const std::vector<migration> migrations{
${entries}    };
    return migrations;
}

} // namespace touchpoint::engine::store
" @ONLY)
endfunction()
