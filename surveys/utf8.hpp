// UTF-8 well-formedness, checked wherever text enters the engine and repaired in
// rows stored before that check existed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace touchpoint::surveys {

// Offset of the first byte of the first ill-formed sequence (Unicode 15, section
// 3.9, table 3-7: no overlongs, no surrogates, nothing past U+10FFFF), or
// std::string_view::npos when `text` is well-formed UTF-8. U+0000 counts as
// ill-formed here: PostgreSQL cannot store it in text and no respondent types it.
std::size_t find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return find_invalid_utf8(text) == std::string_view::npos; }

// `text` with each maximal ill-formed subpart, and each U+0000, replaced by
// U+FFFD (the substitution the Unicode Standard recommends in section 3.9 and
// ICU's U8_NEXT_OR_FFFD performs).
std::string repair_utf8(std::string_view text);

} // namespace touchpoint::surveys
