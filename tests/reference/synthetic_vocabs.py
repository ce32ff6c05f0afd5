"""Small vocabularies shaped like those of the models Hearth added in issue 15, written as
vocab-only GGUF files with gguf-py (Debian's python3-gguf), for llama.cpp to tokenize.

The real vocabularies are 130k-260k tokens and not available offline. What a pre-tokenizer
does is only visible where it cuts text that the merges would otherwise join, so each
vocabulary here gets merges learned from the test texts themselves *without* any
pre-tokenization: nearly every adjacent pair of the hostile cases can merge, and every cut a
pre-tokenizer makes shows in the ids. The special tokens, their types and the id keys follow
what llama.cpp's converter writes for each model (ids are small, texts are the real ones).

Data only; model_tokenizer_goldens.py drives llama-tokenize over these files.
"""

import gguf

# Per vocabulary: file stem, tokenizer family, pre-tokenizer name, general.name, the special
# tokens (text, gguf token type) placed before ("first") or after ("last") the learned
# tokens, and the id keys (name -> special text). Types: 3 control, 4 user-defined.
CONTROL, USER_DEFINED = 3, 4

VOCABS = [
    {
        # Gemma 3: SentencePiece without the space prefix; <end_of_turn> ends a turn.
        "name": "gemma3", "model": "llama", "pre": None, "general_name": "Gemma 3 Synthetic",
        "first": [("<pad>", CONTROL), ("<eos>", CONTROL), ("<bos>", CONTROL),
                  ("<unk>", 2), ("<start_of_turn>", CONTROL),
                  ("<end_of_turn>", CONTROL)],
        "last": [],
        "ids": {"bos": "<bos>", "eos": "<eos>", "unknown": "<unk>", "padding": "<pad>"},
        "flags": {"add_bos_token": True, "add_eos_token": False, "add_space_prefix": False},
    },
    {
        # Seed-OSS: Seed-Coder's vocabulary; its specials come first.
        "name": "seed-oss", "model": "gpt2", "pre": "seed-coder",
        "general_name": "Seed OSS Synthetic",
        "first": [("<seed:bos>", CONTROL), ("<seed:pad>", CONTROL), ("<seed:eos>", CONTROL)],
        "last": [("<seed:think>", USER_DEFINED), ("</seed:think>", USER_DEFINED),
                 ("<seed:cot_budget_reflect>", USER_DEFINED),
                 ("</seed:cot_budget_reflect>", USER_DEFINED),
                 ("<seed:tool_call>", USER_DEFINED), ("</seed:tool_call>", USER_DEFINED)],
        "ids": {"bos": "<seed:bos>", "eos": "<seed:eos>", "padding": "<seed:pad>"},
        "flags": {},
    },
    {
        # Hunyuan dense: the converter takes EOS from config.json's eod_token_id and EOT from
        # generation_config.json's first eos id; neither text is one llama.cpp knows.
        "name": "hunyuan-dense", "model": "gpt2", "pre": "hunyuan-dense",
        "general_name": "Hunyuan Synthetic",
        "first": [],
        "last": [("<｜hy_begin▁of▁sentence｜>", CONTROL), ("<｜hy_end▁of▁sentence｜>", CONTROL),
                 ("<｜hy_User｜>", CONTROL), ("<｜hy_Assistant｜>", CONTROL),
                 ("<｜hy_place▁holder▁no▁2｜>", CONTROL), ("<｜hy_place▁holder▁no▁3｜>", CONTROL),
                 ("<｜hy_place▁holder▁no▁8｜>", CONTROL), ("<think>", USER_DEFINED),
                 ("</think>", USER_DEFINED), ("<answer>", USER_DEFINED),
                 ("</answer>", USER_DEFINED)],
        "ids": {"bos": "<｜hy_begin▁of▁sentence｜>", "eos": "<｜hy_end▁of▁sentence｜>",
                "eot": "<｜hy_place▁holder▁no▁2｜>", "padding": "<｜hy_place▁holder▁no▁8｜>"},
        "flags": {"add_bos_token": False},
    },
    {
        # Phi-4-mini: o200k-style vocabulary (pre gpt-4o); <|end|> closes a turn.
        "name": "phi4-mini", "model": "gpt2", "pre": "gpt-4o",
        "general_name": "Phi 4 Mini Instruct Synthetic",
        "first": [],
        "last": [("<|endoftext|>", CONTROL), ("<|assistant|>", CONTROL), ("<|end|>", CONTROL),
                 ("<|user|>", CONTROL), ("<|system|>", CONTROL), ("<|tool|>", CONTROL),
                 ("<|/tool|>", CONTROL), ("<|tool_call|>", CONTROL),
                 ("<|/tool_call|>", CONTROL), ("<|tag|>", CONTROL)],
        "ids": {"bos": "<|endoftext|>", "eos": "<|endoftext|>", "padding": "<|endoftext|>"},
        "flags": {"add_bos_token": False, "add_eos_token": False},
    },
    {
        # SmolLM3: Llama 3's vocabulary with ChatML turn markers in its reserved slots.
        "name": "smollm3", "model": "gpt2", "pre": "llama-bpe",
        "general_name": "SmolLM3 Synthetic",
        "first": [],
        "last": [("<|begin_of_text|>", CONTROL), ("<|end_of_text|>", CONTROL),
                 ("<|finetune_right_pad_id|>", CONTROL), ("<|im_start|>", CONTROL),
                 ("<|im_end|>", CONTROL), ("<|eot_id|>", CONTROL)],
        "ids": {"bos": "<|begin_of_text|>", "eos": "<|im_end|>",
                "padding": "<|finetune_right_pad_id|>"},
        "flags": {"add_bos_token": False},
    },
    {
        # Ministral 3: Tekken with [INST]-style control tokens and [THINK] for reasoning.
        "name": "ministral3", "model": "gpt2", "pre": "tekken",
        "general_name": "Ministral 3 Synthetic",
        "first": [("<unk>", 2), ("<s>", CONTROL), ("</s>", CONTROL), ("[INST]", CONTROL),
                  ("[/INST]", CONTROL), ("[SYSTEM_PROMPT]", CONTROL),
                  ("[/SYSTEM_PROMPT]", CONTROL), ("[THINK]", CONTROL), ("[/THINK]", CONTROL)],
        "last": [],
        "ids": {"bos": "<s>", "eos": "</s>", "unknown": "<unk>"},
        "flags": {},
    },
    {
        # Granite 3.x: StarCoder-style vocabulary (pre refact) whose id 0 is BOS, EOS and
        # padding at once; its fill-in-the-middle tokens end generation in llama.cpp.
        "name": "granite3", "model": "gpt2", "pre": "refact",
        "general_name": "Granite 3.3 Synthetic",
        "first": [("<|end_of_text|>", CONTROL), ("<fim_prefix>", CONTROL),
                  ("<fim_middle>", CONTROL), ("<fim_suffix>", CONTROL), ("<fim_pad>", CONTROL),
                  ("<filename>", CONTROL), ("<gh_stars>", CONTROL), ("<issue_start>", CONTROL),
                  ("<reponame>", CONTROL)],
        "last": [("<|start_of_role|>", CONTROL), ("<|end_of_role|>", CONTROL),
                 ("<|tool_call|>", CONTROL)],
        "ids": {"bos": "<|end_of_text|>", "eos": "<|end_of_text|>",
                "padding": "<|end_of_text|>"},
        "flags": {"add_bos_token": False},
    },
    {
        # gpt-oss: o200k_harmony (pre gpt-4o) with the harmony control tokens in their real
        # order; <|return|> and <|call|> end generation, <|end|> only closes a message
        # (llama.cpp drops it from the stops when both exist).
        "name": "gpt-oss", "model": "gpt2", "pre": "gpt-4o",
        "general_name": "gpt-oss Synthetic",
        "first": [],
        "last": [("<|startoftext|>", CONTROL), ("<|endoftext|>", CONTROL),
                 ("<|reserved_200000|>", CONTROL), ("<|reserved_200001|>", CONTROL),
                 ("<|return|>", CONTROL), ("<|constrain|>", CONTROL),
                 ("<|reserved_200004|>", CONTROL), ("<|channel|>", CONTROL),
                 ("<|start|>", CONTROL), ("<|end|>", CONTROL), ("<|message|>", CONTROL),
                 ("<|reserved_200009|>", CONTROL), ("<|reserved_200010|>", CONTROL),
                 ("<|reserved_200011|>", CONTROL), ("<|call|>", CONTROL)],
        "ids": {"bos": "<|startoftext|>", "eos": "<|return|>", "padding": "<|endoftext|>"},
        "flags": {"add_bos_token": False},
    },
]

