"""Hunyuan's dense instruct chat templates (data only; used by template_cases.py).

HUNYUAN_DENSE_TEMPLATE: tencent/Hunyuan-0.5B/1.8B/4B-Instruct (the <｜hy_…｜> vocabulary), the
chat_template.jinja of Hunyuan-1.8B-Instruct as its MLX conversion mlx-community/
Hunyuan-1.8B-Instruct-4bit (revision 5a121aef6911ff1c99a3b3f1f7b028414cdfa618) ships it, recorded
in the public GitHub repository magicnight/Mac-MLX
(MacMLXCore/Tests/MacMLXCoreTests/Fixtures/hunyuan_v1_dense_chat_template_fixture.json) together
with nine renders that its author checked against transformers' apply_chat_template; this text
renders all nine identically under Python's jinja2. 4,782 characters, SHA-256 (UTF-8)
751a70cee1051a921a7592530b5d75766faae8a6ad9d61d72daff0e31246bc3c. Inside its string literals,
new lines are line breaks of the file (not backslash escapes), as here.

HUNYUAN_7B_TEMPLATE: tencent/Hunyuan-7B-Instruct (the <|extra_…|> vocabulary): the same template
with that vocabulary's markers (<|extra_4|> after the system prompt, <|extra_0|> opening the
answer), BOS before every user turn but the first, and two small differences: "{%- set" where
system prompts are joined and "loop.index0 > 0" in the tool list. An independent public record
of the chat template inside bartowski's tencent_Hunyuan-7B-Instruct-Q5_K_M.gguf gives its full
text (with its code fences mangled) and its length and SHA-256 prefix, which the text derived
below reproduces exactly (asserted).
"""

import hashlib

