"""Conversations and feature templates for template_goldens.py (data only).

REQUIRED: the templates Hearth must render byte for byte, each with its family's BOS/EOS
texts and the conversations to render. STANDARD_CONVERSATIONS: what every template in the
shared folder is tried with. FEATURES: (name, template, variables) for one language feature
each; errors are expected outcomes too.
"""

from hunyuan_templates import HUNYUAN_7B_TEMPLATE, HUNYUAN_DENSE_TEMPLATE

SYSTEM = {"role": "system", "content": "You are a helpful assistant. Answer briefly."}
USER = {"role": "user", "content": "What is 2 + 2?"}
ANSWER = {"role": "assistant", "content": "2 + 2 = 4."}
USER2 = {"role": "user", "content": "And times 3?"}
THOUGHT = {"role": "assistant",
           "content": "<think>\nThe user asks 2 + 2.\nThat is 4.\n</think>\n\n2 + 2 = 4."}


def conv(name, messages, gen=True, **options):
    c = {"name": name, "messages": messages, "add_generation_prompt": gen}
    if options:
        c["options"] = options
    return c


COMMON = [
    conv("system_user", [SYSTEM, USER]),
    conv("user_only", [USER]),
    conv("multi_turn", [SYSTEM, USER, ANSWER, USER2]),
    conv("multi_turn_no_system", [USER, ANSWER, USER2]),
    conv("ends_with_assistant", [SYSTEM, USER, ANSWER], gen=False),
    conv("non_ascii", [{"role": "user", "content": "Grüße aus Köln — 你好，世界！ 😀 Ça va?"},
                       {"role": "assistant", "content": "Très bien ✓ «merci»"},
                       {"role": "user", "content": "日本語で答えて\tplease"}]),
    conv("whitespace", [{"role": "system", "content": "  Be brief. \n"},
                        {"role": "user", "content": "\n  Hello there  \n\n"}]),
    conv("quotes_and_braces", [{"role": "user",
                                "content": "Say \"{{ hi }}\" and {% not a tag %} 'ok' \\n"}]),
]

THINKING = [
    conv("think_in_history", [USER, THOUGHT, USER2]),
    conv("think_last_assistant", [USER, THOUGHT], gen=False),
    conv("thinking_on", [SYSTEM, USER], enable_thinking=True),
    conv("thinking_off", [SYSTEM, USER], enable_thinking=False),
    conv("thinking_off_history", [USER, THOUGHT, USER2], enable_thinking=False),
]

QWEN3_EXTRA = [
    conv("reasoning_content_last", [USER, {"role": "assistant", "content": "2 + 2 = 4.",
                                           "reasoning_content": "Simple sum."}], gen=False),
    conv("reasoning_content_history",
         [USER, {"role": "assistant", "content": "4.", "reasoning_content": "Sum."}, USER2]),
]

GEMMA = [
    conv("user_only", [USER]),
    conv("multi_turn_no_system", [USER, ANSWER, USER2]),
    conv("ends_with_assistant", [USER, ANSWER], gen=False),
    conv("non_ascii", COMMON[5]["messages"]),
    conv("whitespace", [{"role": "user", "content": "\n  Hello there  \n\n"}]),
    conv("system_user", [SYSTEM, USER]),            # Gemma 2 refuses a system message
    conv("not_alternating", [USER, USER2]),         # and roles that do not alternate
]

# What Gemma 3 makes of [SYSTEM, USER]: the system text opens the first user turn.
GEMMA.append(conv("system_folded", [{"role": "user",
                                     "content": SYSTEM["content"] + "\n\n" + USER["content"]}]))

MISTRAL_EXTRA = [conv("not_alternating", [USER, USER2])]

# Seed-OSS: the thinking budget (-1 unlimited, 0 answer directly, N tokens with a reflection
# interval looked up by dictsort) and earlier thinking given back as reasoning_content.
SEED_EXTRA = [
    conv("budget_zero", [SYSTEM, USER], thinking_budget=0),
    conv("budget_512", [USER], thinking_budget=512),
    conv("budget_1000", [SYSTEM, USER], thinking_budget=1000),
    conv("budget_beyond_table", [USER], thinking_budget=100000),
    conv("budget_unlimited", [USER], thinking_budget=-1),
    conv("reasoning_content_history",
         [USER, {"role": "assistant", "content": "4.", "reasoning_content": "  Sum.\n"}, USER2]),
]

