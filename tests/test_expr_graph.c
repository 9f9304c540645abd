/*
** test_expr_graph.c — the specification of engine/expr_graph.c: expressions
** as Graph attributeMappingSource trees (byte for byte as Graph's own
** documented examples write them), the parameter keys of every function,
** the way back from a tree to text with its checks and JSON paths, the
** round trip text -> tree -> text, and allocation failure.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mem_fixture.h"
#include "expr.h"
#include "expr_graph.h"
#include "mem.h"
#include "suites.h"

/* ------------------------------------------------------------ helpers */

static char zOut[16384];

/* The source of zExpr printed without whitespace. */
static const char *t_json(const char *zExpr){
  cJSON *p = NULL;
  TsErr err;
  char *z;
  int rc = expr_graph_source(zExpr, &p, &err);
  ck_assert_msg(rc==TS_OK, "%s: rc %d: %s", zExpr, rc, err.zMsg);
  z = cJSON_PrintUnformatted(p);
  snprintf(zOut, sizeof(zOut), "%s", z);
  cJSON_free(z);
  cJSON_Delete(p);
  return zOut;
}

/* The keys of the top-level parameters of zExpr's source, comma-separated. */
static const char *t_keys(const char *zExpr){
  cJSON *p = NULL, *pPair;
  TsErr err;
  size_t n = 0;
  ck_assert_int_eq(expr_graph_source(zExpr, &p, &err), TS_OK);
  zOut[0] = 0;
  cJSON_ArrayForEach(pPair, cJSON_GetObjectItem(p, "parameters")){
    n += (size_t)snprintf(zOut+n, sizeof(zOut)-n, "%s%s", n ? "," : "",
                          cJSON_GetObjectItem(pPair, "key")->valuestring);
  }
  cJSON_Delete(p);
  return zOut;
}

/* The text of a source given as JSON, or "error: <message>". */
static const char *t_text(const char *zJson){
  cJSON *p = cJSON_Parse(zJson);
  StrBuf b;
  TsErr err;
  int rc;
  ck_assert_msg(p!=NULL, "bad test JSON: %s", zJson);
  strbuf_init(&b);
  rc = expr_graph_text(p, &b, &err);
  if( rc==TS_OK ) snprintf(zOut, sizeof(zOut), "%s", strbuf_str(&b));
  else snprintf(zOut, sizeof(zOut), "error: %s", err.zMsg);
  ck_assert(rc==TS_OK || rc==TS_ERR);
  strbuf_free(&b);
  cJSON_Delete(p);
  return zOut;
}

/* zExpr -> source -> text -> source: the two trees are the same (but for
** the top-level "expression", which is the text given), and the text
** compiles. Returns the text. */
static const char *t_round_trip(const char *zExpr){
  cJSON *p1 = NULL, *p2 = NULL;
  StrBuf b;
  TsErr err;
  char *z1, *z2;
  int rc;
  strbuf_init(&b);
  rc = expr_graph_source(zExpr, &p1, &err);
  ck_assert_msg(rc==TS_OK, "%s: %s", zExpr, err.zMsg);
  rc = expr_graph_text(p1, &b, &err);
  ck_assert_msg(rc==TS_OK, "%s: %s", zExpr, err.zMsg);
  rc = expr_graph_source(strbuf_str(&b), &p2, &err);
  ck_assert_msg(rc==TS_OK, "%s -> %s: %s", zExpr, strbuf_str(&b), err.zMsg);
  ck_assert_str_eq(cJSON_GetObjectItem(p2, "expression")->valuestring, strbuf_str(&b));
  cJSON_DeleteItemFromObject(p1, "expression");
  cJSON_DeleteItemFromObject(p2, "expression");
  z1 = cJSON_PrintUnformatted(p1);
  z2 = cJSON_PrintUnformatted(p2);
  ck_assert_msg(strcmp(z1, z2)==0, "%s -> %s:\n%s\n%s", zExpr, strbuf_str(&b), z1, z2);
  snprintf(zOut, sizeof(zOut), "%s", strbuf_str(&b));
  cJSON_free(z1);
  cJSON_free(z2);
  cJSON_Delete(p1);
  cJSON_Delete(p2);
  strbuf_free(&b);
  return zOut;
}

/* ------------------------------------------------- Graph's own examples */

START_TEST(test_not_matches_the_documented_salesforce_source){
  ck_assert_str_eq(t_json("Not([IsSoftDeleted])"),
    "{\"expression\":\"Not([IsSoftDeleted])\",\"name\":\"Not\",\"parameters\":[{\"key\":\"source\","
    "\"value\":{\"expression\":\"[IsSoftDeleted]\",\"name\":\"IsSoftDeleted\",\"parameters\":[],"
    "\"type\":\"Attribute\"}}],\"type\":\"Function\"}");
}
END_TEST

