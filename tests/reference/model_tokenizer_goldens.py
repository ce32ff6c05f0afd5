#!/usr/bin/env python3
"""Tokenizer goldens for the vocabularies of the issue-15 models (runs inside the llama.cpp
sid root, driven by make-goldens.sh's "model-vocabs" step).

For every vocabulary of synthetic_vocabs.py it writes, under tests/data/tokenizer/synthetic/:
  <name>.gguf               the vocabulary (merges learned from the test texts, see there)
  <name>.gguf.hostile.out   llama-tokenize's ids of each case of ../hostile.inp (no BOS, special
                            tokens as plain text: what a pre-tokenizer alone decides)
  <name>.gguf.chat.inp/.out chat-like texts with the model's special tokens, tokenized as a
                            rendered prompt is (BOS as the vocabulary asks, specials parsed)
  <name>.gguf.special.json  BOS, EOS, EOT and the end-of-generation set llama.cpp derives
                            (from its verbose load log), and whether it adds BOS/EOS itself
"""

import json
import os
import re
import subprocess

from llamacpp_common import REPO_DIR, llama_version, log
from synthetic_vocabs import VOCABS, write
from tokenizer_goldens import SEPARATOR, TOKENIZE_ARGS, out_line, read_cases, tokenize

TOKENIZER_DIR = os.path.join(REPO_DIR, "tests", "data", "tokenizer")
OUT_DIR = os.path.join(TOKENIZER_DIR, "synthetic")
# A rendered prompt: BOS as the vocabulary asks (llama-tokenize's default), specials parsed.
PROMPT_ARGS = ["--ids", "--no-escape", "--log-disable", "--stdin"]

# Texts with each model's turn markers, as its chat template writes them (none starts with
# the BOS text: llama.cpp would add a second BOS there, which Hearth deliberately does not).
CHATS = {
    "gemma3": ["<start_of_turn>user\nWhat is 2 + 2?<end_of_turn>\n<start_of_turn>model\n",
               "<start_of_turn>user\n你好 <end_of_turn> x<start_of_turn>model\n4<end_of_turn>\n"],
    "seed-oss": ["<seed:bos>system\nBe brief.<seed:eos><seed:bos>user\n2+2?<seed:eos>"
                 "<seed:bos>assistant\n",
                 "<seed:bos>assistant\n<seed:think>Sum.<seed:cot_budget_reflect>used 3 "
                 "</seed:cot_budget_reflect></seed:think>4<seed:eos>"],
    "hunyuan-dense": ["Be brief.<｜hy_place▁holder▁no▁3｜><｜hy_User｜>2+2?<｜hy_Assistant｜>",
                      "<｜hy_User｜>Hi<｜hy_Assistant｜><think>\n\n</think>\n<answer>\n4\n</answer>"
                      "<｜hy_place▁holder▁no▁2｜>"],
    "phi4-mini": ["<|system|>Be brief.<|end|><|user|>2+2?<|end|><|assistant|>",
                  "<|user|>\n x <|end|>\n<|assistant|>4<|end|><|endoftext|>"],
    "smollm3": ["<|im_start|>system\n## Metadata\n\nKnowledge Cutoff Date: June 2025\n<|im_end|>\n"
                "<|im_start|>user\n2+2? /no_think<|im_end|>\n<|im_start|>assistant\n",
                "<|im_start|>assistant\n<think>\n\n</think>\n4<|im_end|>\n"],
    "ministral3": ["[SYSTEM_PROMPT]Be brief.[/SYSTEM_PROMPT][INST]2+2?[/INST]",
                   "[INST]Hi[/INST][THINK]Sum.[/THINK]4</s>"],
    "granite3": ["<|start_of_role|>system<|end_of_role|>Be brief.<|end_of_text|>\n"
                 "<|start_of_role|>user<|end_of_role|>2+2?<|end_of_text|>\n"
                 "<|start_of_role|>assistant<|end_of_role|>",
                 "<fim_prefix>def f():<fim_suffix>\n<fim_middle>"],
    "gpt-oss": ["<|start|>system<|message|>Reasoning: low<|end|><|start|>user<|message|>2+2?"
                "<|end|><|start|>assistant",
                "<|channel|>analysis<|message|>Sum.<|end|><|start|>assistant<|channel|>final"
                "<|message|>4<|return|> to=functions.f<|constrain|>json<|call|>"],
}


def special_facts(path):
    """BOS/EOS/EOT and the EOG list from llama.cpp's verbose load log, and its BOS/EOS use."""
    run = subprocess.run(["llama-tokenize", "-m", path, "--ids", "--no-escape", "--stdin", "-v"],
                         input=b"a", capture_output=True, check=True)
    text = run.stdout.decode("utf-8", "replace") + run.stderr.decode("utf-8", "replace")

    def one(label):
        m = re.search(rf"print_info: {label} token\s+= (\d+) ", text)
        return int(m.group(1)) if m else None

    eog = sorted(int(x) for x in re.findall(r"print_info: EOG token\s+= (\d+) ", text))
    ids = json.loads([line for line in run.stdout.decode().splitlines() if line.startswith("[")][-1])
    plain = tokenize(path, "a")
    bos = one("BOS")
    return {"bos": bos, "eos": one("EOS"), "eot": one("EOT"), "eog": eog,
            "adds_bos": bos is not None and len(ids) > len(plain) and ids[0] == bos,
            "adds_eos": len(ids) > len(plain) and ids[-1] == one("EOS")}


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(line + "\n" for line in lines))


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    hostile = read_cases(os.path.join(TOKENIZER_DIR, "hostile.inp"))
    training = hostile + read_cases(os.path.join(TOKENIZER_DIR, "multilingual.inp"))
    version = llama_version()["llama_cpp_version"]
    for spec in VOCABS:
        name = spec["name"]
        path = os.path.join(OUT_DIR, name + ".gguf")
        n_tokens = write(spec, training, path)
        write_lines(path + ".hostile.out", [out_line(tokenize(path, c)) for c in hostile])
        chats = CHATS[name]
        with open(path + ".chat.inp", "w", encoding="utf-8", newline="") as f:
            f.write("".join(c + SEPARATOR for c in chats))
        write_lines(path + ".chat.out", [out_line(tokenize(path, c, PROMPT_ARGS)) for c in chats])
        facts = {"vocabulary": f"synthetic/{name}.gguf", "llama_cpp_version": version,
                 "pre": spec["pre"], **special_facts(path)}
        with open(path + ".special.json", "w", encoding="utf-8", newline="\n") as f:
            json.dump(facts, f, ensure_ascii=False, indent=1)
            f.write("\n")
        log(f"wrote tests/data/tokenizer/synthetic/{name}.gguf ({n_tokens} tokens) and its goldens")


if __name__ == "__main__":
    main()
