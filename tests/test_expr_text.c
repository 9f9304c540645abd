/*
** test_expr_text.c — the specification of the string functions
** (expr_func_text.c, on expr_text.c): Append, ConvertToBase64,
** ConvertToUTF8Hex, CStr, InStr, Left, Mid, NormalizeDiacritics, PCase,
** StripSpaces, ToLower, ToUpper, Word and every form of Replace.
** Shared fixture and the ev()/EV/CE conventions: expr_fixture.h.
*/
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "expr.h"
#include "mem.h"
#include "rng.h"
#include "suites.h"
#include "expr_fixture.h"

START_TEST(test_append_adds_the_suffix_without_separator){
  EV("Append([userPrincipalName], \".test\")", "userPrincipalName=John.Doe@contoso.com",
     "John.Doe@contoso.com.test");
  EV("Append([givenName], [sn])", "givenName=John;sn=Doe", "JohnDoe");
  EV("Append([missing], \".test\")", "", ".test");
  EV("Append(\"a\", [missing])", "", "a");
  EV("Append([proxy], \";x\")", "proxy=a|b", "[a;x|b;x]");
}
END_TEST

START_TEST(test_convert_to_base64_encodes_utf16le){
  EV("ConvertToBase64(\"Hello world!\")", "", "SABlAGwAbABvACAAdwBvAHIAbABkACEA");
  EV("ConvertToBase64(\"\xC3\xA9\")", "", "6QA=");
  EV("ConvertToBase64(\"ab\")", "", "YQBiAA==");
  EV("ConvertToBase64(\"\xF0\x9F\x98\x80\")", "", "PdgA3g==");
  EV("ConvertToBase64(\"\")", "", "");
  EV("ConvertToBase64([missing])", "", "(null)");
}
END_TEST

START_TEST(test_convert_to_utf8_hex_is_upper_case_hex){
  EV("ConvertToUTF8Hex(\"Hello world!\")", "", "48656C6C6F20776F726C6421");
  EV("ConvertToUTF8Hex(\"Zo\xC3\xAB\")", "", "5A6FC3AB");
  EV("ConvertToUTF8Hex([missing])", "", "(null)");
}
END_TEST

START_TEST(test_cstr_converts_to_string){
  EV("CStr([dn])", "dn=cn=Joe,dc=contoso,dc=com", "cn=Joe,dc=contoso,dc=com");
  EV("CStr(IsPresent([dn]))", "", "False");
  EV("CStr(Count([p]))", "p=a|b", "2");
  EV("CStr(Now())", "", "8/25/2021 5:41:18 PM");
  EV("CStr([missing])", "", "(null)");
}
END_TEST

START_TEST(test_instr_finds_one_based_positions){
  EV("InStr(\"The quick brown fox\",\"quick\")", "", "5");
  EV("InStr(\"repEated\",\"e\",3,vbBinaryCompare)", "", "7");
  EV("InStr(\"repEated\",\"e\",3,vbTextCompare)", "", "4");
  EV("InStr(\"repEated\",\"E\", ,vbTextCompare)", "", "2");
  EV("InStr(\"abc\",\"x\")", "", "0");
  EV("InStr(\"abc\",\"\", 2)", "", "2");
  EV("InStr(\"\",\"a\")", "", "0");
  EV("InStr([missing],\"a\")", "", "0");
  EV("InStr(\"abc\",\"c\", 4)", "", "0");
  EV("InStr(\"Zo\xC3\xAB Smith\", \"S\")", "", "5");
  EV("InStr(\"\xC3\x89LODIE\", \"\xC3\xA9l\", 1, vbTextCompare)", "", "1");
  EV("InStr(\"abc\",\"b\",0)", "", "error: column 1: InStr: start must be 1 or more, found 0");
}
END_TEST

START_TEST(test_left_takes_characters_from_the_start){
  EV("Left(\"John Doe\", 3)", "", "Joh");
  EV("Left(\"John Doe\", 0)", "", "");
  EV("Left(\"John Doe\", -1)", "", "John Doe");
  EV("Left(\"Jo\", 5)", "", "Jo");
  EV("Left([missing], 3)", "", "");
  EV("Left(\"Zo\xC3\xAB Smith\", 3)", "", "Zo\xC3\xAB");
  EV("Left([given], 1)", "given=Ann|Bob", "[A|B]");
  EV("Left(\"x\", \"y\")", "", "error: column 1: Left: argument 2 (NumChars) must be an integer, found \"y\"");
}
END_TEST