START_TEST(test_mid_matches_the_documented_salesforce_source_with_quoted_numbers){
  ck_assert_str_eq(t_json("Mid([userPrincipalName], 1, 8)"),
    "{\"expression\":\"Mid([userPrincipalName], 1, 8)\",\"name\":\"Mid\",\"parameters\":[{\"key\":"
    "\"source\",\"value\":{\"expression\":\"[userPrincipalName]\",\"name\":\"userPrincipalName\","
    "\"parameters\":[],\"type\":\"Attribute\"}},{\"key\":\"start\",\"value\":{\"expression\":"
    "\"\\\"1\\\"\",\"name\":\"1\",\"parameters\":[],\"type\":\"Constant\"}},{\"key\":\"length\","
    "\"value\":{\"expression\":\"\\\"8\\\"\",\"name\":\"8\",\"parameters\":[],\"type\":\"Constant\"}}],"
    "\"type\":\"Function\"}");
}
END_TEST

START_TEST(test_replace_drops_omitted_arguments_and_uses_the_schema_keys){
  ck_assert_str_eq(t_json("Replace([preferredLanguage], \"-\", , , \"_\", , )"),
    "{\"expression\":\"Replace([preferredLanguage], \\\"-\\\", , , \\\"_\\\", , )\",\"name\":\"Replace\","
    "\"parameters\":[{\"key\":\"source\",\"value\":{\"expression\":\"[preferredLanguage]\",\"name\":"
    "\"preferredLanguage\",\"parameters\":[],\"type\":\"Attribute\"}},{\"key\":\"Find\",\"value\":"
    "{\"expression\":\"\\\"-\\\"\",\"name\":\"-\",\"parameters\":[],\"type\":\"Constant\"}},{\"key\":"
    "\"Replacement\",\"value\":{\"expression\":\"\\\"_\\\"\",\"name\":\"_\",\"parameters\":[],\"type\":"
    "\"Constant\"}}],\"type\":\"Function\"}");
  ck_assert_str_eq(t_keys("Replace([mail], , \"@(?<d>.*)\", \"d\", \"x\", , )"),
                   "source,RegularExpression,RegularExpressionGroupName,Replacement");
  ck_assert_str_eq(t_keys("Replace([u], \"<u>\", , , , , \"<u>@contoso.com\")"), "source,Find,Template");
  ck_assert_str_eq(t_keys("Replace([t], , \"(?<n>[0-9]+)\", \"n\", , [mobile], )"),
                   "source,RegularExpression,RegularExpressionGroupName,ReplacementPropertyName");
}
END_TEST

START_TEST(test_attribute_and_constant_sources_have_the_documented_shape){
  ck_assert_str_eq(t_json("[mail]"),
                   "{\"expression\":\"[mail]\",\"name\":\"mail\",\"parameters\":[],\"type\":\"Attribute\"}");
  ck_assert_str_eq(t_json("\"Member\""),
                   "{\"expression\":\"\\\"Member\\\"\",\"name\":\"Member\",\"parameters\":[],\"type\":\"Constant\"}");
}
END_TEST

START_TEST(test_the_top_expression_is_the_text_as_given_and_nested_ones_are_canonical){
  ck_assert_str_eq(t_json("  Not( Mid([a],1,2)=\"x\" )"),
    "{\"expression\":\"  Not( Mid([a],1,2)=\\\"x\\\" )\",\"name\":\"Not\",\"parameters\":[{\"key\":"
    "\"source\",\"value\":{\"expression\":\"Mid([a], \\\"1\\\", \\\"2\\\") = \\\"x\\\"\",\"name\":\"=\","
    "\"parameters\":[{\"key\":\"left\",\"value\":{\"expression\":\"Mid([a], \\\"1\\\", \\\"2\\\")\","
    "\"name\":\"Mid\",\"parameters\":[{\"key\":\"source\",\"value\":{\"expression\":\"[a]\",\"name\":"
    "\"a\",\"parameters\":[],\"type\":\"Attribute\"}},{\"key\":\"start\",\"value\":{\"expression\":"
    "\"\\\"1\\\"\",\"name\":\"1\",\"parameters\":[],\"type\":\"Constant\"}},{\"key\":\"length\",\"value\":"
    "{\"expression\":\"\\\"2\\\"\",\"name\":\"2\",\"parameters\":[],\"type\":\"Constant\"}}],\"type\":"
    "\"Function\"}},{\"key\":\"right\",\"value\":{\"expression\":\"\\\"x\\\"\",\"name\":\"x\","
    "\"parameters\":[],\"type\":\"Constant\"}}],\"type\":\"Function\"}}],\"type\":\"Function\"}");
}
END_TEST