HUNYUAN_DENSE_TEMPLATE = """{%- if not add_generation_prompt is defined %}
    {%- set add_generation_prompt = false %}
{%- endif %}
{%- set ns = namespace(is_first=false, is_tool=false, is_output_first=true, system_prompt='', is_first_sp=true, is_first_user=true, is_last_user=false) %}
{%- for message in messages %}
    {%- if message['role'] == 'system' %}
        {%- if ns.is_first_sp %}
            {%- set ns.system_prompt = ns.system_prompt + message['content'] %}
            {%- set ns.is_first_sp = false %}
        {%- else %}
            {% set ns.system_prompt = ns.system_prompt + '

' + message['content'] %}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{{- bos_token }}
{{- ns.system_prompt }}
{%- if tools %}
    {%- if ns.system_prompt != '' %}
        {{- '

# Tools

You may call one or more functions to assist with the user query.' }}
    {%- else %}
        {{- '# Tools

You may call one or more functions to assist with the user query.' }}
    {%- endif %}
    {{- '

You are provided with function signatures within <tools></tools> XML tags:' }}
    {{- '
<tools>
' }}
    {%- for tool in tools %}
        {%- if loop.index0 > 1 %}
            {{- '
' }}
        {%- endif %}
        {{- tool | tojson }}
    {%- endfor %}
    {{- '
</tools>

' }}
    {{- 'For function call returns, you should first print <tool_calls>' }}
    {{- 'For each function call, you should return object like:
' }}
    {{- '<tool_call>function_name
```json
function_arguments_in_json_format
```</tool_call>' }}
    {{- 'At the end of function call returns, you should print </tool_calls>' }}
{%- endif %}
{%- if ns.system_prompt != '' or tools %}
    {{- '<｜hy_place▁holder▁no▁3｜>' }}
{%- endif %}
{%- for message in messages %}
    {%- if message['role'] == 'user' %}
        {%- set ns.is_tool = false %}
        {%- set ns.is_first = false %}
        {%- set ns.is_last_user = true %}
        {{- '<｜hy_User｜>' + message['content'] + '<｜hy_Assistant｜>' }}
    {%- endif %}
    {%- if message['role'] == 'assistant' and message['tool_calls'] is defined and message['tool_calls'] is not none %}
        {%- set ns.is_last_user = false %}
        {%- if ns.is_tool %}
            {{- '</tool_responses>' + '<｜hy_Assistant｜>' }}
        {%- endif %}
        {%- set ns.is_first = false %}
        {%- set ns.is_tool = false %}
        {%- set ns.is_output_first = true %}
        {%- for tool in message['tool_calls'] %}
            {%- set arguments = tool['function']['arguments'] %}
            {%- if arguments is not string %}
                {%- set arguments = arguments | tojson %}
            {%- endif %}
            {%- if not ns.is_first %}
                {%- if message['content'] is none %}
                    {{- '<tool_calls><tool_call>' + tool['function']['name'] + '
' + '```json' + '
' + arguments + '
' + '```' + '</tool_call>' }}
                {%- else %}
                    {{- message['content'] + '<tool_calls><tool_call>' + tool['function']['name'] + '
' + '```json' + '
' + arguments + '
' + '```' + '</tool_call>' }}
                {%- endif %}
            {%- set ns.is_first = true %}
            {%- else %}
                {{- '
' + '<tool_call>' + tool['function']['name'] + '
' + '```json' + '
' + arguments + '
' + '```' + '</tool_call>' }}
            {%- endif %}
        {%- endfor %}
        {{- '</tool_calls>' + eos_token }}
    {%- endif %}
    {%- if message['role'] == 'assistant' and (message['tool_calls'] is not defined or message['tool_calls'] is none) %}
        {%- set content = message['content'] %}
        {%- if '<answer>' in content and not loop.last %}
            {%- set content = content.split('<answer>')[-1].strip('</answer>').strip() %}
        {%- endif %}
        {%- set ns.is_last_user = false %}
        {%- if ns.is_tool %}
            {{- '</tool_responses>' + '<｜hy_Assistant｜>' + content + eos_token }}
            {%- set ns.is_tool = false %}
        {%- else %}
            {{- content + eos_token }}
        {%- endif %}
    {%- endif %}
    {%- if message['role'] == 'tool' %}
        {%- set ns.is_last_user = false %}
        {%- set ns.is_tool = true %}
        {%- if ns.is_output_first %}
            {{- '<｜hy_User｜>' + '<tool_responses><tool_response>' + message['content'] + '</tool_response>' }}
            {%- set ns.is_output_first = false %}
        {%- else %}
            {{- '
<tool_response>' + message['content'] + '</tool_response>' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if ns.is_tool %}
    {{- '</tool_responses>' + '<｜hy_Assistant｜>' }}
{%- endif %}
{%- if add_generation_prompt and not ns.is_last_user and not ns.is_tool %}
    {{- '<｜hy_Assistant｜>' }}
{%- endif %}
{%- if enable_thinking is defined and not enable_thinking %}
    {{- '<think>

</think>
' }}
{%- endif %}"""

# The 7B's template, derived from the dense one marker by marker.
_SEVEN_B = [
    ("            {% set ns.system_prompt = ns.system_prompt + '\n\n'",
     "            {%- set ns.system_prompt = ns.system_prompt + '\n\n'"),
    ("loop.index0 > 1", "loop.index0 > 0"),
    ("'<｜hy_place▁holder▁no▁3｜>'", "'<|extra_4|>'"),
    ("        {{- '<｜hy_User｜>' + message['content'] + '<｜hy_Assistant｜>' }}\n",
     "        {%- if ns.is_first_user %}\n"
     "            {{- message['content'] + '<|extra_0|>' }}\n"
     "            {%- set ns.is_first_user = false %}\n"
     "        {%- else %}\n"
     "            {{- bos_token + message['content'] + '<|extra_0|>' }}\n"
     "        {%- endif %}\n"),
    ("'</tool_responses>' + '<｜hy_Assistant｜>'", "'</tool_responses>' + '<|extra_0|>'"),
    ("'<｜hy_User｜>' + '<tool_responses>", "bos_token + '<tool_responses>"),
    ("    {{- '<｜hy_Assistant｜>' }}\n", "    {{- '<|extra_0|>' }}\n"),
]


def _seven_b():
    text = HUNYUAN_DENSE_TEMPLATE
    for old, new in _SEVEN_B:
        assert old in text, old
        text = text.replace(old, new)
    data = text.encode("utf-8")
    assert len(data) == 4919 and hashlib.sha256(data).hexdigest().startswith("7dfb19355e3c8779")
    return text


HUNYUAN_7B_TEMPLATE = _seven_b()
