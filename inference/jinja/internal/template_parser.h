// Parser of the chat-template interpreter: tokens -> syntax tree, following Jinja's grammar
// and operator precedence (lowest first):
//
//   expr     := or ['if' or ['else' expr]]            (conditional expression)
//   or       := and ('or' and)*        and := not ('and' not)*      not := 'not' not | compare
//   compare  := math1 (('=='|'!='|'<'|'<='|'>'|'>='|'in'|'not' 'in') math1)*
//   math1    := concat (('+'|'-') concat)*             concat := math2 ('~' math2)*
//   math2    := pow (('*'|'/'|'//'|'%') pow)*          pow := unary ('**' unary)*
//   unary    := ('-'|'+') unary_nofilter | primary postfix* (filter | test | call)*
//   postfix  := '.' name | '.' integer | '[' subscript ']' | '(' args ')'
//   filter   := '|' name ['(' args ')']                test := 'is' ['not'] name [arg]
//   primary  := name | true/false/none | string+ | number | '(' tuple ')' | list | dict
//
// So filters bind tighter than any operator ('a' + x | trim == 'a' + (x | trim)) and
// "not x is defined" is "not (x is defined)". Statements: if/elif/else, for (with 'if'
// filter and else), set (names, tuples, namespace attributes, blocks), macro, filter,
// break/continue, raw, generation. Unknown filters and tests are errors at parse time,
// as in Jinja. Nesting deeper than `max_depth` (brackets, operators, blocks) is an Error,
// so a hostile template cannot exhaust the stack.
#pragma once

#include "jinja.h"
#include "result.h"
#include "template_ast.h"

// parse_template itself is declared in jinja.h (the public entry point).