/* ------------------------------------------------------ parameter keys */

START_TEST(test_repeated_schema_parameters_repeat_their_name){
  ck_assert_str_eq(t_keys("Join(\", \", \"\", [surname], [givenName])"), "separator,source,source,source");
  ck_assert_str_eq(t_keys("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")"),
                   "source,defaultValue,switchValue,switchValue,switchValue,switchValue");
  ck_assert_str_eq(t_keys("Switch([Active], , \"1\", \"False\", \"0\", \"True\")"),
                   "source,switchValue,switchValue,switchValue,switchValue");
}
END_TEST

START_TEST(test_numbered_reference_parameters_are_numbered){
  ck_assert_str_eq(t_keys("Coalesce([mail], , [userPrincipalName], \"none\")"), "source1,source3,source4");
  ck_assert_str_eq(t_keys("SelectUniqueValue(Join(\"@\", [a], \"x.com\"), [b], [c])"),
                   "uniqueValueRule1,uniqueValueRule2,uniqueValueRule3");
}
END_TEST

START_TEST(test_other_functions_use_the_reference_parameter_names){
  ck_assert_str_eq(t_keys("IIF([country]=\"USA\", \"a\", \"b\")"), "condition,valueIfTrue,valueIfFalse");
  ck_assert_str_eq(t_keys("InStr(\"repEated\", \"e\", 3, vbBinaryCompare)"), "value1,value2,start,compareType");
  ck_assert_str_eq(t_keys("InStr([a], \"e\", , vbTextCompare)"), "value1,value2,compareType");
  ck_assert_str_eq(t_keys("Left(\"John Doe\", 3)"), "String,NumChars");
  ck_assert_str_eq(t_keys("CBool([a])"), "Expression");
  ck_assert_str_eq(t_keys("RandomString(10,2,2,2,1,\"?,\")"),
                   "Length,MinimumNumbers,MinimumSpecialCharacters,MinimumCapital,MinimumLowerCase,"
                   "CharactersToAvoid");
  ck_assert_str_eq(t_keys("DateAdd(\"d\", 7, Now())"), "interval,value,dateTime");
  ck_assert_str_eq(t_keys("Guid()"), "");
}
END_TEST

START_TEST(test_formatdatetime_keys_skip_the_styles_it_does_not_have){
  ck_assert_str_eq(t_keys("FormatDateTime([x], \"yyyyMMdd\", \"yyyy-MM-dd\")"), "source,inputFormat,outputFormat");
  ck_assert_str_eq(t_keys("FormatDateTime([x], , \"yyyyMMdd\", \"yyyy-MM-dd\")"), "source,inputFormat,outputFormat");
  ck_assert_str_eq(t_keys("FormatDateTime([x], \"AllowInnerWhite\", \"yyyyMMdd\", \"yyyy-MM-dd\")"),
                   "source,dateTimeStyles,inputFormat,outputFormat");
}
END_TEST

/* -------------------------------------------- constants and other nodes */

START_TEST(test_constants_escape_quotes_and_backslashes_as_the_language_does){
  ck_assert_str_eq(t_json("\"a\\\\b \\\"q\\\"\""),
    "{\"expression\":\"\\\"a\\\\\\\\b \\\\\\\"q\\\\\\\"\\\"\",\"name\":\"a\\\\b \\\"q\\\"\","
    "\"parameters\":[],\"type\":\"Constant\"}");
  /* a backslash before another character is kept, and written back escaped */
  ck_assert_str_eq(t_round_trip("Replace([p], , \"\\+\", , \"\", , )"), "Replace([p], , \"\\\\+\", , \"\")");
  ck_assert_str_eq(t_text("{\"name\":\"C:\\\\dir\\\\\",\"type\":\"Constant\"}"), "\"C:\\\\dir\\\\\"");
}
END_TEST

START_TEST(test_hex_numbers_are_constants_written_unquoted){
  ck_assert_str_eq(t_json("&Hf7"),
                   "{\"expression\":\"&Hf7\",\"name\":\"&HF7\",\"parameters\":[],\"type\":\"Constant\"}");
  ck_assert_str_eq(t_round_trip("BitAnd(&H0F, &Hf7)"), "BitAnd(&HF, &HF7)");
}
END_TEST