# SmolLM3: /think and /no_think in the system prompt override enable_thinking.
SMOLLM3_EXTRA = [
    conv("system_no_think", [{"role": "system", "content": "Be brief. /no_think"}, USER]),
    conv("system_think", [{"role": "system", "content": "/think Be brief."}, USER],
         enable_thinking=False),
]

# Hunyuan: system prompts joined, a past answer reduced to what its <answer> holds (with
# Python's strip(chars): the characters of "</answer>" go from both ends), the last kept whole;
# enable_thinking=False appends an empty <think> block whether or not a reply is asked for.
HY_THOUGHT = {"role": "assistant",
              "content": "<think>\nThe user asks 2 + 2.\n</think>\n<answer>\n2 + 2 = 4.\n</answer>"}
HUNYUAN_EXTRA = [
    conv("two_system", [SYSTEM, {"role": "system", "content": "Use digits."}, USER]),
    conv("answer_in_history", [SYSTEM, USER, HY_THOUGHT, USER2]),
    conv("answer_last_kept", [USER, HY_THOUGHT], gen=False),
    conv("answer_strip_chars", [USER, {"role": "assistant",
                                       "content": "x<answer>answer: yes</answer>"}, USER2]),
    conv("thinking_off_no_prompt", [USER, HY_THOUGHT], gen=False, enable_thinking=False),
]

# gpt-oss (harmony): the system prompt becomes the developer message, past answers are final
# channel messages and their thinking (reasoning_content, which the template does not read)
# is dropped; reasoning_effort low/medium/high or unset (the template's medium).
HARMONY_THOUGHT = {"role": "assistant", "content": "2 + 2 = 4.",
                   "reasoning_content": "The user asks 2 + 2. That is 4."}
HARMONY = [
    conv("system_user", [SYSTEM, USER]),
    conv("user_only", [USER]),
    conv("multi_turn", [SYSTEM, USER, ANSWER, USER2]),
    conv("multi_turn_no_system", [USER, ANSWER, USER2]),
    conv("past_analysis_dropped", [SYSTEM, USER, HARMONY_THOUGHT, USER2]),
    conv("ends_with_assistant", [SYSTEM, USER, ANSWER], gen=False),
    conv("non_ascii", COMMON[5]["messages"]),
    conv("whitespace", COMMON[6]["messages"]),
    conv("effort_low", [SYSTEM, USER], reasoning_effort="low"),
    conv("effort_medium", [USER], reasoning_effort="medium"),
    conv("effort_high", [SYSTEM, USER, HARMONY_THOUGHT, USER2], reasoning_effort="high"),
]

