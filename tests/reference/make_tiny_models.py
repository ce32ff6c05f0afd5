#!/usr/bin/env python3
"""Random-weight models of every architecture Hearth runs, written with llama.cpp's gguf-py and
quantized with llama-quantize (run inside the llama.cpp root: tests/reference/llamacpp-root.sh).

  make_tiny_models.py OUT_DIR [--arch A ...] [--types F16,Q8_0,Q4_0] [--shape tiny|bench]
                      [--vocab GGUF]

tiny (default): test models of a few hundred kilobytes (tests/data/models/arch/), one small
    vocabulary for all of them (below), shapes chosen per architecture to reach what differs from
    llama: q width != n_embd, GQA and MQA, a global layer among sliding ones and positions past
    the window, positions past YaRN's and LongRoPE's original context, a layer without RoPE.
bench: the 246 M-parameter shape of tests/bench (n_embd 1024, 16 layers, 16/4 heads, n_ff 2816)
    with each architecture's extras, for the speed comparison with llama.cpp; give it a real
    vocabulary with --vocab (e.g. the tiny llama's 32,000 tokens). Mixtures of experts take
    Qwen3-30B-A3B's experts (128 of width 768, 8 used) in 4 layers.

Writes OUT_DIR/<arch>-F32.gguf (bench: kept; tiny: deleted) and OUT_DIR/<arch>-<TYPE>.gguf.
Everything is deterministic: numpy's PCG64 with a seed per architecture, fixed metadata, and
llama-quantize's reference quantizers (one thread).

Weights are N(0, 1/fan_in) so activations keep unit scale, norm weights 1 + N(0, 0.1^2) and
biases N(0, 0.1^2) so that an engine dropping one is caught; the logits spread widely (see
LOGIT_STD) so that greedy choices are rarely near ties (ENGINE-FACTS-2: "Comparing with
llama.cpp on tiny random models").
"""

import argparse
import os
import subprocess
import sys

import numpy as np
import gguf

