#!/usr/bin/env python3
"""Model goldens from llama.cpp (runs inside the llama.cpp sid root).

  llama        greedy completions of the six tiny llama models -> tests/data/golden/tiny-llama-<TYPE>.json
  qwen         top-10 next-token distributions of the random tiny qwen2/qwen3 -> tiny-qwen{2,3}-Q8_0.json
  perplexity   llama-perplexity of the six tiny llama models -> tests/data/golden/perplexity.json

Each step is run by tests/reference/make-goldens.sh; with no argument all three run.
"""

import os
import re
import subprocess
import sys

from llamacpp_common import (GOLDEN_DIR, curl_command, REPO_DIR, SEED, THREADS, LlamaServer,
                             envelope, llama_version, log, model_path, prob, sha256, shell_command,
                             sig, write_json)

LLAMA_TYPES = ["F16", "Q8_0", "Q4_0", "Q4_K_M", "Q5_K_M", "Q6_K"]
N_PREDICT = 64

# Short English prompts in the styles of the tiny model's corpus (Debian fortunes: quotations
# with attributions, riddles, definitions; licence texts from base-files), plus two neutral
# ones. One contains a newline, one starts with a quotation mark.
LLAMA_PROMPTS = [
    "The meaning of life is",
    "Once upon a time",
    "The license grants",
    '"Never put off until tomorrow what',
    "This program is free software; you can redistribute it",
    "Q: Why did the chicken cross the road?\nA:",
]

QWEN_MODELS = ["tiny-qwen2-Q8_0", "tiny-qwen3-Q8_0"]
QWEN_PROMPTS = [
    "Hello, world!",
    "The quick brown fox jumps over the lazy dog.",
    "你好，世界！今天天气很好。",
]
QWEN_N_PREDICT = 4
QWEN_N_PROBS = 10


def completion_argv(model_rel, prompt, flash_attn="on"):
    # -no-cnv: raw prompt, no chat template; --no-display-prompt: stdout is the continuation
    # only; --no-escape: the prompt's bytes are used as given; -co off/--simple-io: plain text.
    return ["llama-completion", "-m", model_path(model_rel), "-p", prompt, "-n", str(N_PREDICT),
            "--temp", "0", "--top-k", "1", "-s", SEED, *THREADS, "-c", "256", "-fa", flash_attn,
            "-no-cnv", "--no-display-prompt", "--no-escape", "--simple-io", "-co", "off", "--no-warmup"]


def completion_body(prompt, n_predict, n_probs):
    # cache_prompt false: every request evaluates its prompt from scratch, like llama-completion.
    # n_probs with post_sampling_probs false gives log-softmax over the full vocabulary of the
    # raw logits (before top-k), i.e. the model's own distribution.
    return {"prompt": prompt, "n_predict": n_predict, "temperature": 0, "top_k": 1, "seed": int(SEED),
            "return_tokens": True, "n_probs": n_probs, "cache_prompt": False}


def server_commands(prompt, n_predict, n_probs):
    return [curl_command("/tokenize", {"content": prompt, "add_special": True}),
            curl_command("/completion", completion_body(prompt, n_predict, n_probs))]


def server_case(server, prompt, n_predict, n_probs):
    """Prompt token ids, generated ids, text and top-n distributions from llama-server.
    /tokenize without add_special tells whether a BOS was added; /detokenize cross-checks
    the generated ids against the returned text."""
    with_special = server.post("/tokenize", {"content": prompt, "add_special": True})["tokens"]
    without = server.post("/tokenize", {"content": prompt, "add_special": False})["tokens"]
    res = server.post("/completion", completion_body(prompt, n_predict, n_probs))
    if res["tokens_evaluated"] != len(with_special):
        sys.exit(f"server evaluated {res['tokens_evaluated']} prompt tokens, /tokenize gave {len(with_special)}")
    tokens = res["tokens"]
    detok = server.post("/detokenize", {"tokens": tokens})["content"]
    if detok != res["content"]:
        log(f"WARNING: /detokenize {detok!r} != content {res['content']!r}")
    probs = res["completion_probabilities"]
    if [p["id"] for p in probs] != tokens:
        sys.exit("completion_probabilities do not follow the generated tokens")
    return {
        "add_bos": with_special != without,
        "prompt_tokens": with_special,
        "tokens": tokens,
        "text": res["content"],
        "top_ids": [[t["id"] for t in p["top_logprobs"]] for p in probs],
        "top_logprobs": [[t["logprob"] for t in p["top_logprobs"]] for p in probs],
        "stop_type": res.get("stop_type"),
    }


