#!/usr/bin/env python3
"""Goldens of the tiny random models of every architecture (runs inside the llama.cpp sid root,
driven by tests/reference/make-goldens.sh step `arch`).

  models   regenerate tests/data/models/arch/<arch>-<TYPE>.gguf (make_tiny_models.py) and the
           split copy tests/data/models/split/ (llama-gguf-split)
  arch     greedy ids with top-2 gaps, top-10 log-probabilities at a few positions, and
           llama-perplexity -> tests/data/golden/arch/<arch>-<TYPE>.json; the split model must
           give llama.cpp the same tokens as the file it was split from

HEARTH_ARCHS=a,b limits both steps to those architectures (the other models and goldens, and
the split model unless its architecture is listed, are left as they are).

See tests/data/golden/README.md for the fields and why the tests compare them as they do.
"""

import glob
import os
import re
import shlex
import subprocess
import sys

from llamacpp_common import (GOLDEN_DIR, REPO_DIR, THREADS, LlamaServer, curl_command, envelope, log,
                             model_path, sha256, shell_command, sig, write_json)

ARCH_DIR = "tests/data/models/arch"
SPLIT_DIR = "tests/data/models/split"
SPLIT_SOURCE = "gemma3-Q8_0"  # sliding windows, post norms: the richest model to cut in three
CTX = 128  # every tiny model's context_length
N_PREDICT = 32
TOP10_AT = [0, 8, 16, 31]
# Raw prompts (no chat template). The tiny vocabulary knows common English words; everything
# else falls back to single characters and bytes, so prompt lengths vary from 6 to ~90 tokens:
# the long ones run past gemma3's window (6), YaRN's and LongRoPE's original context (32) and
# mistral3's temperature steps (every 32 positions).
PROMPTS = [
    "The meaning of life is",
    "Once upon a time there was a little program that wanted to be free software. It asked all the "
    "people it met what they would do with their time.",
    "Q: What is 12 + 30?\nA:",
    "\u00dcn\u00efc\u00f6d\u00e9 \u2014 \u201cquotes\u201d, tabs\tand emoji \U0001F642 are bytes here",
]


def archs():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from make_tiny_models import ARCHS
    chosen = [a for a in os.environ.get("HEARTH_ARCHS", "").split(",") if a]
    unknown = [a for a in chosen if a not in ARCHS]
    if unknown:
        sys.exit(f"unknown architectures in HEARTH_ARCHS: {unknown}")
    return chosen or list(ARCHS)


def types_of(arch):
    from make_tiny_models import types_of as types
    return types(arch)


def make_models():
    arch_dir = os.path.join(REPO_DIR, ARCH_DIR)
    only = [arg for a in archs() for arg in ("--arch", a)] if os.environ.get("HEARTH_ARCHS") else []
    subprocess.run([sys.executable, "-B", os.path.join(REPO_DIR, "tests/reference/make_tiny_models.py"),
                    arch_dir, *only], check=True)
    if SPLIT_SOURCE.rsplit("-", 1)[0] not in archs():
        return
    split_dir = os.path.join(REPO_DIR, SPLIT_DIR)
    os.makedirs(split_dir, exist_ok=True)
    for old in glob.glob(os.path.join(split_dir, "*.gguf")):
        os.unlink(old)
    # 70 tensors in 3 parts of at most 30: the first part holds the metadata and the tokenizer.
    subprocess.run(["llama-gguf-split", "--split", "--split-max-tensors", "30",
                    os.path.join(arch_dir, f"{SPLIT_SOURCE}.gguf"), os.path.join(split_dir, SPLIT_SOURCE)],
                   check=True, stdout=subprocess.DEVNULL)
    log(f"split into {sorted(os.listdir(split_dir))}")


def body(prompt):
    return {"prompt": prompt, "n_predict": N_PREDICT, "temperature": 0, "top_k": 1, "seed": 42,
            "return_tokens": True, "n_probs": 10, "cache_prompt": False}


def greedy_case(server, prompt):
    with_special = server.post("/tokenize", {"content": prompt, "add_special": True})["tokens"]
    without = server.post("/tokenize", {"content": prompt, "add_special": False})["tokens"]
    res = server.post("/completion", body(prompt))
    if res["tokens_evaluated"] != len(with_special):
        sys.exit(f"server evaluated {res['tokens_evaluated']} prompt tokens, /tokenize gave {len(with_special)}")
    probs = res["completion_probabilities"]
    tokens = res["tokens"]
    if [p["id"] for p in probs] != tokens or len(tokens) != N_PREDICT:
        sys.exit(f"completion_probabilities do not follow the generated tokens: {len(tokens)} {[p['id'] for p in probs][:40]} {tokens[:40]} {res.get('stop_type')}")
    lps = [[t["logprob"] for t in p["top_logprobs"]] for p in probs]
    ids = [[t["id"] for t in p["top_logprobs"]] for p in probs]
    return {
        "prompt": prompt,
        "add_bos": with_special != without,
        "prompt_tokens": with_special,
        "tokens": tokens,
        "text": res["content"],
        "top2_margin_logprob": [sig(lp[0] - lp[1], 4) for lp in lps],
        "top10_positions": TOP10_AT,
        "top10_ids": [ids[i] for i in TOP10_AT],
        "top10_logprobs": [lps[i] for i in TOP10_AT],
    }


