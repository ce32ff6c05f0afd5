#!/usr/bin/env python3
"""Tokenizer goldens from llama.cpp's llama-tokenize (runs inside the llama.cpp sid root).

1. Proves the invocation reproduces the shared fixtures: every vocab/<name>.gguf.inp is
   tokenized and compared line by line with vocab/<name>.gguf.out (the format of llama.cpp's
   test-tokenizer-0: one line per case, each id preceded by a space, no BOS/EOS).
2. Tokenizes tests/data/tokenizer/multilingual.inp with every vocab GGUF into
   tests/data/tokenizer/<name>.gguf.multilingual.out, in exactly the same format.

The check's result is written to tests/data/tokenizer/shared-fixture-check.txt.
"""

import concurrent.futures
import glob
import json
import os
import subprocess
import sys

from llamacpp_common import MODELS_DIR, REPO_DIR, llama_version, log

SEPARATOR = "\n__ggml_vocab_test__\n"
TOKENIZER_DIR = os.path.join(REPO_DIR, "tests", "data", "tokenizer")
# --stdin passes the bytes unchanged (-p would go through the shell's quoting, and a
# trailing newline matters); --no-escape stops llama.cpp from turning a literal "\n" into a
# newline (it does so by default, even for stdin); --no-bos suppresses BOS/EOS (add_special
# = false); --no-parse-special makes "<s>" or "<|im_end|>" in the text plain text.
TOKENIZE_ARGS = ["--ids", "--no-bos", "--no-parse-special", "--no-escape", "--log-disable", "--stdin"]
COMMAND = ('llama-tokenize -m "$HEARTH_MODELS_DIR/vocab/<vocab>.gguf" ' + " ".join(TOKENIZE_ARGS) +
           " < <one case, its exact bytes>")


def read_cases(path):
    """Cases as test-tokenizer-0 reads them: the file is a sequence of CASE + SEPARATOR."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if not text.endswith(SEPARATOR):
        sys.exit(f"{path}: must end with a separator line")
    return text[: -len(SEPARATOR)].split(SEPARATOR)


def tokenize(vocab, case, args=TOKENIZE_ARGS):
    out = subprocess.run(["llama-tokenize", "-m", vocab, *args], input=case.encode("utf-8"),
                         capture_output=True, check=True)
    lines = [line for line in out.stdout.decode().splitlines() if line.startswith("[")]
    if len(lines) != 1:
        sys.exit(f"unexpected llama-tokenize output for {vocab}: {out.stdout!r}")
    return json.loads(lines[0])


def out_line(ids):
    return "".join(f" {i}" for i in ids)


def tokenize_file(vocab, inp):
    # One llama-tokenize process per case (it takes one text); run as many at once as there
    # are CPUs. map() keeps the order, so the output does not depend on the scheduling.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(lambda case: out_line(tokenize(vocab, case)), read_cases(inp)))


def vocabs():
    return sorted(glob.glob(os.path.join(MODELS_DIR, "vocab", "*.gguf")))


def check_shared():
    """Compares our output on the shared .inp files with the shared .out files."""
    report = [
        "# llama-tokenize invocation checked against the shared fixtures in $HEARTH_MODELS_DIR/vocab",
        f"# llama.cpp {llama_version()['llama_cpp_version']}",
        f"# command per case: {COMMAND}",
        "# vocab: cases with identical ids / cases",
    ]
    total = matched = 0
    for vocab in vocabs():
        name = os.path.basename(vocab)
        with open(vocab + ".out", encoding="utf-8", newline="") as f:
            expected = f.read().split("\n")[:-1]
        got = tokenize_file(vocab, vocab + ".inp")
        if len(got) != len(expected):
            sys.exit(f"{name}: {len(got)} cases in .inp but {len(expected)} lines in .out")
        # Ids are compared, not bytes: most shared .out files put a space before every id,
        # but the qwen35 one separates ids with single spaces (no leading space).
        ok = sum(g.split() == e.split() for g, e in zip(got, expected))
        same_bytes = sum(g == e for g, e in zip(got, expected))
        total += len(got)
        matched += ok
        report.append(f"{name}: {ok}/{len(got)}" + ("" if same_bytes == len(got) else
                      f" (byte-identical lines: {same_bytes}; the shared file writes ids without a leading space)"))
        cases = read_cases(vocab + ".inp")
        for i, (g, e) in enumerate(zip(got, expected)):
            if g.split() != e.split():
                report.append(f"  case {i} {cases[i]!r}: expected [{e.strip()}] got [{g.strip()}]")
    report.append(f"total: {matched}/{total}")
    with open(os.path.join(TOKENIZER_DIR, "shared-fixture-check.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(report) + "\n")
    log(f"shared tokenizer fixtures: {matched}/{total} cases reproduced")
    return matched == total


def make_multilingual():
    inp = os.path.join(TOKENIZER_DIR, "multilingual.inp")
    n = len(read_cases(inp))
    for vocab in vocabs():
        name = os.path.basename(vocab)
        lines = tokenize_file(vocab, inp)
        path = os.path.join(TOKENIZER_DIR, f"{name}.multilingual.out")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(line + "\n" for line in lines))
        log(f"wrote tests/data/tokenizer/{name}.multilingual.out ({n} cases)")


def main():
    all_ok = check_shared()
    make_multilingual()
    if not all_ok:
        log("WARNING: the invocation does not reproduce every shared fixture; see shared-fixture-check.txt")


if __name__ == "__main__":
    main()