def llama_run(model_rel, flash_attn, commands):
    """One greedy run of every prompt: llama-completion's text, then llama-server's ids and
    top-2 distributions; the two programs' texts must agree."""
    cli_texts = []
    for prompt in LLAMA_PROMPTS:
        argv = completion_argv(model_rel, prompt, flash_attn)
        out = subprocess.run(argv, capture_output=True, check=True)
        commands.append(shell_command(argv, model_rel))
        cli_texts.append(out.stdout.decode("utf-8"))
    results = []
    with LlamaServer(model_rel, flash_attn) as server:
        commands.append(server.command)
        for prompt, cli in zip(LLAMA_PROMPTS, cli_texts):
            sc = server_case(server, prompt, N_PREDICT, 2)
            commands.extend(server_commands(prompt, N_PREDICT, 2))
            if len(sc["tokens"]) != N_PREDICT:
                log(f"NOTE {model_rel} {prompt!r}: generation stopped after {len(sc['tokens'])} tokens")
            # llama-completion ends its output with an extra "\n\n" (printed when generation
            # stops); everything before it must be the server's text.
            sc["text_llama_completion"] = cli[:-2] if cli.endswith("\n\n") else cli
            if sc["text_llama_completion"] != sc["text"]:
                log(f"WARNING {model_rel} -fa {flash_attn} {prompt!r}: llama-completion and llama-server disagree")
            results.append(sc)
    return results


def greedy_fields(sc):
    fields = {"tokens": sc["tokens"], "text": sc["text"]}
    if sc["text_llama_completion"] != sc["text"]:
        fields["text_llama_completion"] = sc["text_llama_completion"]
    fields["top2"] = [[prob(lp) for lp in lps] for lps in sc["top_logprobs"]]
    fields["top2_ids"] = sc["top_ids"]
    fields["top2_margin_logprob"] = [sig(lps[0] - lps[1], 4) for lps in sc["top_logprobs"]]
    return fields


def make_llama():
    for qtype in LLAMA_TYPES:
        model_rel = f"tiny/tiny-llama-{qtype}.gguf"
        commands = []
        # The main record uses llama.cpp's CPU default (flash attention on); the run with it
        # off is kept too, since the two paths round differently and part at near ties.
        runs = {fa: llama_run(model_rel, fa, commands) for fa in ("on", "off")}
        cases = []
        for prompt, on, off in zip(LLAMA_PROMPTS, runs["on"], runs["off"]):
            case = {"prompt": prompt, "n_predict": N_PREDICT, "add_bos": on["add_bos"],
                    "prompt_tokens": on["prompt_tokens"], **greedy_fields(on)}
            diff = next((i for i, (a, b) in enumerate(zip(on["tokens"], off["tokens"])) if a != b), None)
            case["flash_attn_off"] = {"first_different_token": diff, **greedy_fields(off)}
            cases.append(case)
        env = envelope(model_rel, commands, cases, {
            "settings": "greedy (temp 0, top-k 1), seed 42, 1 thread, context 256, raw prompt (no chat template), "
                        "BOS added as the vocabulary asks; main fields with flash attention on (llama.cpp's CPU "
                        "default), flash_attn_off: the same with -fa off",
        })
        write_json(os.path.join(GOLDEN_DIR, f"tiny-llama-{qtype}.json"), env)