def perplexity(model_rel):
    argv = ["llama-perplexity", "-m", model_path(model_rel), "-f", "tests/data/perplexity/text.txt",
            "-c", str(CTX), "-b", str(CTX), "-ub", str(CTX), *THREADS, "-fa", "on", "--no-warmup"]
    # llama-perplexity (build 11669) logs asynchronously and, on models this fast (qwen3moe's),
    # often exits before its last chunk and final estimate are written, more often when read
    # straight from a pipe of this process than through a shell pipe. Such a run is repeated.
    for _ in range(10):
        out = subprocess.run(["sh", "-c", shlex.join(argv) + " 2>&1 | cat"], stdout=subprocess.PIPE,
                             check=True, cwd=REPO_DIR)
        text = out.stdout.decode(errors="replace")
        final = re.search(r"Final estimate: PPL = ([0-9.]+) \+/- ([0-9.]+)", text)
        info = re.search(r"calculating perplexity over (\d+) chunks", text)
        if final and info:
            break
    if not final or not info:
        sys.exit(f"could not parse llama-perplexity output for {model_rel}:\n{text[-3000:]}")
    return shell_command(argv, model_rel), {"ppl": float(final.group(1)), "ppl_stderr": float(final.group(2)),
                                            "n_chunks": int(info.group(1))}


def tensor_types(model_rel):
    """Which ggml type each kind of tensor has (llama-quantize mixes types: rows too short for
    K-quants fall back), read with gguf-py."""
    import gguf
    kinds = {}
    for t in gguf.GGUFReader(model_path(model_rel)).tensors:
        kind = re.sub(r"^blk\.\d+\.", "blk.N.", t.name)
        kinds.setdefault(kind, t.tensor_type.name)
    return kinds


def run_model(model_rel):
    with LlamaServer(model_rel, ctx=CTX) as server:
        commands = [server.command]
        cases = []
        for prompt in PROMPTS:
            cases.append(greedy_case(server, prompt))
            commands += [curl_command("/tokenize", {"content": prompt, "add_special": True}),
                         curl_command("/completion", body(prompt))]
    return commands, cases


def make_arch():
    for arch in archs():
        for qtype in types_of(arch):
            model_rel = f"{ARCH_DIR}/{arch}-{qtype}.gguf"
            commands, cases = run_model(model_rel)
            ppl_command, ppl = perplexity(model_rel)
            margins = [m for c in cases for m in c["top2_margin_logprob"]]
            log(f"{arch}-{qtype}: ppl {ppl['ppl']:.4f}, top-2 gaps < 0.25 at {sum(m < 0.25 for m in margins)}"
                f"/{len(margins)} positions, prompt lengths {[len(c['prompt_tokens']) for c in cases]}, "
                f"distinct tokens {[len(set(c['tokens'])) for c in cases]}")
            extra = {"settings": f"greedy (temp 0, top-k 1), seed 42, 1 thread, context {CTX}, flash attention on, "
                                 "raw prompt; perplexity: context = batch = ubatch "
                                 f"{CTX} on tests/data/perplexity/text.txt",
                     "tensor_types": tensor_types(model_rel), "perplexity": ppl}
            if f"{arch}-{qtype}" == SPLIT_SOURCE:
                extra["split"] = check_split(cases)
            env = envelope(model_rel, commands + [ppl_command], cases, extra)
            write_json(os.path.join(GOLDEN_DIR, "arch", f"{arch}-{qtype}.json"), env)


def check_split(cases):
    parts = sorted(glob.glob(os.path.join(REPO_DIR, SPLIT_DIR, f"{SPLIT_SOURCE}-*-of-*.gguf")))
    first = os.path.relpath(parts[0], REPO_DIR)
    _, split_cases = run_model(first)
    for whole, split in zip(cases, split_cases):
        if whole["tokens"] != split["tokens"] or whole["top10_logprobs"] != split["top10_logprobs"]:
            sys.exit(f"llama.cpp reads the split model differently for {whole['prompt']!r}")
    log(f"split model ({len(parts)} parts) gives the same tokens and log-probabilities")
    return {"parts": [os.path.relpath(p, REPO_DIR) for p in parts], "parts_sha256": [sha256(p) for p in parts],
            "same_as_whole": True}


def main():
    steps = sys.argv[1:] or ["models", "arch"]
    for step in steps:
        {"models": make_models, "arch": make_arch}[step]()


if __name__ == "__main__":
    main()
