#!/usr/bin/env bash
# On a machine with a real NVIDIA GPU: runs a small GPU-using task under `pipe run --with-trace` and prints the
# figures pipe measured for it (gpu_util, peak_gpu_mem, %cpu, peak_rss), to check GPU monitoring on such a machine.
# The task loads the GPU for about 10 s with PyTorch or CuPy, whichever Python has; with neither it says so and
# stops. Usage: bench/gpu-check.sh [path/to/pipe]
set -euo pipefail
pipe=${1:-$(cd "$(dirname "$0")/.." && pwd)/dist/bundle/pipe.cjs}
command -v nvidia-smi >/dev/null || { echo "gpu-check: no nvidia-smi on PATH: this needs an NVIDIA GPU" >&2; exit 2; }
nvidia-smi -L
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/load.py" <<'PY'
import time
try:
    import torch
    x = torch.randn(4096, 4096, device="cuda")
    end = time.time() + 10
    while time.time() < end:
        x = (x @ x).clamp_(-1, 1)
    torch.cuda.synchronize()
    print("torch: done on", torch.cuda.get_device_name(0))
except ImportError:
    import cupy
    x = cupy.random.rand(4096, 4096, dtype=cupy.float32)
    end = time.time() + 10
    while time.time() < end:
        x = cupy.clip(x @ x, -1, 1)
    cupy.cuda.Stream.null.synchronize()
    print("cupy: done")
PY
python3 -c 'import importlib.util as u, sys; sys.exit(0 if u.find_spec("torch") or u.find_spec("cupy") else 1)' ||
  { echo "gpu-check: Python has neither torch nor cupy to load the GPU with" >&2; exit 2; }
cat >"$dir/tasks.yaml" <<YAML
tasks:
  - id: gpu-load
    gpus: 1
    command: python3 $dir/load.py
YAML
(cd "$dir" && "$pipe" run tasks.yaml --with-trace trace.txt --quiet)
echo
echo "Figures pipe measured (the task held one GPU for ~10 s; expect gpu_util well above 0 and peak_gpu_mem > 64 MB):"
(cd "$dir" && "$pipe" tasks --fields task,state,realtime,%cpu,peak_rss,gpu_util,peak_gpu_mem)