def make_qwen():
    for name in QWEN_MODELS:
        model_rel = f"tiny/{name}.gguf"
        cases = []
        with LlamaServer(model_rel) as server:
            commands = [server.command]
            for prompt in QWEN_PROMPTS:
                sc = server_case(server, prompt, QWEN_N_PREDICT, QWEN_N_PROBS)
                commands += server_commands(prompt, QWEN_N_PREDICT, QWEN_N_PROBS)
                cases.append({"prompt": prompt, "n_predict": QWEN_N_PREDICT, "add_bos": sc["add_bos"],
                              "prompt_tokens": sc["prompt_tokens"], "tokens": sc["tokens"], "text": sc["text"],
                              "top10_ids": sc["top_ids"], "top10_logprobs": sc["top_logprobs"],
                              "top10_probs": [[prob(lp) for lp in lps] for lps in sc["top_logprobs"]]})
        env = envelope(model_rel, commands, cases, {
            "settings": "greedy (temp 0, top-k 1), seed 42, 1 thread, context 256, flash attention on, raw prompt; "
                        "random-init weights: the logits are nearly uniform, compare them with a tolerance",
        })
        write_json(os.path.join(GOLDEN_DIR, f"{name}.json"), env)


def run_perplexity(model_rel, flash_attn):
    argv = ["llama-perplexity", "-m", model_path(model_rel), "-f", "tests/data/perplexity/text.txt",
            "-c", "256", "-b", "256", "-ub", "256", *THREADS, "-fa", flash_attn, "--no-warmup"]
    out = subprocess.run(argv, capture_output=True, check=True, cwd=REPO_DIR)
    stdout, stderr = out.stdout.decode(), out.stderr.decode(errors="replace")
    final = re.search(r"Final estimate: PPL = ([0-9.]+) \+/- ([0-9.]+)", stdout + stderr)
    chunks = [float(v) for v in re.findall(r"\[\d+\]([0-9.]+)", stdout)]
    info = re.search(r"calculating perplexity over (\d+) chunks, n_ctx=(\d+), batch_size=(\d+), n_seq=(\d+)", stderr)
    if not final or not info:
        sys.exit(f"could not parse llama-perplexity output for {model_rel}:\n{stdout}\n{stderr[-3000:]}")
    return argv, {"ppl": float(final.group(1)), "ppl_stderr": float(final.group(2)),
                  "n_chunks": int(info.group(1)), "running_ppl_per_chunk": chunks}


def make_perplexity():
    text_rel = "tests/data/perplexity/text.txt"
    results, commands = [], []
    for qtype in LLAMA_TYPES:
        model_rel = f"tiny/tiny-llama-{qtype}.gguf"
        argv, on = run_perplexity(model_rel, "on")
        argv_off, off = run_perplexity(model_rel, "off")
        commands += [shell_command(argv, model_rel), shell_command(argv_off, model_rel)]
        results.append({"model": os.path.basename(model_rel), "model_sha256": sha256(model_path(model_rel)),
                        **on, "flash_attn_off": off})
        log(f"perplexity {qtype}: {on['ppl']} (flash attention off: {off['ppl']})")
    env = {"text": text_rel, "text_sha256": sha256(os.path.join(REPO_DIR, text_rel))}
    env.update(llama_version())
    env.update({"generator": "tests/reference/make-goldens.sh",
                "settings": "context 256 (each chunk: BOS + 255 text tokens, the second half scored), batch and "
                            "ubatch 256, 1 thread; main figures with flash attention on (llama.cpp's CPU default), "
                            "flash_attn_off with -fa off",
                "commands": commands, "results": results})
    write_json(os.path.join(GOLDEN_DIR, "perplexity.json"), env)


def main():
    steps = sys.argv[1:] or ["llama", "qwen", "perplexity"]
    log(f"llama.cpp {llama_version()['llama_cpp_version']}")
    for step in steps:
        {"llama": make_llama, "qwen": make_qwen, "perplexity": make_perplexity}[step]()


if __name__ == "__main__":
    main()