MERGES = 600  # longer tokens learned after the pairs


def byte_to_unicode():
    """GPT-2's reversible byte -> printable character map (byte-level BPE)."""
    printable = (list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1))
                 + list(range(0xAE, 0xFF + 1)))
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


def merge_pair(seq, pair):
    out, j = [], 0
    while j < len(seq):
        if j + 1 < len(seq) and seq[j] == pair[0] and seq[j + 1] == pair[1]:
            out.append(pair[0] + pair[1])
            j += 2
        else:
            out.append(seq[j])
            j += 1
    return out


def bpe_encode(seq, ranks):
    """Applies merges to one sequence, lowest rank first (how BPE tokenizes)."""
    while True:
        best = None
        for pair in zip(seq, seq[1:]):
            rank = ranks.get(pair)
            if rank is not None and (best is None or rank < ranks[best]):
                best = pair
        if best is None:
            return seq
        seq = merge_pair(seq, best)


def learn_merges(sequences, banned, extra=MERGES):
    """Merges on whole texts (no pre-tokenization). First every adjacent pair of symbols
    that occurs at all (most frequent first, ties by text), so almost every cut a
    pre-tokenizer makes shows; then up to `extra` greedy merges of pairs seen twice or more,
    for longer tokens. A merge whose result is a special token's text is skipped."""
    seqs = [list(s) for s in sequences if s]
    counts = {}
    for s in seqs:
        for pair in zip(s, s[1:]):
            counts[pair] = counts.get(pair, 0) + 1
    merges = sorted((p for p in counts if p[0] + p[1] not in banned),
                    key=lambda p: (-counts[p], p))
    ranks = {p: i for i, p in enumerate(merges)}
    seqs = [bpe_encode(s, ranks) for s in seqs]
    known = {p[0] + p[1] for p in merges}
    for _ in range(extra):
        counts = {}
        for s in seqs:
            for pair in zip(s, s[1:]):
                counts[pair] = counts.get(pair, 0) + 1
        candidates = [p for p, n in counts.items()
                      if n >= 2 and p[0] + p[1] not in banned and p[0] + p[1] not in known]
        if not candidates:
            break
        best = min(candidates, key=lambda p: (-counts[p], p))
        merges.append(best)
        known.add(best[0] + best[1])
        seqs = [merge_pair(s, best) for s in seqs]
    return merges