START_TEST(test_comparisons_and_bare_identifiers_are_functions_of_our_own){
  ck_assert_str_eq(t_json("[a]<>1"),
    "{\"expression\":\"[a]<>1\",\"name\":\"<>\",\"parameters\":[{\"key\":\"left\",\"value\":"
    "{\"expression\":\"[a]\",\"name\":\"a\",\"parameters\":[],\"type\":\"Attribute\"}},{\"key\":"
    "\"right\",\"value\":{\"expression\":\"\\\"1\\\"\",\"name\":\"1\",\"parameters\":[],\"type\":"
    "\"Constant\"}}],\"type\":\"Function\"}");
  ck_assert_ptr_nonnull(strstr(t_json("IIF([a]=\"x\", IgnoreAttributeFlow, [a])"), "{\"expression\":\"IgnoreAttributeFlow\",\"name\":\"IgnoreAttributeFlow\","
                                     "\"parameters\":[],\"type\":\"Function\"}"));
  ck_assert_str_eq(t_text("{\"name\":\"vbTextCompare\",\"type\":\"Function\",\"parameters\":[]}"), "vbTextCompare");
  ck_assert_str_eq(t_text("{\"name\":\"Guid\",\"type\":\"Function\",\"parameters\":[]}"), "Guid()");
}
END_TEST

START_TEST(test_altsecidfromnetid_is_not_a_function_the_parser_knows){
  cJSON *p = (cJSON*)1;
  TsErr err;
  ck_assert_int_eq(expr_graph_source("AltSecIdFromNetId([netId])", &p, &err), TS_ERR);
  ck_assert_ptr_null(p);
  ck_assert_str_eq(err.zMsg, "column 1: expected a known function, found unknown function 'AltSecIdFromNetId'");
  /* ... but its source, as the cross-tenant default mapping has it, reads back */
  ck_assert_str_eq(t_text("{\"expression\":\"AltSecIdFromNetId([netId])\",\"name\":\"AltSecIdFromNetId\","
                          "\"parameters\":[{\"key\":\"source\",\"value\":{\"expression\":\"[netId]\","
                          "\"name\":\"netId\",\"parameters\":[],\"type\":\"Attribute\"}}],\"type\":\"Function\"}"),
                   "AltSecIdFromNetId([netId])");
}
END_TEST

START_TEST(test_compile_errors_pass_through_with_their_column){
  cJSON *p = (cJSON*)1;
  TsErr err;
  ck_assert_int_eq(expr_graph_source("Mid([a], 1", &p, &err), TS_ERR);
  ck_assert_ptr_null(p);
  ck_assert_str_eq(err.zMsg, "column 11: expected ',' or ')', found end of expression");
  ck_assert_int_eq(expr_graph_source("Join(\"@\", [a] & [b])", &p, &err), TS_ERR);
  ck_assert_str_eq(err.zMsg, "column 15: expected ',' or ')' (there is no & operator: use Join or Append), found '&'");
}
END_TEST

/* ---------------------------------------------------- text from a tree */

START_TEST(test_text_puts_omitted_arguments_back_from_the_keys){
  /* Graph's documented Replace source, without its expressions */
  ck_assert_str_eq(t_text("{\"name\":\"Replace\",\"type\":\"Function\",\"parameters\":["
                          "{\"key\":\"source\",\"value\":{\"name\":\"preferredLanguage\",\"type\":\"Attribute\"}},"
                          "{\"key\":\"Find\",\"value\":{\"name\":\"-\",\"type\":\"Constant\"}},"
                          "{\"key\":\"Replacement\",\"value\":{\"name\":\"_\",\"type\":\"Constant\"}}]}"),
                   "Replace([preferredLanguage], \"-\", , , \"_\")");
  ck_assert_str_eq(t_text("{\"name\":\"Switch\",\"type\":\"Function\",\"parameters\":["
                          "{\"key\":\"source\",\"value\":{\"name\":\"Active\"}},"
                          "{\"key\":\"switchValue\",\"value\":{\"name\":\"1\",\"type\":\"Constant\"}},"
                          "{\"key\":\"switchValue\",\"value\":{\"name\":\"False\",\"type\":\"Constant\"}}]}"),
                   "Switch([Active], , \"1\", \"False\")");
  ck_assert_str_eq(t_text("{\"name\":\"Coalesce\",\"type\":\"Function\",\"parameters\":["
                          "{\"key\":\"source1\",\"value\":{\"name\":\"a\"}},"
                          "{\"key\":\"source3\",\"value\":{\"name\":\"b\"}}]}"),
                   "Coalesce([a], , [b])");
}
END_TEST

