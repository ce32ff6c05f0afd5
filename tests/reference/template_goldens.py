#!/usr/bin/env python3
"""Chat-template goldens from Python's jinja2 (Debian's python3-jinja2), rendered the way
Hugging Face transformers' apply_chat_template renders them.

transformers compiles a chat template in
    ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                  extensions=[AssistantTracker, jinja2.ext.loopcontrols])
with the filter tojson replaced by json.dumps(x, ensure_ascii=False, indent=None,
separators=None, sort_keys=False) and the globals raise_exception (raises TemplateError) and
strftime_now (datetime.now().strftime), and renders it with
    messages=..., tools=None, documents=None, add_generation_prompt=..., **kwargs
(kwargs: the tokenizer's special tokens such as bos_token and eos_token, plus options such as
enable_thinking). AssistantTracker only adds the {% generation %} tag, which renders its body.
This script builds the same environment (without importing transformers) and writes:

  tests/data/templates/<template>.json   the required templates x conversations
  tests/data/templates/<name>.json       templates given inline (template_source), likewise
  tests/data/templates/all-templates.json every template of the shared folder, two conversations
  tests/data/templates/features.json      small templates for single language features
                                          (variables tagged, see tagged())

strftime_now returns the fixed time FIXED_TIME, so the output is deterministic.
Usage: template_goldens.py TEMPLATES_DIR OUTPUT_DIR
"""

import datetime
import hashlib
import json
import os
import platform
import subprocess
import sys

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from template_cases import FEATURES, INLINE, REQUIRED, STANDARD_CONVERSATIONS

FIXED_TIME = datetime.datetime(2024, 9, 5, 14, 30, 7)


class GenerationTag(jinja2.ext.Extension):
    """{% generation %}...{% endgeneration %}: renders the body (what AssistantTracker does
    when no assistant mask is requested)."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_body"), [], [], body).set_lineno(lineno)

    def _body(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                      sort_keys=sort_keys)


def strftime_now(fmt):
    return FIXED_TIME.strftime(fmt)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[GenerationTag, jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


ENV = environment()


def outcome(render):
    """{"output": text} or {"error": "<exception type>: <message>"}."""
    try:
        return {"output": render()}
    except Exception as e:  # noqa: BLE001 - any failure is an expected outcome to record
        return {"error": f"{type(e).__name__}: {e}"}


def render_chat(source, conversation, bos, eos):
    def run():
        template = ENV.from_string(source)
        kwargs = dict(conversation.get("options", {}))
        return template.render(messages=conversation["messages"], tools=None, documents=None,
                               add_generation_prompt=conversation["add_generation_prompt"],
                               bos_token=bos, eos_token=eos, **kwargs)
    return outcome(run)


def debian_package_version():
    """The installed python3-jinja2 package version ("" outside Debian)."""
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "python3-jinja2"],
                             capture_output=True, text=True, check=False)
        return out.stdout.strip()
    except OSError:
        return ""


def provenance():
    return {
        "generator": "tests/reference/make-template-goldens.sh",
        "command": "python3 -B tests/reference/template_goldens.py \"$HEARTH_MODELS_DIR/templates\" "
                   "tests/data/templates",
        "jinja2": jinja2.__version__,
        "debian_package": f"python3-jinja2 {debian_package_version()}".strip(),
        "python": platform.python_version(),
        "environment": "ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, "
                       "extensions=[generation tag, jinja2.ext.loopcontrols]); tojson = "
                       "json.dumps(ensure_ascii=False); raise_exception; strftime_now",
        "strftime_now": FIXED_TIME.isoformat(),
    }


def tagged(value):
    """JSON for a variable that keeps what JSON readers may lose: a dict's key order
    ({"__pairs__": [[key, value], ...]}) and float versus int ({"__float__": x})."""
    if isinstance(value, dict):
        return {"__pairs__": [[k, tagged(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [tagged(v) for v in value]
    if isinstance(value, float):
        return {"__float__": value}
    return value


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_template(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write_json(path, data):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    templates_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    meta = provenance()

    for name, spec in REQUIRED.items():
        path = os.path.join(templates_dir, name)
        source = read_template(path)
        cases = []
        for conversation in spec["conversations"]:
            case = {k: v for k, v in conversation.items()}
            case.update(render_chat(source, conversation, spec["bos_token"], spec["eos_token"]))
            cases.append(case)
        write_json(os.path.join(out_dir, name.removesuffix(".jinja") + ".json"),
                   {**meta, "template": name, "template_sha256": sha256(path),
                    "bos_token": spec["bos_token"], "eos_token": spec["eos_token"],
                    "cases": cases})

    for name, spec in INLINE.items():
        cases = []
        for conversation in spec["conversations"]:
            case = {k: v for k, v in conversation.items()}
            case.update(render_chat(spec["source"], conversation, spec["bos_token"],
                                    spec["eos_token"]))
            cases.append(case)
        write_json(os.path.join(out_dir, name + ".json"),
                   {**meta, "template": None, "template_source": spec["source"],
                    "bos_token": spec["bos_token"], "eos_token": spec["eos_token"],
                    "cases": cases})

    everything = []
    for name in sorted(os.listdir(templates_dir)):
        if not name.endswith(".jinja"):
            continue
        path = os.path.join(templates_dir, name)
        source = read_template(path)
        entry = {"template": name, "template_sha256": sha256(path), "cases": []}
        for conversation in STANDARD_CONVERSATIONS:
            case = {k: v for k, v in conversation.items()}
            case.update(render_chat(source, conversation, "<s>", "</s>"))
            entry["cases"].append(case)
        everything.append(entry)
    write_json(os.path.join(out_dir, "all-templates.json"),
               {**meta, "bos_token": "<s>", "eos_token": "</s>", "templates": everything})

    features = []
    for name, source, variables in FEATURES:
        case = {"name": name, "template": source, "variables": tagged(variables)}
        case.update(outcome(lambda: ENV.from_string(source).render(**variables)))
        features.append(case)
    write_json(os.path.join(out_dir, "features.json"), {**meta, "cases": features})
    print(f"wrote {len(REQUIRED)} template files, {len(everything)} templates in "
          f"all-templates.json, {len(features)} feature cases (jinja2 {jinja2.__version__})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