START_TEST(test_mid_takes_a_substring){
  EV("Mid([givenName], 1, 3)", "givenName=John", "Joh");
  EV("Mid([PreferredFirstName], \"1\", \"1\")", "PreferredFirstName=John", "J");
  EV("Mid(\"John\", 3, 10)", "", "hn");
  EV("Mid(\"John\", 5, 1)", "", "");
  EV("Mid(\"John\", 2, 0)", "", "");
  EV("Mid(\"Zo\xC3\xAB\", 3, 1)", "", "\xC3\xAB");
  EV("Mid([missing], 1, 2)", "", "");
  EV("Mid(\"John\", 0, 1)", "", "error: column 1: Mid: start must be 1 or more, found 0");
  EV("Mid(\"John\", 1, -1)", "", "error: column 1: Mid: length must not be negative, found -1");
}
END_TEST

START_TEST(test_normalize_diacritics_follows_the_documented_table){
  EV("NormalizeDiacritics(\"Zo\xC3\xAB\")", "", "Zoe");
  /* ä à â ã å á ą ă ā Ä Å */
  EV("NormalizeDiacritics(\"\xC3\xA4\xC3\xA0\xC3\xA2\xC3\xA3\xC3\xA5\xC3\xA1\xC4\x85\xC4\x83\xC4\x81"
     "\xC3\x84\xC3\x85\")", "", "aaaaaaaaaAA");
  /* æ ǣ Æ Ǣ ø Ø ß ł Ł ı İ */
  EV("NormalizeDiacritics(\"\xC3\xA6\xC7\xA3\xC3\x86\xC7\xA2 \xC3\xB8\xC3\x98 \xC3\x9F \xC5\x82\xC5\x81 "
     "\xC4\xB1\xC4\xB0\")", "", "aeaeAEAE oeOE ss lL iI");
  /* ç č ć c̄ c̱ ď ḏ ğ ḡ ľ ñ ň ř ṟ š ș ş ť ț ü ů ű ÿ ý ź ž ż ẕ */
  EV("NormalizeDiacritics(\"\xC3\xA7\xC4\x8D\xC4\x87\x63\xCC\x84\x63\xCC\xB1 \xC4\x8F\xE1\xB8\x8F "
     "\xC4\x9F\xE1\xB8\xA1 \xC4\xBE \xC3\xB1\xC5\x88 \xC5\x99\xE1\xB9\x9F \xC5\xA1\xC8\x99\xC5\x9F "
     "\xC5\xA5\xC8\x9B \xC3\xBC\xC5\xAF\xC5\xB1 \xC3\xBF\xC3\xBD \xC5\xBA\xC5\xBE\xC5\xBC\xE1\xBA\x95\")", "",
     "ccccc dd gg l nn rr sss tt uuu yy zzzz");
  /* combining sequences listed as single entries: ā́ ē̂ ṳ̄ e̊̄ Ā̈ */
  EV("NormalizeDiacritics(\"\xC4\x81\xCC\x81 \xC4\x93\xCC\x82 \xE1\xB9\xB3\xCC\x84 e\xCC\x8A\xCC\x84 "
     "\xC4\x80\xCC\x88\")", "", "a e u e A");
  /* ǟ ǖ ȫ ȭ ȱ Ǭ Ȳ */
  EV("NormalizeDiacritics(\"\xC7\x9F\xC7\x96\xC8\xAB\xC8\xAD\xC8\xB1\xC7\xAC\xC8\xB2\")", "", "auoooOY");
}
END_TEST