START_TEST(test_text_writes_graph_formatdatetime_in_three_arguments){
  ck_assert_str_eq(t_text("{\"name\":\"FormatDateTime\",\"type\":\"Function\",\"parameters\":["
                          "{\"key\":\"source\",\"value\":{\"name\":\"x\"}},"
                          "{\"key\":\"inputFormat\",\"value\":{\"name\":\"yyyyMMdd\",\"type\":\"Constant\"}},"
                          "{\"key\":\"outputFormat\",\"value\":{\"name\":\"yyyy\",\"type\":\"Constant\"}}]}"),
                   "FormatDateTime([x], \"yyyyMMdd\", \"yyyy\")");
}
END_TEST

START_TEST(test_text_keeps_array_order_for_keys_it_does_not_know){
  ck_assert_str_eq(t_text("{\"name\":\"Join\",\"type\":\"Function\",\"parameters\":["
                          "{\"key\":\"separator\",\"value\":{\"name\":\" \",\"type\":\"Constant\"}},"
                          "{\"key\":\"source1\",\"value\":{\"name\":\"a\"}},"
                          "{\"key\":\"source2\",\"value\":{\"name\":\"b\"}}]}"),
                   "Join(\" \", [a], [b])");
  ck_assert_str_eq(t_text("{\"name\":\"Mid\",\"type\":\"Function\",\"parameters\":["
                          "{\"key\":\"length\",\"value\":{\"name\":\"2\",\"type\":\"Constant\"}},"
                          "{\"key\":\"source\",\"value\":{\"name\":\"a\"}}]}"),
                   "Mid(\"2\", [a])");
}
END_TEST

START_TEST(test_text_reads_a_missing_type_as_attribute){
  ck_assert_str_eq(t_text("{\"name\":\"mail\"}"), "[mail]");
  ck_assert_str_eq(t_text("{\"name\":\"mail\",\"type\":null,\"parameters\":null}"), "[mail]");
}
END_TEST

START_TEST(test_text_errors_name_the_json_path_and_what_was_expected){
  ck_assert_str_eq(t_text("{\"name\":\"Mid\",\"type\":\"function\",\"parameters\":[]}"),
                   "error: type: expected \"Attribute\", \"Constant\" or \"Function\", found \"function\"");
  ck_assert_str_eq(t_text("{\"name\":\"Not\",\"type\":\"Function\",\"parameters\":[{\"key\":\"source\","
                          "\"value\":{\"name\":\"x\",\"type\":\"Function\",\"parameters\":[{\"key\":\"source\","
                          "\"value\":{\"name\":\"y\",\"type\":\"attribute\"}}]}}]}"),
                   "error: parameters[0].value.parameters[0].value.type: expected \"Attribute\", "
                   "\"Constant\" or \"Function\", found \"attribute\"");
  ck_assert_str_eq(t_text("{\"type\":\"Attribute\"}"), "error: name: expected a string, found nothing");
  ck_assert_str_eq(t_text("{\"name\":7,\"type\":\"Constant\"}"), "error: name: expected a string, found a number");
  ck_assert_str_eq(t_text("{\"name\":\"Not\",\"type\":\"Function\",\"parameters\":{}}"),
                   "error: parameters: expected an array, found an object");
  ck_assert_str_eq(t_text("{\"name\":\"Mid\",\"type\":\"Function\",\"parameters\":["
                          "{\"key\":\"source\",\"value\":{\"name\":\"a\"}},{\"key\":\"start\"}]}"),
                   "error: parameters[1].value: expected an attributeMappingSource object, found nothing");
  ck_assert_str_eq(t_text("{\"name\":\"Mid\",\"type\":\"Function\",\"parameters\":[{\"value\":{\"name\":\"a\"}}]}"),
                   "error: parameters[0].key: expected a string, found nothing");
  ck_assert_str_eq(t_text("{\"name\":\"Mid\",\"type\":\"Function\",\"parameters\":[3]}"),
                   "error: parameters[0]: expected a {\"key\", \"value\"} object, found a number");
  ck_assert_str_eq(t_text("{\"name\":\"Not\",\"type\":\"Function\",\"parameters\":[{\"key\":\"source\","
                          "\"value\":[1]}]}"),
                   "error: parameters[0].value: expected an attributeMappingSource object, found an array");
  ck_assert_str_eq(t_text("[]"), "error: expected an attributeMappingSource object, found an array");
  ck_assert_str_eq(t_text("{\"name\":\"x\",\"type\":\"Constant\",\"parameters\":[{\"key\":\"k\",\"value\":{\"name\":\"a\"}}]}"),
                   "error: parameters: expected no parameters for a Constant, found 1");
  ck_assert_str_eq(t_text("{\"name\":\"a]b\",\"type\":\"Attribute\"}"),
                   "error: name: expected an attribute name without ']', found \"a]b\"");
  ck_assert_str_eq(t_text("{\"name\":\"Mid(\",\"type\":\"Function\"}"),
                   "error: name: expected a function name, found \"Mid(\"");
  ck_assert_str_eq(t_text("{\"name\":\"=\",\"type\":\"Function\",\"parameters\":[{\"key\":\"left\",\"value\":{\"name\":\"a\"}}]}"),
                   "error: parameters: expected 2 operands for the comparison =, found 1");
}
END_TEST