# One architecture = its GGUF keys beyond the common ones, its tensors' peculiarities and a
# shape. Shapes: n_embd, n_layer, n_head, n_head_kv, head_dim (None: n_embd / n_head), n_ff, ctx.
ARCHS = {
    # Sliding windows on 5 of 6 layers (layer 5 global, RoPE base 1e6 scaled 1/8; local layers
    # base 10000), GELU FFN, q/k norms before RoPE, sandwich norms, embeddings x sqrt(n_embd).
    "gemma3": dict(shape=(64, 6, 4, 2, 32, 128, 128), tied=True, qk_norm=True, post_norms=True,
                   keys=dict(sliding_window=6, rope_freq_base=1e6, rope_linear=8.0)),
    # qwen3 with q/k norms after RoPE, a converter-baked NTK base; MQA, q wider than n_embd.
    "hunyuan-dense": dict(shape=(64, 2, 4, 1, 32, 128, 128), tied=True, qk_norm=True,
                          keys=dict(rope_freq_base=1.1e7, rope_none=True)),
    # qwen2 with q/k/v biases, the pre-FFN norm named post_attention_norm, untied output.
    "seed_oss": dict(shape=(64, 2, 4, 2, 32, 128, 128), tied=False, qkv_bias=True,
                     ffn_norm="post_attention_norm", keys=dict(rope_freq_base=1e7)),
    # Fused attn_qkv and ffn_up, partial rotary (12 of 16 dims), LongRoPE factors with the long
    # set in use (contexts above 32) and its attention factor.
    "phi3": dict(shape=(64, 2, 4, 2, None, 128, 128), tied=True, fused=True,
                 keys=dict(rope_dims=12, longrope_orig=32, rope_freq_base=1e4)),
    # llama with every 4th layer (3) without RoPE.
    "smollm3": dict(shape=(64, 4, 4, 2, None, 128, 128), tied=True, keys=dict(rope_freq_base=1e5)),
    # llama with YaRN (4x over 32 positions) and the Llama-4 attention temperature.
    "mistral3": dict(shape=(64, 2, 4, 2, None, 128, 128), tied=False,
                     keys=dict(yarn_factor=4.0, yarn_orig=32, yarn_log_mul=0.1, temp_scale=0.1,
                               temp_length=32, rope_freq_base=1e6)),
    # llama with Granite 3.x's multipliers (embedding 12, residual 0.22, attention 1/64, logits /8).
    "granite": dict(shape=(64, 2, 4, 2, None, 128, 128), tied=False,
                    keys=dict(embedding_scale=12.0, residual_scale=0.22, attention_scale=1 / 64,
                              logit_scale=8.0, rope_freq_base=1e4)),
    # qwen3 (q/k norms, q wider than n_embd) with a mixture of 8 experts of width 64 in every
    # layer, 2 chosen per token by a softmax router and renormalised (llama.cpp's qwen3moe). The
    # router's logits spread by ROUTER_STD so that the second and third choices are rarely
    # near a tie (a near tie flips with rounding noise and swaps a whole expert's output).
    "qwen3moe": dict(shape=(64, 2, 4, 2, 32, 128, 128), tied=False, qk_norm=True,
                     moe=dict(n_expert=8, n_used=2, n_ff_exp=64), keys=dict(rope_freq_base=1e6)),
    # gpt-oss: layer 0 slides (window 8), layer 1 is global; YaRN as gpt-oss-20b has it (x32 over
    # 4096) on both; q 128 wide; biases on q, k, v, o, the router and every expert; one attention
    # sink per head; the pre-FFN norm named post_attention_norm; 8 experts of width 64, top 4 of
    # the raw router logits, softmax over those; the clamped SwiGLU, its gate and up rows spread
    # by `gain` so that the clamps at +-7 bite. Biases (N(0, bias_std^2), the router's
    # N(0, router_bias_std^2)) and sinks (N(0, sink_std^2)) are large enough that dropping any
    # of them moves llama.cpp's own perplexity by more than the F16 bound. Its quantized files
    # are llama-quantize's MXFP4_MOE (experts MXFP4, other matrices Q8_0) and Q8_0.
    "gpt-oss": dict(shape=(64, 2, 4, 2, 32, 64, 128), tied=False, qkv_bias=True, out_bias=True,
                    sinks=True, ffn_norm="post_attention_norm", types=["F16", "Q8_0", "MXFP4_MOE"],
                    bias_std=0.5, router_bias_std=3.0, sink_std=3.0,
                    moe=dict(n_expert=8, n_used=4, n_ff_exp=64, bias=True, gain=4.0),
                    keys=dict(sliding_window=8, rope_freq_base=1.5e5, yarn_factor=32.0,
                              yarn_orig=4096)),
}
BENCH_SHAPE = (1024, 16, 16, 4, None, 2816, 4096)
BENCH_KEYS = dict(sliding_window=512, longrope_orig=1024, yarn_orig=1024, temp_length=1024)
BENCH_MOE = dict(n_expert=128, n_used=8, n_ff_exp=768)  # Qwen3-30B-A3B's experts
BENCH_MOE_LAYERS = 4  # of 128 experts each: 1.2 B parameters, 0.2 B of them used per token
SEEDS = {name: 1000 + i for i, name in enumerate(ARCHS)}
# Scales that make random models behave like peaky trained ones rather than echo their input.
# Logits spread with a standard deviation of about LOGIT_STD (the final norm's weights carry the
# gain, so embeddings keep their own scale); block outputs are RESIDUAL_GAIN times the unit scale
# (attn_output, ffn_down; gemma3's post norms' weights), so that the layers, not the current
# token's own embedding, decide the next token. Tied embeddings are small for the same reason
# (a large one makes every token predict itself), and so are Gemma's and Granite's, which the
# model multiplies by sqrt(n_embd) and 12.
LOGIT_STD = 6.0
ROUTER_STD = 3.0
RESIDUAL_GAIN = 2.0
EMBED_STD = {"gemma3": 0.05, "granite": 0.03}
TIED_EMBED_STD = 0.25


# Control tokens of the chat formats (llama.cpp's phi3 loader looks some of them up; Hearth's
# end-of-turn rules see them); they are never produced by the text the tests tokenize.
SPECIALS = ["<|endoftext|>", "<|end|>", "<|user|>", "<|assistant|>", "<|system|>", "<start_of_turn>",
            "<end_of_turn>"]


