"""Shared helpers for the golden generators. Runs inside the llama.cpp sid root
(tests/reference/llamacpp-root.sh), driven by tests/reference/make-goldens.sh."""

import hashlib
import http.client
import json
import math
import os
import re
import shlex
import socket
import subprocess
import time

MODELS_DIR = os.environ["HEARTH_MODELS_DIR"]
REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN_DIR = os.path.join(REPO_DIR, "tests", "data", "golden")
GENERATOR = "tests/reference/make-goldens.sh"
# Everything that affects numerics is pinned: one thread for decode and batch, flash
# attention stated explicitly (it is what "auto" picks on CPU in this build), fixed seed.
THREADS = ["-t", "1", "-tb", "1"]
SEED = "42"


def log(msg):
    print(f"[goldens] {msg}", flush=True)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def model_path(rel):
    """A shared test model (relative to $HEARTH_MODELS_DIR), or one of the repository's own
    (a path starting with tests/)."""
    return os.path.join(REPO_DIR if rel.startswith("tests/") else MODELS_DIR, rel)


def shell_command(argv, model_rel=None):
    """argv as a copy-pasteable shell line (run from the repository root); a shared model's path
    is written relative to $HEARTH_MODELS_DIR so the recorded command holds no machine-specific
    path."""
    parts = []
    for arg in argv:
        if model_rel is not None and arg == model_path(model_rel):
            parts.append(model_rel if model_rel.startswith("tests/") else f'"$HEARTH_MODELS_DIR/{model_rel}"')
        else:
            parts.append(shlex.quote(arg))
    return " ".join(parts)


def curl_command(path, body):
    """The request llama-server received, written as an equivalent curl line."""
    return (f"curl -s --unix-socket {LlamaServer.SOCKET} http://localhost{path} -d "
            + shlex.quote(json.dumps(body, ensure_ascii=False)))


_version_cache = {}


def cpu_backend():
    """ggml loads the best CPU variant for this machine (zen4, haswell, ...); it is recorded
    because another variant may round differently. Only a verbose run names it."""
    probe = subprocess.run(["llama-tokenize", "-m", model_path("vocab/ggml-vocab-llama-spm.gguf"), "-p", "x", "-v"],
                           capture_output=True, text=True, errors="replace")
    m = re.search(r"loaded CPU backend from \S*/(libggml-cpu-[\w-]+)\.so", probe.stdout + probe.stderr)
    return m.group(1) if m else "unknown"


def llama_version():
    """The fields every golden file carries about the reference implementation."""
    if not _version_cache:
        out = subprocess.run(["llama-completion", "--version"], capture_output=True, text=True)
        m = re.search(r"version: (.+)", out.stdout + out.stderr)
        pkgs = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package} ${Version}\\n", "llama.cpp-tools", "llama.cpp-tools-extra", "libggml0"],
            capture_output=True, text=True, check=True).stdout.split("\n")
        _version_cache["llama_cpp_version"] = m.group(1).strip() if m else "unknown"
        _version_cache["debian_packages"] = [p for p in pkgs if p]
        _version_cache["ggml_cpu_backend"] = cpu_backend()
    return dict(_version_cache)


def envelope(model_rel, commands, cases, extra=None):
    env = {
        "model": os.path.basename(model_rel),
        "model_sha256": sha256(model_path(model_rel)),
    }
    env.update(llama_version())
    env["generator"] = GENERATOR
    if extra:
        env.update(extra)
    env["commands"] = commands
    env["cases"] = cases
    return env


def sig(x, digits=7):
    """A probability rounded to a fixed number of significant digits (keeps files readable;
    the unrounded log-probabilities are stored where they matter)."""
    return float(f"{x:.{digits}g}")


def prob(logprob):
    return sig(math.exp(logprob))


def _dump(obj, indent, level):
    pad = " " * (indent * level)
    inner = " " * (indent * (level + 1))
    flat = json.dumps(obj, ensure_ascii=False)
    # Scalars, lists of numbers (token ids, probabilities) and anything short stay on one
    # line; lists of lists or of strings get one element per line.
    if not isinstance(obj, (dict, list)) or len(flat) <= 100 or (
            isinstance(obj, list) and all(isinstance(v, (int, float)) for v in obj)):
        return flat
    if isinstance(obj, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, indent, level + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + _dump(v, indent, level + 1) for v in obj]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(_dump(obj, 2, 0) + "\n")
    log(f"wrote {os.path.relpath(path, REPO_DIR)}")


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=120)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(120)
        self.sock.connect(self._path)


class LlamaServer:
    """llama-server on a UNIX socket in the root's private /tmp: no TCP port to collide with
    anything on the host, and nothing reachable from outside."""

    SOCKET = "/tmp/hearth-llama-server.sock"

    def __init__(self, model_rel, flash_attn="on", ctx=256):
        self.argv = ["llama-server", "-m", model_path(model_rel), "--host", self.SOCKET, *THREADS,
                     "-c", str(ctx), "-np", "1", "-fa", flash_attn, "-s", SEED, "--no-warmup"]
        self.command = shell_command(self.argv, model_rel)
        self.log_path = "/tmp/hearth-llama-server.log"
        self.proc = None

    def __enter__(self):
        if os.path.exists(self.SOCKET):
            os.unlink(self.SOCKET)
        self.log_file = open(self.log_path, "w")
        self.proc = subprocess.Popen(self.argv, stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama-server exited: {self.server_log()[-2000:]}")
            try:
                status, _ = self._request("GET", "/health")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("llama-server did not become ready")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.log_file.close()

    def server_log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def _request(self, method, path, body=None):
        conn = _UnixHTTPConnection(self.SOCKET)
        try:
            data = json.dumps(body).encode() if body is not None else None
            conn.request(method, path, body=data, headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def post(self, path, body):
        status, data = self._request("POST", path, body)
        if status != 200:
            raise RuntimeError(f"POST {path} -> {status}: {data[:500]!r}")
        return json.loads(data)
