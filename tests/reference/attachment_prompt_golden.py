"""The golden of what a model reads for one user turn with two attached files
(tests/data/golden/attachment-prompt.json), for tests/app/tst_attachment_prompt.cpp.

The turn's text is written here by hand from the format documented in
app/chat/attachmentprompt.h (nothing comes from Hearth's code); the prompt is that turn
rendered by Python's jinja2 with the chat template of the tiny Qwen3 test model, in the
environment of template_goldens.py (what transformers' apply_chat_template does).

    python3 -B tests/reference/attachment_prompt_golden.py MODELS_DIR OUT_JSON
"""
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gguf  # noqa: E402

from template_goldens import ENV  # noqa: E402

MODEL = "tiny/tiny-qwen3-Q8_0.gguf"

# The files: a Markdown note (one text) and a two-page PDF (page markers), then the question.
FILES = [
    {"name": "notes.md", "kind": "markdown", "pages": ["# Trip\n\nFerry at 9:40 from Schaprode.\n"]},
    {"name": "timetable.pdf", "kind": "pdf",
     "pages": ["Weekdays: 9:40, 12:15", "Sundays: 10:30 only"]},
]
MESSAGE = "Which ferry can I take on Sunday?"
CONTENT = (
    "[File: notes.md]\n"
    "# Trip\n"
    "\n"
    "Ferry at 9:40 from Schaprode.\n"
    "[End of file: notes.md]\n"
    "\n"
    "[File: timetable.pdf, 2 pages]\n"
    "[Page 1]\n"
    "Weekdays: 9:40, 12:15\n"
    "[Page 2]\n"
    "Sundays: 10:30 only\n"
    "[End of file: timetable.pdf]\n"
    "\n"
    "Which ferry can I take on Sunday?"
)


def field(reader, key):
    f = reader.fields[key]
    return bytes(f.parts[f.data[0]]).decode("utf-8")


def token(reader, key):
    f = reader.fields.get(key)
    if f is None:
        return ""
    index = int(f.parts[f.data[0]][0])
    tokens = reader.fields["tokenizer.ggml.tokens"]
    return bytes(tokens.parts[tokens.data[index]]).decode("utf-8")


def main():
    models, out = sys.argv[1], sys.argv[2]
    reader = gguf.GGUFReader(os.path.join(models, MODEL))
    source = field(reader, "tokenizer.chat_template")
    bos = token(reader, "tokenizer.ggml.bos_token_id")
    eos = token(reader, "tokenizer.ggml.eos_token_id")
    messages = [{"role": "user", "content": CONTENT}]
    prompt = ENV.from_string(source).render(messages=messages, tools=None, documents=None,
                                            add_generation_prompt=True, bos_token=bos,
                                            eos_token=eos)
    data = {
        "generator": "tests/reference/attachment_prompt_golden.py",
        "jinja2": __import__("jinja2").__version__,
        "model": MODEL,
        "template_sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
        "files": FILES,
        "message": MESSAGE,
        "content": CONTENT,
        "prompt": prompt,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