LLAMA3 = {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"}
QWEN = {"bos_token": "<|endoftext|>", "eos_token": "<|im_end|>"}
DEEPSEEK = {"bos_token": "<｜begin▁of▁sentence｜>", "eos_token": "<｜end▁of▁sentence｜>"}
MISTRAL = {"bos_token": "<s>", "eos_token": "</s>"}

PHI = {"bos_token": "<s>", "eos_token": "<|endoftext|>"}
GRANITE = {"bos_token": "<|end_of_text|>", "eos_token": "<|end_of_text|>"}

REQUIRED = {
    "meta-llama-Llama-3.1-8B-Instruct.jinja": {**LLAMA3, "conversations": COMMON},
    "meta-llama-Llama-3.2-3B-Instruct.jinja": {**LLAMA3, "conversations": COMMON},
    "Qwen-Qwen2.5-7B-Instruct.jinja": {**QWEN, "conversations": COMMON},
    "Qwen-Qwen3-0.6B.jinja": {**QWEN, "conversations": COMMON + THINKING + QWEN3_EXTRA},
    "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja": {**DEEPSEEK, "conversations": COMMON + THINKING},
    "deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja": {**DEEPSEEK, "conversations": COMMON + THINKING},
    "google-gemma-2-2b-it.jinja": {"bos_token": "<bos>", "eos_token": "<eos>", "conversations": GEMMA},
    "mistralai-Mistral-Nemo-Instruct-2407.jinja": {**MISTRAL, "conversations": COMMON + MISTRAL_EXTRA},
    "Mistral-Small-3.2-24B-Instruct-2506.jinja": {**MISTRAL, "conversations": COMMON + MISTRAL_EXTRA},
    "ByteDance-Seed-OSS.jinja": {"bos_token": "<seed:bos>", "eos_token": "<seed:eos>",
                                 "conversations": COMMON + SEED_EXTRA},
    "HuggingFaceTB-SmolLM3-3B.jinja": {"bos_token": "<|begin_of_text|>", "eos_token": "<|im_end|>",
                                       "conversations": COMMON + THINKING + SMOLLM3_EXTRA},
    "ibm-granite-granite-3.3-2B-Instruct.jinja": {**GRANITE, "conversations": COMMON},
    "mistralai-Ministral-3-14B-Reasoning-2512.jinja": {**MISTRAL,
                                                       "conversations": COMMON + MISTRAL_EXTRA},
    "microsoft-Phi-3.5-mini-instruct.jinja": {**PHI, "conversations": COMMON},
    "openai-gpt-oss-120b.jinja": {"bos_token": "<|startoftext|>", "eos_token": "<|return|>",
                                  "conversations": HARMONY},
}

# Gemma 3's template (google/gemma-3-*-it), as published copies of its tokenizer_config.json
# give it; the shared folder holds only Gemma 2's.
GEMMA3_TEMPLATE = (
    "{{ bos_token }}\n"
    "{%- if messages[0]['role'] == 'system' -%}\n"
    "    {%- if messages[0]['content'] is string -%}\n"
    "        {%- set first_user_prefix = messages[0]['content'] + '\\n\\n' -%}\n"
    "    {%- else -%}\n"
    "        {%- set first_user_prefix = messages[0]['content'][0]['text'] + '\\n\\n' -%}\n"
    "    {%- endif -%}\n"
    "    {%- set loop_messages = messages[1:] -%}\n"
    "{%- else -%}\n"
    "    {%- set first_user_prefix = \"\" -%}\n"
    "    {%- set loop_messages = messages -%}\n"
    "{%- endif -%}\n"
    "{%- for message in loop_messages -%}\n"
    "    {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}\n"
    "        {{ raise_exception(\"Conversation roles must alternate user/assistant/user/assistant/...\") }}\n"
    "    {%- endif -%}\n"
    "    {%- if (message['role'] == 'assistant') -%}\n"
    "        {%- set role = \"model\" -%}\n"
    "    {%- else -%}\n"
    "        {%- set role = message['role'] -%}\n"
    "    {%- endif -%}\n"
    "    {{ '<start_of_turn>' + role + '\\n' + (first_user_prefix if loop.first else \"\") }}\n"
    "    {%- if message['content'] is string -%}\n"
    "        {{ message['content'] | trim }}\n"
    "    {%- elif message['content'] is iterable -%}\n"
    "        {%- for item in message['content'] -%}\n"
    "            {%- if item['type'] == 'image' -%}\n"
    "                {{ '<start_of_image>' }}\n"
    "            {%- elif item['type'] == 'text' -%}\n"
    "                {{ item['text'] | trim }}\n"
    "            {%- endif -%}\n"
    "        {%- endfor -%}\n"
    "    {%- else -%}\n"
    "        {{ raise_exception(\"Invalid content type\") }}\n"
    "    {%- endif -%}\n"
    "    {{ '<end_of_turn>\\n' }}\n"
    "{%- endfor -%}\n"
    "{%- if add_generation_prompt -%}\n"
    "    {{'<start_of_turn>model\\n'}}\n"
    "{%- endif -%}\n"
)

# Phi-4-mini-instruct's template (microsoft/Phi-4-mini-instruct, tokenizer_config.json), as
# several independent published copies give it byte for byte.
PHI4_MINI_TEMPLATE = (
    "{% for message in messages %}{% if message['role'] == 'system' and 'tools' in message and "
    "message['tools'] is not none %}{{ '<|' + message['role'] + '|>' + message['content'] + "
    "'<|tool|>' + message['tools'] + '<|/tool|>' + '<|end|>' }}{% else %}{{ '<|' + "
    "message['role'] + '|>' + message['content'] + '<|end|>' }}{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|assistant|>' }}{% else %}{{ eos_token }}{% endif %}"
)

# Templates given inline (name -> source), rendered like REQUIRED. The tiny test models
# (tiny-qwen2/qwen3-Q8_0.gguf) carry this one, Qwen2's default ChatML template.
INLINE = {
    "tiny-qwen-default": {
        **QWEN, "conversations": COMMON,
        "source": "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
                  "{{ '<|im_start|>system\nYou are a helpful assistant<|im_end|>\n' }}{% endif %}"
                  "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
                  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}",
    },
    "gemma-3-it": {"bos_token": "<bos>", "eos_token": "<eos>",
                   "conversations": GEMMA + [conv("system_and_turns", [SYSTEM, USER, ANSWER, USER2])],
                   "source": GEMMA3_TEMPLATE},
    "phi-4-mini-instruct": {"bos_token": "<|endoftext|>", "eos_token": "<|endoftext|>",
                            "conversations": COMMON, "source": PHI4_MINI_TEMPLATE},
    # Hunyuan 0.5B–4B Instruct and Hunyuan 7B Instruct (hunyuan_templates.py says where from).
    "hunyuan-dense-instruct": {"bos_token": "<｜hy_begin▁of▁sentence｜>",
                               "eos_token": "<｜hy_place▁holder▁no▁2｜>",
                               "conversations": COMMON + THINKING + HUNYUAN_EXTRA,
                               "source": HUNYUAN_DENSE_TEMPLATE},
    "hunyuan-7b-instruct": {"bos_token": "<|startoftext|>", "eos_token": "<|eos|>",
                            "conversations": COMMON + THINKING + HUNYUAN_EXTRA,
                            "source": HUNYUAN_7B_TEMPLATE},
}