/* Free a chain of Not() sources without recursing (cJSON_Delete would
** recurse once per level). */
static void t_free_chain(cJSON *p){
  while( p ){
    cJSON *pPair = cJSON_GetArrayItem(cJSON_GetObjectItem(p, "parameters"), 0);
    cJSON *pNext = pPair ? cJSON_DetachItemFromObject(pPair, "value") : NULL;
    cJSON_Delete(p);
    p = pNext;
  }
}

/* Not(Not(...[a]...)) with nNot calls, built directly as a tree. */
static cJSON *t_not_chain(int nNot){
  cJSON *pRoot = cJSON_CreateObject(), *p = pRoot;
  int k;
  for(k=0; k<nNot; k++){
    cJSON *pPair = cJSON_CreateObject(), *pNext = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "name", "Not");
    cJSON_AddStringToObject(p, "type", "Function");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(p, "parameters"), pPair);
    cJSON_AddStringToObject(pPair, "key", "source");
    cJSON_AddItemToObject(pPair, "value", pNext);
    p = pNext;
  }
  cJSON_AddStringToObject(p, "name", "a");
  return pRoot;
}

START_TEST(test_hostile_nesting_is_an_error_not_a_stack_overflow){
  cJSON *p = t_not_chain(100000);
  StrBuf b;
  TsErr err;
  strbuf_init(&b);
  ck_assert_int_eq(expr_graph_text(p, &b, &err), TS_ERR);
  ck_assert_msg(strstr(err.zMsg, "nested too deeply (more than 202 levels of parameters)")!=NULL, "%s", err.zMsg);
  ck_assert_msg(strncmp(err.zMsg, "parameters[0].value.parameters[0].value.", 40)==0, "%s", err.zMsg);
  strbuf_free(&b);
  t_free_chain(p);
}
END_TEST

START_TEST(test_the_deepest_expression_the_parser_accepts_reads_back){
  StrBuf e, b;
  cJSON *p = NULL;
  TsErr err;
  int k;
  strbuf_init(&e);
  strbuf_init(&b);
  for(k=0; k<EXPR_MAX_DEPTH; k++) strbuf_append(&e, "Not(");
  strbuf_append(&e, "[a]");
  for(k=0; k<EXPR_MAX_DEPTH; k++) strbuf_append(&e, ")");
  ck_assert_int_eq(expr_graph_source(strbuf_str(&e), &p, &err), TS_OK);
  ck_assert_int_eq(expr_graph_text(p, &b, &err), TS_OK);
  ck_assert_str_eq(strbuf_str(&b), strbuf_str(&e));
  cJSON_Delete(p);
  strbuf_free(&b);
  strbuf_free(&e);
}
END_TEST

/* ------------------------------------------------------------ round trip */