def bpe_tables(spec, texts):
    """tokens, types, merges of a byte-level BPE vocabulary."""
    b2u = byte_to_unicode()
    encoded = ["".join(b2u[b] for b in t.encode("utf-8")) for t in texts]
    specials = [t for t, _ in spec["first"] + spec["last"]]
    merges = learn_merges(encoded, set(specials))
    learned = [b2u[b] for b in range(256)] + [a + b for a, b in merges]
    tokens = [t for t, _ in spec["first"]] + learned + [t for t, _ in spec["last"]]
    types = ([ty for _, ty in spec["first"]] + [1] * len(learned)
             + [ty for _, ty in spec["last"]])
    return tokens, types, [f"{a} {b}" for a, b in merges], None


def spm_tables(spec, texts):
    """tokens, types, scores of a SentencePiece vocabulary: byte fallback tokens, every
    character of the texts, then learned pieces scored by their merge order."""
    pieces = [t.replace(" ", "\u2581") for t in texts]
    specials = [t for t, _ in spec["first"] + spec["last"]]
    merges = learn_merges(pieces, set(specials))
    chars = sorted({c for p in pieces for c in p})
    tokens = [t for t, _ in spec["first"]]
    types = [ty for _, ty in spec["first"]]
    scores = [0.0] * len(tokens)
    for b in range(256):
        tokens.append(f"<0x{b:02X}>")
        types.append(6)
        scores.append(0.0)
    seen = set(tokens)
    for c in chars:
        if c not in seen:
            seen.add(c)
            tokens.append(c)
            types.append(1)
            scores.append(-1e9)
    for rank, (a, b) in enumerate(merges):
        if a + b not in seen:
            seen.add(a + b)
            tokens.append(a + b)
            types.append(1)
            scores.append(-float(rank))
    for t, ty in spec["last"]:
        tokens.append(t)
        types.append(ty)
        scores.append(0.0)
    return tokens, types, None, scores


def write(spec, texts, path):
    tables = spm_tables if spec["model"] == "llama" else bpe_tables
    tokens, types, merges, scores = tables(spec, texts)
    w = gguf.GGUFWriter(path, "llama")
    w.add_name(spec["general_name"])
    w.add_tokenizer_model(spec["model"])
    if spec["pre"]:
        w.add_tokenizer_pre(spec["pre"])
    w.add_token_list(tokens)
    w.add_token_types(types)
    if scores is not None:
        w.add_token_scores(scores)
    if merges is not None:
        w.add_token_merges(merges)
    index = {t: i for i, t in enumerate(tokens)}
    setters = {"bos": w.add_bos_token_id, "eos": w.add_eos_token_id, "eot": w.add_eot_token_id,
               "unknown": w.add_unk_token_id, "padding": w.add_pad_token_id}
    for key, text in spec["ids"].items():
        setters[key](index[text])
    flags = {"add_bos_token": w.add_add_bos_token, "add_eos_token": w.add_add_eos_token,
             "add_space_prefix": w.add_add_space_prefix}
    for key, value in spec["flags"].items():
        flags[key](value)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return len(tokens)