START_TEST(test_normalize_diacritics_leaves_other_characters_alone){
  /* œ̄ -> oe as listed, plain œ is not in the table */
  EV("NormalizeDiacritics(\"\xC5\x93\xCC\x84 \xC5\x93\")", "", "oe \xC5\x93");
  /* Greek ά and Cyrillic й stay; so do digits and punctuation */
  EV("NormalizeDiacritics(\"\xCE\xAC \xD0\xB9 12-3!\")", "", "\xCE\xAC \xD0\xB9 12-3!");
  EV("NormalizeDiacritics([missing])", "", "(null)");
  EV("NormalizeDiacritics([n])", "n=Jos\xC3\xA9|Ren\xC3\xA9" "e", "[Jose|Renee]");
}
END_TEST

START_TEST(test_pcase_title_cases_words){
  EV("PCase(\"PABLO GONSALVES (SECOND)\")", "", "Pablo Gonsalves (Second)");
  EV("PCase([lastName],\" '-\")", "lastName=PINTO-DE'SILVA", "Pinto-De'Silva");
  EV("PCase([lastName])", "lastName=PINTO-DE'SILVA", "Pinto-De'silva");
  EV("PCase(Join(\" \",[firstName],[lastName]))", "firstName=GREGORY;lastName=JAMES", "Gregory James");
  EV("PCase(\"john's\")", "", "John's");
  EV("Replace(PCase(\"st john's hospital\"),\"'S\", , ,\"'s\", , )", "", "St John's Hospital");
  EV("PCase(\"\xC3\x89LODIE \xC3\x87" "A \xC5\x81\xC3\x93" "D\xC5\xB9\")", "", "\xC3\x89lodie \xC3\x87" "a \xC5\x81\xC3\xB3" "d\xC5\xBA");
  EV("PCase(\"1st o'NEIL_x\")", "", "1St O'neil_X");
  EV("PCase(\"mary ann\", \"\")", "", "Mary ann");
  EV("PCase([missing])", "", "(null)");
}
END_TEST

START_TEST(test_replace_old_value_with_replacement_value){
  EV("Replace([jobTitle], \"Product Developer\", , , \"Software Engineer\", , )",
     "jobTitle=Product Developer", "Software Engineer");
  EV("Replace([mail], \"@contoso.com\", , ,\"\", ,)", "mail=john.doe@contoso.com", "john.doe");
  EV("Replace([preferredLanguage], \"-\", , , \"_\", ,  )", "preferredLanguage=EN-US", "EN_US");
  EV("Replace(\"aXbXc\", \"X\", , , [missing], , )", "", "abc");
  EV("Replace(\"abc\", \"B\", , , \"x\", , )", "", "abc");
  EV("Replace([missing], \"a\", , , \"b\", , )", "", "(null)");
  EV("Replace([p], \"@x\", , , \"@y\", , )", "p=a@x|b@x", "[a@y|b@y]");
  EV("Replace(\"abc\", [missing], , , \"b\", , )", "", "error: column 1: Replace: oldValue must not be empty");
}
END_TEST

START_TEST(test_replace_old_value_with_template){
  EV("Replace([userName], \"<username>\", , , , , \"<username>@contoso.com\")", "userName=jsmith",
     "jsmith@contoso.com");
  EV("Replace([userName], \"<u>\", , , , , \"<u>.<u>\")", "userName=ab", "ab.ab");
}
END_TEST

START_TEST(test_replace_regex_with_dotnet_substitutions){
  const char *zPhone = "Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})\", , "
                       "\"${phoneNumber}\", , )";
  EV(zPhone, "telephoneNumber=+91 9998887777", "9998887777");
  EV("Replace([username], , \"[a-zA-Z_]*\", , \"\", , )", "username=john_doe72", "72");
  /* REF claims "19998887777"; the pattern cannot remove "+", so the rule wins. */
  EV("Replace([phone], , \"[()\\\\s-]+\", , \"\", , )", "phone=+1 (999) 888-7777", "+19998887777");
  EV("Replace(\"John Smith\", , \"(\\\\w+) (\\\\w+)\", , \"$2, $1\", , )", "", "Smith, John");
  EV("Replace(\"ab\", , \"(a)\", , \"$$1 ${1} $& $` $' $+ $_ $9 ${nope} $x ${9} ${01}\", , )", "",
     "$1 a a  b a ab $9 ${nope} $x ${9} ab");
  EV("Replace(\"abc\", , \"x*\", , \"-\", , )", "", "-a-b-c-");
  EV("Replace(\"aaa\", , \"a*\", , \"-\", , )", "", "--");
  EV("Replace([username],,\"(?<id>\\\\d+)$\",,\"#${id}\",,)", "username=jdoe42", "jdoe#42");
  EV("Replace(\"\xC3\xA9t\xC3\xA9\", , \"\\\\w\", , \"x\", , )", "", "xxx");
}
END_TEST