def tiny_vocabulary():
    """A SentencePiece-style ("llama") vocabulary of 512 tokens: <unk> <s> </s>, the 256 byte
    tokens, the printable ASCII characters, and prefixes of common English words (with and
    without the word-start mark) scored longest first, so that llama.cpp's SPM tokenizer merges
    whole words. Any vocabulary works with any architecture; a small one keeps files small."""
    tokens, scores, types = ["<unk>", "<s>", "</s>"], [0.0, 0.0, 0.0], [2, 3, 3]
    for special in SPECIALS:
        tokens.append(special), scores.append(0.0), types.append(3)
    for b in range(256):
        tokens.append(f"<0x{b:02X}>"), scores.append(0.0), types.append(6)
    pieces = ["\u2581"] + [chr(c) for c in range(0x21, 0x7F)]
    words = ("the of and to in is that it was for on are as with his they at be this from have or by one "
             "had not but what all were when we there can an your which their said if do will each about "
             "how up out them then she many some so these would other into has more her two like him see "
             "time could no make than first been its who now people my made over did down only way find use "
             "may water long little very after words called just where most know life never program free "
             "software license tomorrow meaning once upon").split()
    merged = []
    for w in words:
        for prefix in ("\u2581", ""):
            s = prefix + w
            for n in range(2, len(s) + 1):
                if s[:n] not in merged and s[:n] not in pieces:
                    merged.append(s[:n])
    size = 512 - len(tokens) - len(pieces)
    merged = merged[:size]
    if len(merged) < size:
        sys.exit(f"vocabulary short by {size - len(merged)} pieces")
    for p in pieces:
        tokens.append(p), scores.append(-1000.0), types.append(1)
    # Longer merges first: a higher score wins when SPM picks which adjacent pair to merge.
    for i, p in enumerate(merged):
        tokens.append(p), scores.append(float(len(p)) - i * 1e-3), types.append(1)
    return tokens, scores, types


def write_vocabulary(w):
    tokens, scores, types = tiny_vocabulary()
    w.add_tokenizer_model("llama")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_scores(scores)
    w.add_token_types(types)
    w.add_unk_token_id(0)
    w.add_bos_token_id(1)
    w.add_eos_token_id(2)
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
    return len(tokens)


def copy_vocabulary(w, src):
    """All tokenizer.* keys of another GGUF (bench models: a real 32,000-token vocabulary, so the
    output layer costs what it costs in a real model)."""
    r = gguf.GGUFReader(src)
    for name, f in r.fields.items():
        if name.startswith("tokenizer."):
            t = f.types[0]
            if t == gguf.GGUFValueType.ARRAY:
                w.add_key_value(name, f.contents(), t, sub_type=f.types[1])
            else:
                w.add_key_value(name, f.contents(), t)
    return len(r.fields["tokenizer.ggml.tokens"].data)