STANDARD_CONVERSATIONS = [
    conv("multi_turn", [SYSTEM, USER, ANSWER, USER2]),
    conv("user_only", [USER]),
]

L = {"items": [3, 1, 2], "names": ["b", "A", "c"],
     "msgs": [{"role": "system", "content": "S"}, {"role": "user", "content": "U1"},
              {"role": "assistant", "content": "A1"}, {"role": "user", "content": "U2"}],
     "d": {"b": 1, "a": 2, "c": None}, "s": "  Hello, World  ", "n": 7, "empty": [],
     "text": "line one\nline two\n\nline four", "u": "Grüße 😀 世界"}

FEATURES = [
    # Whitespace control, trim_blocks and lstrip_blocks.
    ("trim_blocks", "{% if true %}\nyes\n{% endif %}\nafter", {}),
    ("lstrip_blocks", "  {% if true %}\n  x\n  {% endif %}\n  {{ 'y' }}\n", {}),
    ("lstrip_not_midline", "a  {% if true %}b{% endif %}\n{# c #}\nd", {}),
    ("minus_strips", "a  \n  {%- if true -%}  \n  b  \n {%- endif %}  c", {}),
    ("plus_keeps", "  {%+ if true +%}\nx\n  {%+ endif %}", {}),
    ("var_minus", "a \n {{- 'b' -}} \n c", {}),
    ("comment_trim", "a\n  {#- comment -#}  \nb\n{# c #}\nd", {}),
    ("trailing_newline", "x\n", {}),
    ("two_trailing_newlines", "x\n\n", {}),
    ("crlf", "a\r\n{% if true %}\r\nb\r\n{% endif %}\r\nc\r\n", {}),
    ("raw", "{% raw %}{{ not parsed }}{% endraw %}|{%- raw -%}  x  {%- endraw -%}|", {}),
    ("unicode_space_strip", "a\u3000 {%- if true %}b{% endif %}", {}),
    # Literals and printing.
    ("literals", "{{ 1 }} {{ -2 }} {{ 1.5 }} {{ 1e3 }} {{ 2.0 }} {{ true }} {{ none }} {{ 'a' 'b' }}", {}),
    ("floats", "{{ 1/3 }} {{ 1e16 }} {{ 1e15 }} {{ 0.0001 }} {{ 0.00001 }} {{ 1.5e-7 }} {{ -0.0 }} {{ 10/4 }}", {}),
    ("containers", "{{ [1, 'a', none, true, 1.5, {'k': 'v'}] }} {{ (1, 2) }} {{ (1,) }} {{ {} }} {{ () }}", {}),
    ("string_repr", "{{ ['it\\'s', 'say \"hi\"', 'both \\' \"', 'tab\\there', 'nl\\n', 'é'] }}", {}),
    ("escapes", "{{ 'a\\tb\\\\c\\x41\\u00e9\\U0001F600\\101\\q' }}", {}),
    ("undefined_prints_empty", "[{{ nothing }}][{{ d.missing }}][{{ items[10] }}]", L),
    # Operators.
    ("arithmetic", "{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 2 ** 10 }} {{ 7 / 2 }} {{ 6 / 2 }} {{ 2 * 3 + 1 }} {{ 2 + 3 * 4 ** 2 }} {{ -2 ** 2 }} {{ 7.5 // 2 }} {{ -7.5 % 2 }}", {}),
    ("string_ops", "{{ 'a' + 'b' }} {{ 'ab' * 3 }} {{ 1 ~ 'x' ~ none ~ true }} {{ [1] + [2] }} {{ [0] * 3 }}", {}),
    ("comparisons", "{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 1 == 1.0 }} {{ 1 == true }} {{ 'a' != 'a' }} {{ none == none }}", {}),
    ("membership", "{{ 'ell' in 'hello' }} {{ 2 in items }} {{ 'a' in d }} {{ 'z' not in d }} {{ 5 not in items }}", L),
    ("logic_values", "{{ 0 or 'x' }} {{ 'a' and 'b' }} {{ '' and 'b' }} {{ none or [] }} {{ not items }} {{ not empty }}", L),
    ("precedence", "{{ not 1 == 2 }} {{ 'a' ~ 'b' | upper }} {{ items | length - 1 }} {{ -1|abs }} {{ 1 + 2 if false else 3 }} {{ not n is none }}", L),
    ("cond_expr", "{{ 'y' if n > 5 else 'n' }}[{{ 'x' if false }}]{{ 'a' if false else 'b' if true else 'c' }}", L),
    # Subscripts and attributes.
    ("subscripts", "{{ items[0] }} {{ items[-1] }} {{ d['a'] }} {{ d.b }} {{ msgs[1].content }} {{ msgs[1]['role'] }} {{ items.1 }}", L),
    ("slices", "{{ items[1:] }} {{ items[:-1] }} {{ items[::-1] }} {{ items[::2] }} {{ 'hello'[1:3] }} {{ u[::-1] }} {{ u[2:4] }} {{ items[5:] }} {{ items[-10:2] }}", L),
    ("dict_methods", "{{ d.get('a') }} {{ d.get('zz') }} {{ d.get('zz', 5) }} {{ d.items() | list }} {{ d.keys() | list }} {{ d.values() | list }}", L),
    ("method_wins_over_key", "{{ x.items is defined }} {{ x['items'] }}", {"x": {"items": "key"}}),
    # Statements.
    ("for_loop_vars", "{% for x in items %}{{ loop.index }}{{ loop.index0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.revindex }}|{% endfor %}", L),
    ("for_prev_next", "{% for x in items %}{{ loop.previtem }}<{{ x }}>{{ loop.nextitem }};{% endfor %}", L),
    ("for_else", "{% for x in empty %}{{ x }}{% else %}none{% endfor %}", L),
    ("for_filter", "{% for x in items if x > 1 %}{{ x }}{{ loop.length }}{% endfor %}", L),
    ("for_unpack", "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{% for k, v in d | dictsort %}{{ k }}{% endfor %}", L),
    ("for_dict_string", "{% for k in d %}{{ k }}{% endfor %}|{% for c in 'héj' %}[{{ c }}]{% endfor %}", L),
    ("break_continue", "{% for x in [1, 2, 3, 4, 5] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", {}),
    ("loop_scope", "{% set a = 1 %}{% for i in [1, 2] %}{{ a }}{% set a = 2 %}{{ a }}{% endfor %}{{ a }}", {}),
    ("if_scope", "{% set a = 1 %}{% if true %}{% set a = 2 %}{% endif %}{{ a }}", {}),
    ("namespace", "{% set ns = namespace(a=1, b='x') %}{% for i in [1, 2] %}{% set ns.a = ns.a + i %}{% endfor %}{{ ns.a }}{{ ns.b }}{% set ns.c = 5 %}{{ ns.c }}", {}),
    ("namespace_dict_arg", "{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}{{ ns }}", {}),
    ("set_tuple", "{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c = 1, 2 %}{{ c }}", {}),
    ("set_block", "{% set x %}  inner {{ 1 }}\n{% endset %}[{{ x }}]{% set y | upper %}abc{% endset %}{{ y }}", {}),
    ("macro", "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Ann') }} {{ greet('Bob', '?') }} {{ greet(name='Cy', punct='.') }}", {}),
    ("macro_sees_globals", "{% set a = 1 %}{% macro m() %}{{ a }}{% endmacro %}{% set a = 3 %}{{ m() }}", {}),
    ("macro_recursion", "{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(4) }}", {}),
    ("filter_block", "{% filter upper %}abc {{ 'd' }}{% endfilter %}", {}),
    ("generation_tag", "a{% generation %}b{{ 1 }}{% endgeneration %}c", {}),
    ("elif_chain", "{% for n in [1, 2, 3] %}{% if n == 1 %}one{% elif n == 2 %}two{% else %}many{% endif %} {% endfor %}", {}),
    # Filters.
    ("trim_filters", "[{{ s | trim }}][{{ s | trim('  H') }}][{{ '\u3000x\u00a0' | trim }}]", L),
    ("case_filters", "{{ 'hello World' | upper }} {{ 'HeLLo' | lower }} {{ 'hello world' | title }} {{ 'hELLO' | capitalize }}", {}),
    ("length_filters", "{{ items | length }} {{ u | length }} {{ d | length }} {{ nothing | length }} {{ items | count }}", L),
    ("join_filter", "{{ items | join(', ') }} {{ names | join }} {{ msgs | join('|', attribute='role') }}", L),
    ("default_filter", "{{ nothing | default('x') }} {{ '' | default('y') }} {{ '' | default('z', true) }} {{ none | default('w') }} {{ nothing | d('v') }}", {}),
    ("tojson_filter", "{{ d | tojson }} {{ u | tojson }} {{ [1, 'a\"\\n', none, true, 1.5] | tojson }} {{ {'x': {'y': [1, 2]}} | tojson(indent=2) }} {{ d | tojson(sort_keys=true) }} {{ {} | tojson(indent=2) }}", L),
    ("tojson_ensure_ascii", "{{ u | tojson(ensure_ascii=False) }} {{ u | tojson(ensure_ascii=True) }} {{ {'k': u} | tojson(ensure_ascii=false, indent=1) }}", L),
    ("tools_like_seed", "{% macro t(x) %}{% if x == 'string' %}str{% elif x in ('number', 'integer') %}int{% else %}Any{% endif %}{% endmacro %}{% for item in tools if item.type == 'function' %}{{ item.function.name }}({% for name, spec in item.function.parameters.properties.items() %}{{ name }}: {{ t(spec.type) }}{% if not loop.last %}, {% endif %}{% endfor %}){% for k, v in item.function.parameters.properties | items %}[{{ k }}]{% endfor %}{% endfor %} {{ tools is iterable and tools | length > 0 }}", {"tools": [{"type": "function", "function": {"name": "get", "parameters": {"properties": {"city": {"type": "string"}, "days": {"type": "integer"}, "x": {"type": "object"}}}}}, {"type": "other"}]}),
    ("tojson_separators", "{{ d | tojson(separators=(',', ':')) }} {{ d | tojson(indent='\\t') }}", L),
    ("select_filters", "{{ msgs | selectattr('role', 'equalto', 'user') | map(attribute='content') | join(',') }} {{ msgs | rejectattr('role', 'equalto', 'user') | list | length }} {{ items | select('odd') | list }} {{ items | reject('equalto', 1) | list }}", L),
    ("selectattr_defined", "{{ msgs | selectattr('missing') | list }} {{ msgs | selectattr('role', 'defined') | list | length }}", L),
    ("map_filter", "{{ names | map('upper') | join }} {{ msgs | map(attribute='role') | unique | list }}", L),
    ("first_last_list", "{{ items | first }} {{ items | last }} {{ 'abc' | first }} {{ items | list }} {{ 'ab' | list }} {{ d | list }}", L),
    ("sort_filters", "{{ items | sort }} {{ names | sort }} {{ names | sort(case_sensitive=true) }} {{ items | sort(reverse=true) }} {{ msgs | sort(attribute='content') | map(attribute='content') | list }}", L),
    ("dictsort_items", "{{ d | dictsort }} {{ d | items | list }} {{ {'B': 1, 'a': 2} | dictsort }}", L),
    ("replace_filter", "{{ 'aaa' | replace('a', 'b') }} {{ 'aaa' | replace('a', 'b', 2) }} {{ 'ab' | replace('', '-') }}", {}),
    ("string_filter", "{{ 1 | string }} {{ none | string }} {{ [1, 'a'] | string }} {{ 1.0 | string }}", {}),
    ("number_filters", "{{ '42' | int }} {{ '4.7' | int }} {{ 'x' | int }} {{ 'x' | int(7) }} {{ 3.9 | int }} {{ '2.5' | float }} {{ 5 | float }} {{ -3 | abs }} {{ 2.5 | round }} {{ 3.5 | round }} {{ items | sum }} {{ items | min }} {{ items | max }}", L),
    ("indent_filter", "[{{ text | indent }}][{{ text | indent(2, first=true) }}][{{ text | indent(2, blank=true) }}]", L),
    ("misc_filters", "{{ items | reverse | list }} {{ 'abc' | reverse }} {{ 'a<b>&\"' | e }} {{ 'x' | safe }} {{ 'one two  three' | wordcount }} {{ [1, 2, 1, 3] | unique | list }}", {}),
    ("generator_truthy", "{{ 'yes' if empty | select else 'no' }} {{ 'yes' if empty | list else 'no' }}", L),
    # Tests.
    ("tests_types", "{{ nothing is defined }} {{ n is defined }} {{ nothing is undefined }} {{ none is none }} {{ 's' is string }} {{ 1 is number }} {{ true is number }} {{ 1.5 is float }} {{ 1 is integer }} {{ true is integer }} {{ true is boolean }}", L),
    ("tests_containers", "{{ d is mapping }} {{ items is mapping }} {{ items is iterable }} {{ 's' is iterable }} {{ nothing is iterable }} {{ 5 is iterable }} {{ 's' is sequence }} {{ d is sequence }} {{ items is sequence }}", L),
    ("tests_values", "{{ 1 is equalto 1 }} {{ 'a' is eq 'a' }} {{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 2 is in items }} {{ true is true }} {{ 1 is true }} {{ false is false }} {{ 'ab' is lower }} {{ 'AB' is upper }} {{ none is sameas none }} {{ 3 is gt 2 }} {{ 3 is lessthan 2 }}", L),
    ("tests_not", "{{ n is not defined }} {{ n is not none }} {{ not n is none }}", L),
    # String methods.
    ("str_methods_strip", "[{{ s.strip() }}][{{ s.lstrip() }}][{{ s.rstrip() }}][{{ 'xxhixx'.strip('x') }}][{{ '\\n\\nhi\\n'.lstrip('\\n') }}]", L),
    ("str_methods_split", "{{ 'a,b,,c'.split(',') }} {{ ' a b  c '.split() }} {{ 'a b c'.split(' ', 1) }} {{ 'a,b,c'.rsplit(',', 1) }} {{ 'a</think>b</think>c'.split('</think>')[-1] }} {{ text.splitlines() }}", L),
    ("str_methods_misc", "{{ 'abc'.startswith('ab') }} {{ 'abc'.endswith(('x', 'c')) }} {{ 'a-b'.replace('-', '+') }} {{ 'abc'.upper() }} {{ 'ABC'.lower() }} {{ 'hello'.find('l') }} {{ 'hello'.rfind('l') }} {{ 'hello'.count('l') }} {{ ', '.join(names) }} {{ 'hi {} {}'.format(1, 'x') }} {{ '{0}-{name}'.format('a', name='b') }} {{ '12'.isdigit() }} {{ 'ab'.title() }}", L),
    # Globals.
    ("range_dict", "{{ range(3) | list }} {{ range(1, 10, 3) | list }} {{ range(5, 0, -2) | list }} {{ dict(a=1, b='x') }} {{ dict({'z': 0}, a=1) }}", {}),
    ("strftime", "{{ strftime_now('%d %b %Y') }} {{ strftime_now('%Y-%m-%d %H:%M:%S') }} {{ strftime_now('%A %B %-d %j %I%p %y') }}", {}),
    ("unknown_filter_in_if", "{% if false %}{{ x | nope }}{{ x is nope }}{% endif %}{{ 'a' | nope if false else 'ok' }}", {}),
    ("select_on_none", "{{ none | selectattr('a') | list }}{{ none | map('upper') | list }}{{ '' | reject | list }}", {}),
    ("unicode_case", "{{ 'éà' | upper }} {{ 'ÉÀ' | lower }} {{ 'héllo wörld' | title }}", {}),
    # Errors (any failure in Python must be a failure here too).
    ("error_unknown_filter_in_if_runs", "{% if true %}{{ 1 | nope }}{% endif %}", {}),
    ("error_unknown_filter_in_loop_in_if", "{% if false %}{% for x in [] %}{{ x | nope }}{% endfor %}{% endif %}", {}),
    ("error_unknown_filter_in_macro_in_if", "{% if false %}{% macro m() %}{{ 1 | nope }}{% endmacro %}{% endif %}", {}),
    ("error_raise", "a{{ raise_exception('custom failure') }}", {}),
    ("error_undefined_attribute", "{{ nothing.attr }}", {}),
    ("error_undefined_call", "{{ nothing() }}", {}),
    ("error_undefined_math", "{{ nothing + 1 }}", {}),
    ("error_type_add", "{{ 'a' + 1 }}", {}),
    ("error_compare", "{{ 'a' < 1 }}", {}),
    ("error_division", "{{ 1 / 0 }}", {}),
    ("error_unknown_filter", "{{ 1 | frobnicate }}", {}),
    ("error_unknown_test", "{{ 1 is frobnicated }}", {}),
    ("error_syntax", "{% if %}", {}),
    ("error_unclosed", "{% if true %}x", {}),
    ("error_unclosed_var", "{{ x", {}),
    ("error_unknown_tag", "{% frobnicate %}", {}),
    ("error_mutation", "{% set l = [1] %}{{ l.append(2) }}", {}),
    ("error_dict_pop", "{{ d.pop('a') }}", L),
    ("error_not_iterable", "{% for x in 5 %}{% endfor %}", {}),
    ("error_unpack", "{% for a, b in [1, 2] %}{% endfor %}", {}),
    ("error_range_too_big", "{{ range(200000) | length }}", {}),
    ("error_tojson_undefined", "{{ nothing | tojson }}", {}),
    ("error_namespace_attr", "{% set x = 1 %}{% set x.y = 2 %}", {}),
    ("error_comment_unclosed", "{# never closed", {}),
    ("error_macro_args", "{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}", {}),
    ("error_length_generator", "{{ items | select | length }}", L),
    ("error_neg_binds_before_filter", "{{ -items|length }}", L),
    ("error_int_in_str", "{{ 1 in 'abc' }}", {}),
]