START_TEST(test_replace_regex_group_replaces_only_the_group){
  EV("Replace([streetAddress], , \"(?<streetNumber>^\\\\d*)\", \"streetNumber\", \"888\", , )",
     "streetAddress=545 Tremont Street", "888 Tremont Street");
  EV("Replace([mailNickname], , \"(?<Suffix>@(.)*)\", \"Suffix\", \"\", , )",
     "mailNickname=jsmith@contoso.com", "jsmith");
  EV("Replace(\"a1 b2\", , \"[a-z](?<d>\\\\d)\", \"d\", \"#\", , )", "", "a# b#");
}
END_TEST

START_TEST(test_replace_regex_group_from_the_replacement_attribute){
  const char *zE = "Replace([telephoneNumber], , \"\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})\", "
                   "\"phoneNumber\" , , [mobile], )";
  EV(zE, "telephoneNumber=;mobile=+91 8887779999", "8887779999");
  EV(zE, "mobile=+91 8887779999", "8887779999");
  EV(zE, "telephoneNumber=+1 555;mobile=+91 8887779999", "+1 555");
  EV(zE, "mobile=none", "");
  EV(zE, "", "(null)");
}
END_TEST

START_TEST(test_replace_needs_a_valid_combination_and_pattern){
  CE("Replace([a], \"x\")", "column 1: expected Replace with oldValue and replacementValue or template, "
     "or regexPattern with replacementValue, regexGroupName and replacementValue, or regexGroupName and "
     "replacementAttributeName, found another combination");
  CE("Replace([a], \"x\", \"y\", , \"z\", , )", "column 1: expected Replace with oldValue and replacementValue "
     "or template, or regexPattern with replacementValue, regexGroupName and replacementValue, or "
     "regexGroupName and replacementAttributeName, found another combination");
  CE("Replace([a], , \"(ab\", , \"z\", , )",
     "column 16: expected a valid regular expression, found one with an error at character 4: "
     "missing closing parenthesis");
  CE("Replace([a], , \"(?<x>a)\", \"y\", \"z\", , )",
     "column 27: expected the name of a group in the pattern, found \"y\"");
  EV("Replace([a], , [pattern], , \"z\", , )", "a=abc;pattern=(b",
     "error: column 1: Replace: invalid regular expression: character 3: missing closing parenthesis");
  EV("Replace([a], , [pattern], , \"z\", , )", "a=abc;pattern=b", "azc");
}
END_TEST

START_TEST(test_stripspaces_removes_only_spaces){
  EV("StripSpaces(\" John  Doe \")", "", "JohnDoe");
  EV("StripSpaces(\"a\tb\")", "", "a\tb");
  EV("StripSpaces([missing])", "", "(null)");
}
END_TEST

START_TEST(test_tolower_and_toupper_use_invariant_casing){
  EV("ToLower(\"JOHN Doe\")", "", "john doe");
  EV("ToUpper(\"zo\xC3\xAB\")", "", "ZO\xC3\x8B");
  EV("ToLower(\"\xC3\x80\xC3\x89\xC3\x8E\xC3\x98\xC3\x9E\")", "", "\xC3\xA0\xC3\xA9\xC3\xAE\xC3\xB8\xC3\xBE");
  /* Latin Extended-A: ą č ę ł ń š ž ő ÿ */
  EV("ToUpper(\"\xC4\x85\xC4\x8D\xC4\x99\xC5\x82\xC5\x84\xC5\xA1\xC5\xBE\xC5\x91\xC3\xBF\")", "",
     "\xC4\x84\xC4\x8C\xC4\x98\xC5\x81\xC5\x83\xC5\xA0\xC5\xBD\xC5\x90\xC5\xB8");
  EV("ToLower(\"\xC4\x84\xC4\x8C\xC4\x98\xC5\x81\xC5\x83\xC5\xA0\xC5\xBD\xC5\x90\xC5\xB8\xC4\xB0\")", "",
     "\xC4\x85\xC4\x8D\xC4\x99\xC5\x82\xC5\x84\xC5\xA1\xC5\xBE\xC5\x91\xC3\xBFi");
  EV("ToUpper(\"stra\xC3\x9F" "e \xC4\xB1\")", "", "STRA\xC3\x9F" "E I");
  EV("ToUpper(\"\xCE\xB1\xCE\xB2 \xD0\xB6\")", "", "\xCE\x91\xCE\x92 \xD0\x96");
  EV("ToLower([missing])", "", "(null)");
  EV("ToLower([p])", "p=A|B", "[a|b]");
}
END_TEST