/* One call of every function the parser knows, and the other node kinds,
** omitted arguments, escapes and layouts (mostly from the test_expr_*.c
** suites). */
static const char *const azRoundTrip[] = {
  "Append([givenName], \".test\")",
  "AppRoleAssignmentsComplex([appRoleAssignments])",
  "BitAnd(&HF, &HF7)",
  "CBool([attribute1] = [attribute2])",
  "CDate(\"2021-06-30+08:00\")",
  "Coalesce([mail], , [userPrincipalName], \"none\")",
  "Coalesce([a], )",
  "ConvertToBase64(\"Hello world!\")",
  "ConvertToUTF8Hex([dn])",
  "Count(Split(\"a,b,c,d\", \",\"))",
  "CStr(Count([p]))",
  "DateAdd(\"d\", -10, CDate([StatusHireDate]))",
  "DateDiff(\"ww\", Now(), CDate([StatusHireDate]))",
  "DateFromNum(129699324000000000)",
  "FormatDateTime([extensionAttribute1], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")",
  "FormatDateTime([x], \"yyyyMMdd\", \"yyyy-MM-dd\")",
  "FormatDateTime([x], \"AllowInnerWhite\", \"yyyyMMdd\", \"yyyy-MM-dd\")",
  "Guid()",
  "IgnoreFlowIfNullOrEmpty(Switch([prefix], \"\", \"3443\", \"Dr.\", \"3444\", \"Prof.\"))",
  "IIF([country]=\"USA\",IIF([state]=\"CA\",\"True\",\"False\"),\"False\")",
  "InStr(\"repEated\",\"e\",3,vbBinaryCompare)",
  "InStr([a], \"x\", , vbTextCompare)",
  "IsNull([a])",
  "IsNullOrEmpty([a])",
  "IsPresent([directManager])",
  "IsString([a])",
  "Item([proxyAddresses], 2)",
  "Join(\", \", \"\", [surname], [givenName])",
  "Left(\"John Doe\", 3)",
  "Mid([userPrincipalName], 1, 8)",
  "NormalizeDiacritics(\"Zo\xC3\xAB\")",
  "Not([IsSoftDeleted])",
  "Now()",
  "NumFromDate(Join(\"\", FormatDateTime([ContractEndDate], ,\"yyyy-MM-ddzzz\", \"yyyy-MM-dd\"), \" 23:59:59-08:00\"))",
  "PCase([lastName],\" '-\")",
  "PCase([a], )",
  "RandomString(10,2,2,2,1,\"?,\")",
  "RandomString(6,3,0,0,3)",
  "Redact(RandomString(6,3,0,0,3))",
  "RemoveDuplicates([p])",
  "Replace([preferredLanguage], \"-\", , , \"_\", , )",
  "Replace([mail], , \"@(?<d>.*)\", \"d\", \"x\", , )",
  "Replace([u], \"<u>\", , , , , \"<u>@contoso.com\")",
  "Replace([t], , \"(?<n>[0-9]+)\", \"n\", , [mobile], )",
  "SelectUniqueValue(Join(\"@\", [a], \"x.com\"), Join(\"@\", Mid([b], 1, 1), \"x.com\"))",
  "SingleAppRoleAssignment([appRoleAssignments])",
  "Split([extensionAttribute5], \",\")",
  "StripSpaces([a])",
  "Switch([Active], , \"1\", \"False\", \"0\", \"True\")",
  "Switch([type], \"x\", \"Guest\", IgnoreObjectFlow)",
  "ToLower(\"I\", \"az\")",
  "ToUpper([a])",
  "Word(\"The quick brown fox\",3,\" \")",
  "IIF([a]=\"x\", IgnoreAttributeFlow, [a])",
  "DateDiff(\"d\", Now(), CDate([x])) > 5",
  "[a] <> [b]",
  "\"10\" >= \"9\"",
  "[a]<\"m\"",
  "[a] <= -1",
  "\"a\\\\b \\\"q\\\"\"",
  "007",
  "&HF7",
  "[extension_abc_Dept]",
  "  Append (  [a] , \"b\" )  ",
  "Switch\n  (\n    [Municipality],\t\"x\",\r\n    \"Oslo\", \"NO\"\n  )",
};

START_TEST(test_text_of_a_source_compiles_to_the_same_tree){
  size_t k;
  for(k=0; k<sizeof(azRoundTrip)/sizeof(azRoundTrip[0]); k++) t_round_trip(azRoundTrip[k]);
}
END_TEST

START_TEST(test_text_is_the_canonical_form){
  ck_assert_str_eq(t_round_trip("Mid([userPrincipalName], 1, 8)"), "Mid([userPrincipalName], \"1\", \"8\")");
  ck_assert_str_eq(t_round_trip("Replace([preferredLanguage], \"-\", , , \"_\", , )"),
                   "Replace([preferredLanguage], \"-\", , , \"_\")");
  ck_assert_str_eq(t_round_trip("FormatDateTime([x], , \"yyyyMMdd\", \"yyyy\")"),
                   "FormatDateTime([x], \"yyyyMMdd\", \"yyyy\")");
  ck_assert_str_eq(t_round_trip("IIF([c]=\"US\",\"a\",\"b\")"), "IIF([c] = \"US\", \"a\", \"b\")");
  ck_assert_str_eq(t_round_trip("Switch\n([a],,\"k\",\"v\")"), "Switch([a], , \"k\", \"v\")");
}
END_TEST

/* ------------------------------------------------------------ memory */

