#include "surveys/utf8.hpp"

#include <gtest/gtest.h>

namespace {
using touchpoint::surveys::find_invalid_utf8;
using touchpoint::surveys::is_valid_utf8;
using touchpoint::surveys::repair_utf8;

constexpr auto npos = std::string_view::npos;
const std::string replacement = "\xEF\xBF\xBD";

TEST(utf8, accepts_well_formed_text_in_any_script_and_emoji) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("plain ASCII"));
    EXPECT_TRUE(is_valid_utf8("café, Ærøskøbing, приве́т, 日本語, 😀"));
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF")); // U+10FFFF
    EXPECT_TRUE(is_valid_utf8(replacement));
}

TEST(utf8, finds_the_first_ill_formed_byte) {
    EXPECT_EQ(find_invalid_utf8("caf\xE9\xFF"), 3u);     // Latin-1 é
    EXPECT_EQ(find_invalid_utf8("ab\xC0\xAF"), 2u);      // overlong '/'
    EXPECT_EQ(find_invalid_utf8("\xED\xA0\x80"), 0u);    // a UTF-16 surrogate
    EXPECT_EQ(find_invalid_utf8("\xF4\x90\x80\x80"), 0u);// past U+10FFFF
    EXPECT_EQ(find_invalid_utf8("ok\xE2\x82"), 2u);      // truncated at the end
    EXPECT_EQ(find_invalid_utf8("\x80"), 0u);            // a lone continuation byte
    EXPECT_EQ(find_invalid_utf8(std::string_view("a\0b", 3)), 1u); // U+0000 is refused too
    EXPECT_EQ(find_invalid_utf8("é"), npos);
}

TEST(utf8, repair_replaces_each_maximal_ill_formed_subpart_with_one_replacement_character) {
    EXPECT_EQ(repair_utf8("caf\xE9\xFF"), "caf" + replacement + replacement);
    EXPECT_EQ(repair_utf8("\xE2\x82x"), replacement + "x"); // a truncated sequence is one subpart
    EXPECT_EQ(repair_utf8(std::string_view("a\0b", 3)), "a" + replacement + "b");
    EXPECT_EQ(repair_utf8("café 😀"), "café 😀");
    EXPECT_EQ(repair_utf8(replacement), replacement);
    EXPECT_TRUE(is_valid_utf8(repair_utf8("\xC0\xAF\xED\xA0\x80\xF8\x88\x80\x80\x80")));
}

} // namespace