START_TEST(test_tolower_and_toupper_take_an_optional_culture){
  EV("ToUpper(\"i\", \"tr-TR\")", "", "\xC4\xB0");
  EV("ToLower(\"I\", \"tr-TR\")", "", "\xC4\xB1");
  EV("ToLower(\"I\", \"az\")", "", "\xC4\xB1");
  EV("ToLower(\"I\", \"en-US\")", "", "i");
  EV("ToLower(\"I\", \"ja-JP\")", "", "i");
  EV("ToLower(\"ABC\", )", "", "abc");
  EV("ToLower(\"A\", \"\")", "", "a");
  EV("ToLower(\"A\", \"!!\")", "", "error: column 1: ToLower: \"!!\" is not a culture name (such as en-US)");
}
END_TEST

START_TEST(test_word_picks_the_nth_delimited_word){
  EV("Word(\"The quick brown fox\",3,\" \")", "", "brown");
  EV("Word(\"This,string!has&many separators\",3,\",!&#\")", "", "has");
  EV("Word(\"  a  b \",2,\" \")", "", "b");
  EV("Word(\"a b\",0,\" \")", "", "");
  EV("Word(\"a b\",3,\" \")", "", "");
  EV("Word([missing],1,\" \")", "", "");
  EV("Word(\"a\xC3\xA9" "b\xC3\xA9" "c\",2,\"\xC3\xA9\")", "", "b");
}
END_TEST

Suite *expr_text_suite(void){
  Suite *s = suite_create("expr_text");
  TCase *tcFunctions = tcase_create("functions");
  TCase *tcReplace = tcase_create("replace");

  tcase_add_test(tcFunctions, test_append_adds_the_suffix_without_separator);
  tcase_add_test(tcFunctions, test_convert_to_base64_encodes_utf16le);
  tcase_add_test(tcFunctions, test_convert_to_utf8_hex_is_upper_case_hex);
  tcase_add_test(tcFunctions, test_cstr_converts_to_string);
  tcase_add_test(tcFunctions, test_instr_finds_one_based_positions);
  tcase_add_test(tcFunctions, test_left_takes_characters_from_the_start);
  tcase_add_test(tcFunctions, test_mid_takes_a_substring);
  tcase_add_test(tcFunctions, test_normalize_diacritics_follows_the_documented_table);
  tcase_add_test(tcFunctions, test_normalize_diacritics_leaves_other_characters_alone);
  tcase_add_test(tcFunctions, test_pcase_title_cases_words);
  tcase_add_test(tcFunctions, test_stripspaces_removes_only_spaces);
  tcase_add_test(tcFunctions, test_tolower_and_toupper_use_invariant_casing);
  tcase_add_test(tcFunctions, test_tolower_and_toupper_take_an_optional_culture);
  tcase_add_test(tcFunctions, test_word_picks_the_nth_delimited_word);
  suite_add_tcase(s, tcFunctions);

  tcase_add_test(tcReplace, test_replace_old_value_with_replacement_value);
  tcase_add_test(tcReplace, test_replace_old_value_with_template);
  tcase_add_test(tcReplace, test_replace_regex_with_dotnet_substitutions);
  tcase_add_test(tcReplace, test_replace_regex_group_replaces_only_the_group);
  tcase_add_test(tcReplace, test_replace_regex_group_from_the_replacement_attribute);
  tcase_add_test(tcReplace, test_replace_needs_a_valid_combination_and_pattern);
  suite_add_tcase(s, tcReplace);
  return s;
}