START_TEST(test_allocation_failures_give_nomem_and_leak_nothing){
  const char *zExpr = "Join(\"@\", Replace([mail], , \"@(?<d>.*)\", \"d\", \"x\", , ), "
                      "Switch([a], , \"k\", IIF([b]=&HF, \"1\", \"2\")), Coalesce([x], , Guid()))";
  long n;
  int bDone = 0;
  mfx_cjson_hooks(1);
  for(n=1; n<5000 && !bDone; n++){
    cJSON *p = NULL;
    StrBuf b;
    TsErr err;
    long nFailedBefore = mem_fail_count();
    int rc;
    strbuf_init(&b);
    mem_fail_after(n);
    rc = expr_graph_source(zExpr, &p, &err);
    if( rc==TS_OK ) rc = expr_graph_text(p, &b, &err);
    mem_fail_after(0);
    ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld: rc %d (%s)", n, rc, err.zMsg);
    if( rc==TS_NOMEM ) ck_assert_msg(strstr(err.zMsg, "out of memory")!=NULL, "%s", err.zMsg);
    if( mem_fail_count()==nFailedBefore ){
      ck_assert_int_eq(rc, TS_OK);
      bDone = 1;
    }
    cJSON_Delete(p);
    strbuf_free(&b);
  }
  mfx_cjson_hooks(0);
  ck_assert_int_eq(bDone, 1);
  ck_assert_int_gt(n, 20);
}
END_TEST

/* ------------------------------------------------------------ suite */

Suite *expr_graph_suite(void){
  Suite *s = suite_create("expr_graph");
  TCase *tcGraph = tcase_create("graph examples");
  TCase *tcKeys = tcase_create("parameter keys");
  TCase *tcNodes = tcase_create("node kinds");
  TCase *tcText = tcase_create("text from a tree");
  TCase *tcTrip = tcase_create("round trip and memory");

  tcase_add_test(tcGraph, test_not_matches_the_documented_salesforce_source);
  tcase_add_test(tcGraph, test_mid_matches_the_documented_salesforce_source_with_quoted_numbers);
  tcase_add_test(tcGraph, test_replace_drops_omitted_arguments_and_uses_the_schema_keys);
  tcase_add_test(tcGraph, test_attribute_and_constant_sources_have_the_documented_shape);
  tcase_add_test(tcGraph, test_the_top_expression_is_the_text_as_given_and_nested_ones_are_canonical);
  suite_add_tcase(s, tcGraph);

  tcase_add_test(tcKeys, test_repeated_schema_parameters_repeat_their_name);
  tcase_add_test(tcKeys, test_numbered_reference_parameters_are_numbered);
  tcase_add_test(tcKeys, test_other_functions_use_the_reference_parameter_names);
  tcase_add_test(tcKeys, test_formatdatetime_keys_skip_the_styles_it_does_not_have);
  suite_add_tcase(s, tcKeys);

  tcase_add_test(tcNodes, test_constants_escape_quotes_and_backslashes_as_the_language_does);
  tcase_add_test(tcNodes, test_hex_numbers_are_constants_written_unquoted);
  tcase_add_test(tcNodes, test_comparisons_and_bare_identifiers_are_functions_of_our_own);
  tcase_add_test(tcNodes, test_altsecidfromnetid_is_not_a_function_the_parser_knows);
  tcase_add_test(tcNodes, test_compile_errors_pass_through_with_their_column);
  suite_add_tcase(s, tcNodes);

  tcase_add_test(tcText, test_text_puts_omitted_arguments_back_from_the_keys);
  tcase_add_test(tcText, test_text_writes_graph_formatdatetime_in_three_arguments);
  tcase_add_test(tcText, test_text_keeps_array_order_for_keys_it_does_not_know);
  tcase_add_test(tcText, test_text_reads_a_missing_type_as_attribute);
  tcase_add_test(tcText, test_text_errors_name_the_json_path_and_what_was_expected);
  tcase_add_test(tcText, test_hostile_nesting_is_an_error_not_a_stack_overflow);
  tcase_add_test(tcText, test_the_deepest_expression_the_parser_accepts_reads_back);
  suite_add_tcase(s, tcText);

  tcase_add_test(tcTrip, test_text_of_a_source_compiles_to_the_same_tree);
  tcase_add_test(tcTrip, test_text_is_the_canonical_form);
  tcase_add_test(tcTrip, test_allocation_failures_give_nomem_and_leak_nothing);
  tcase_set_timeout(tcTrip, 60);
  suite_add_tcase(s, tcTrip);
  return s;
}