def write_model(arch, path, bench, vocab=None):
    spec = ARCHS[arch]
    n_embd, n_layer, n_head, n_kv, hd, n_ff, ctx = BENCH_SHAPE if bench else spec["shape"]
    if bench and spec["shape"][1] == 6:
        n_layer = 18  # gemma3: keep whole groups of 5 sliding + 1 global layers
    if bench and "moe" in spec:
        n_layer = BENCH_MOE_LAYERS
    explicit_hd = hd is not None
    hd = hd if explicit_hd else n_embd // n_head
    keys = dict(spec["keys"])
    if bench:  # the tiny models' windows and context lengths at the scale of real models
        keys.update({k: v for k, v in BENCH_KEYS.items() if k in keys})
        if "rope_dims" in keys:
            keys["rope_dims"] = hd * 3 // 4
    rng = np.random.default_rng(SEEDS[arch])

    w = gguf.GGUFWriter(path, arch)
    w.add_name(f"{'bench' if bench else 'tiny'}-{arch}-random")
    w.add_context_length(ctx)
    w.add_embedding_length(n_embd)
    w.add_block_count(n_layer)
    w.add_feed_forward_length(n_ff)
    w.add_head_count(n_head)
    w.add_head_count_kv(n_kv)
    if explicit_hd:
        w.add_key_length(hd)
        w.add_value_length(hd)
    w.add_layer_norm_rms_eps(1e-6)
    w.add_rope_freq_base(keys["rope_freq_base"])
    n_rot = keys.get("rope_dims", hd)
    if "rope_dims" in keys:
        w.add_rope_dimension_count(n_rot)
    if "sliding_window" in keys:
        w.add_sliding_window(keys["sliding_window"])
    if "rope_linear" in keys:
        w.add_rope_scaling_type(gguf.RopeScalingType.LINEAR)
        w.add_rope_scaling_factor(keys["rope_linear"])
    if keys.get("rope_none"):
        w.add_rope_scaling_type(gguf.RopeScalingType.NONE)
        w.add_rope_scaling_factor(1.0)
    if "yarn_factor" in keys:
        w.add_rope_scaling_type(gguf.RopeScalingType.YARN)
        w.add_rope_scaling_factor(keys["yarn_factor"])
        w.add_rope_scaling_orig_ctx_len(keys["yarn_orig"])
        if "yarn_log_mul" in keys:  # mistral3's converter writes these; gpt-oss's leaves defaults
            w.add_rope_scaling_yarn_beta_fast(32.0)
            w.add_rope_scaling_yarn_beta_slow(1.0)
            w.add_rope_scaling_yarn_log_mul(keys["yarn_log_mul"])
            w.add_attn_temperature_scale(keys["temp_scale"])
            w.add_attn_temperature_length(keys["temp_length"])
    if "longrope_orig" in keys:
        orig = keys["longrope_orig"]
        w.add_rope_scaling_orig_ctx_len(orig)
        # Phi-3's converter: sqrt(1 + ln(ctx / orig) / ln(orig)).
        w.add_rope_scaling_attn_factors(float(np.sqrt(1 + np.log(ctx / orig) / np.log(orig))))
    for k in ("embedding_scale", "residual_scale", "logit_scale"):
        if k in keys:
            getattr(w, f"add_{k}")(keys[k])
    if "attention_scale" in keys:
        w.add_attention_scale(keys["attention_scale"])
    moe = spec.get("moe")
    if moe and bench:
        moe = BENCH_MOE
    if moe:
        w.add_expert_count(moe["n_expert"])
        w.add_expert_used_count(moe["n_used"])
        w.add_expert_feed_forward_length(moe["n_ff_exp"])
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    n_vocab = copy_vocabulary(w, vocab) if vocab else write_vocabulary(w)

    def mat(rows, cols, std=None):  # numpy (out, in) = GGUF {in, out}
        s = std if std is not None else 1.0 / np.sqrt(cols)
        return (rng.standard_normal((rows, cols), dtype=np.float32) * np.float32(s))

    def stack(n, rows, cols, std=None):  # numpy (n_expert, out, in) = GGUF {in, out, n_expert}
        s = std if std is not None else 1.0 / np.sqrt(cols)
        return (rng.standard_normal((n, rows, cols), dtype=np.float32) * np.float32(s))

    def norm(n):
        return (1.0 + 0.1 * rng.standard_normal(n, dtype=np.float32)).astype(np.float32)

    def bias(n, std=spec.get("bias_std", 0.1)):  # n: a length or a shape ((n_expert, out) = GGUF {out, n_expert})
        return (std * rng.standard_normal(n, dtype=np.float32)).astype(np.float32)

    q_dim, kv_dim = n_head * hd, n_kv * hd
    embed_std = EMBED_STD.get(arch, TIED_EMBED_STD if spec["tied"] else 1.0)
    out_std = embed_std if spec["tied"] else 1.0
    gain = LOGIT_STD * keys.get("logit_scale", 1.0) / (out_std * np.sqrt(n_embd))
    # Control and byte tokens' rows are shrunk so that greedy text is whole pieces: generation
    # would end at an end-of-turn token, and llama-server reports no per-token probabilities
    # while its text is an incomplete UTF-8 sequence.
    shrink = np.ones((n_vocab, 1), dtype=np.float32)
    if not vocab:
        shrink[:3 + len(SPECIALS) + 256] = 0.25
    w.add_tensor("token_embd.weight", mat(n_vocab, n_embd, embed_std) * shrink)
    w.add_tensor("output_norm.weight", (gain * norm(n_embd)).astype(np.float32))
    if not spec["tied"]:
        w.add_tensor("output.weight", mat(n_vocab, n_embd, out_std) * shrink)
    if "longrope_orig" in keys:
        # Divisors of each pair's frequency: long ones grow with the pair index as LongRoPE's do.
        half = n_rot // 2
        w.add_tensor("rope_factors_long.weight",
                     (1.0 + np.linspace(0, 7, half) + 0.3 * rng.random(half)).astype(np.float32))
        w.add_tensor("rope_factors_short.weight", (1.0 + 0.2 * rng.random(half)).astype(np.float32))
    for i in range(n_layer):
        p = f"blk.{i}."
        w.add_tensor(p + "attn_norm.weight", norm(n_embd))
        if spec.get("fused"):
            w.add_tensor(p + "attn_qkv.weight", mat(q_dim + 2 * kv_dim, n_embd))
        else:
            w.add_tensor(p + "attn_q.weight", mat(q_dim, n_embd))
            w.add_tensor(p + "attn_k.weight", mat(kv_dim, n_embd))
            w.add_tensor(p + "attn_v.weight", mat(kv_dim, n_embd))
        if spec.get("qkv_bias"):
            w.add_tensor(p + "attn_q.bias", bias(q_dim))
            w.add_tensor(p + "attn_k.bias", bias(kv_dim))
            w.add_tensor(p + "attn_v.bias", bias(kv_dim))
        if spec.get("qk_norm"):
            w.add_tensor(p + "attn_q_norm.weight", norm(hd))
            w.add_tensor(p + "attn_k_norm.weight", norm(hd))
        w.add_tensor(p + "attn_output.weight", mat(n_embd, q_dim, RESIDUAL_GAIN / np.sqrt(q_dim)))
        if spec.get("out_bias"):
            w.add_tensor(p + "attn_output.bias", bias(n_embd))
        if spec.get("sinks"):
            w.add_tensor(p + "attn_sinks.weight", bias(n_head, spec["sink_std"]))
        if spec.get("post_norms"):
            w.add_tensor(p + "post_attention_norm.weight", RESIDUAL_GAIN * norm(n_embd))
        w.add_tensor(p + spec.get("ffn_norm", "ffn_norm") + ".weight", norm(n_embd))
        if moe:
            n_exp, n_ff_exp = moe["n_expert"], moe["n_ff_exp"]
            exp_gain = moe.get("gain", 1.0)
            w.add_tensor(p + "ffn_gate_inp.weight", mat(n_exp, n_embd, ROUTER_STD / np.sqrt(n_embd)))
            w.add_tensor(p + "ffn_gate_exps.weight", stack(n_exp, n_ff_exp, n_embd, exp_gain / np.sqrt(n_embd)))
            w.add_tensor(p + "ffn_up_exps.weight", stack(n_exp, n_ff_exp, n_embd, exp_gain / np.sqrt(n_embd)))
            # The activation grows like gain^2 (less where clamped): the down rows shrink by gain^2.
            w.add_tensor(p + "ffn_down_exps.weight",
                         stack(n_exp, n_embd, n_ff_exp, RESIDUAL_GAIN / (exp_gain**2 * np.sqrt(n_ff_exp))))
            if moe.get("bias"):
                w.add_tensor(p + "ffn_gate_inp.bias", bias(n_exp, spec["router_bias_std"]))
                w.add_tensor(p + "ffn_gate_exps.bias", bias((n_exp, n_ff_exp)))
                w.add_tensor(p + "ffn_up_exps.bias", bias((n_exp, n_ff_exp)))
                w.add_tensor(p + "ffn_down_exps.bias", bias((n_exp, n_embd)))
        elif spec.get("fused"):
            w.add_tensor(p + "ffn_up.weight", mat(2 * n_ff, n_embd))  # gate rows, then up rows
        else:
            w.add_tensor(p + "ffn_gate.weight", mat(n_ff, n_embd))
            w.add_tensor(p + "ffn_up.weight", mat(n_ff, n_embd))
        if not moe:
            w.add_tensor(p + "ffn_down.weight", mat(n_embd, n_ff, RESIDUAL_GAIN / np.sqrt(n_ff)))
        if spec.get("post_norms"):
            w.add_tensor(p + "post_ffw_norm.weight", RESIDUAL_GAIN * norm(n_embd))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def types_of(arch):
    """The file types written and tested for an architecture (llama-quantize's names)."""
    return ARCHS[arch].get("types", ["F16", "Q8_0", "Q4_0"])


def quantize(src, dst, qtype):
    subprocess.run(["llama-quantize", src, dst, qtype, "1"], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--arch", action="append", choices=sorted(ARCHS))
    ap.add_argument("--types", help="default: the architecture's own list, else F16,Q8_0,Q4_0")
    ap.add_argument("--shape", choices=("tiny", "bench"), default="tiny")
    ap.add_argument("--vocab", help="copy the tokenizer of this GGUF instead of the tiny one")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    bench = args.shape == "bench"
    for arch in args.arch or ARCHS:
        f32 = os.path.join(args.out_dir, f"{arch}-F32.gguf")
        write_model(arch, f32, bench, args.vocab)
        types = args.types.split(",") if args.types else types_of(arch)
        for qtype in types:
            out = os.path.join(args.out_dir, f"{arch}-{qtype}.gguf")
            quantize(f32, out, qtype)
            print(f"wrote {out} ({os.path.getsize(out)} bytes)", flush=True)
        if not bench:
            os.unlink(f32)


if __name__ == "__main__":
    main()
