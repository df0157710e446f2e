"""What this process may use: cores and memory, inside a container's limits too.

A container started with `docker run --cpus 2 --memory 1200m` on a bigger host sees the
host's cores in `os.sched_getaffinity` and the host's free memory in `/proc/meminfo`;
its limits are in the process's control groups (cgroups). `propscope batch --processes
auto` started a worker per core it saw, each loading the models (about 0.7 GB): in a
1.2 GB group two workers wrote 16 of 64 articles in ten minutes, the group reclaiming
pages without end (docs/batch.md, session 55). Both functions read the limits:

    available_cores()    # the CPUs it may run on, no more than a CPU quota allows
    available_memory()   # MemAvailable, no more than a memory limit leaves

Both cgroup versions are read: v2 (one hierarchy, `cpu.max`, `memory.max`) and v1 (a
hierarchy per controller, `cpu.cfs_quota_us`, `memory.limit_in_bytes`). A limit set on a
parent group binds its children, so the process's group and every group above it count.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["available_cores", "available_memory", "cpu_quota", "memory_left", "quota_threads"]

CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")
PROC_MEMINFO = Path("/proc/meminfo")

# v1 writes "no limit" as the largest page-aligned signed 64-bit number.
_NO_LIMIT = 2**62


def _read(path: Path) -> str | None:
    try:
        # A group's name may hold any byte: read as the file system names it.
        return path.read_bytes().decode("utf-8", "surrogateescape").strip()
    except OSError:
        return None


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a folder this process may not enter
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


# Where v1 mounts a controller, alone or joined ("cpu,cpuacct" without a "cpu" link), and
# where a hybrid system mounts v2 beside v1.
_V1_FOLDERS = {"cpu": ("cpu", "cpu,cpuacct", "cpuacct,cpu"), "memory": ("memory",)}
_V2_FOLDERS = ("", "unified")


def _memberships(proc: Path) -> dict[str, str]:
    """The process's group in each hierarchy: {"": path} for v2, {controller: path} for
    v1 ("4:memory:/docker/abc" gives {"memory": "/docker/abc"})."""
    text = _read(proc)
    groups: dict[str, str] = {}
    for line in (text or "").splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        for controller in parts[1].split(","):
            groups[controller] = parts[2]
    return groups


def _directories(root: Path, proc: Path, controller: str) -> Iterator[Path]:
    """The folders of the process's group and of every group above it that exist here,
    in v2's hierarchy and in v1's hierarchy of `controller`. Inside a container the
    mount is often the container's own group, whose path in /proc is the host's: the
    mount's root is always tried too."""
    groups = _memberships(proc)
    hierarchies: list[tuple[Path, str | None]] = []
    if "" in groups:
        hierarchies += [(root / name, groups[""]) for name in _V2_FOLDERS]
    hierarchies += [(root / name, groups.get(controller)) for name in _V1_FOLDERS[controller]]
    seen: set[Path] = set()
    for base, group in hierarchies:
        if not _is_dir(base):
            continue
        paths = [base]
        if group and ".." not in group.split("/"):  # a path outside the namespace
            folder = base / group.lstrip("/")
            while folder != base and base in folder.parents:
                paths.append(folder)
                folder = folder.parent
        for path in paths:
            if path not in seen and _is_dir(path):
                seen.add(path)
                yield path


def cpu_quota(root: Path = CGROUP_ROOT, proc: Path = PROC_CGROUP) -> int | None:
    """Whole cores the tightest CPU quota over the process's groups allows (rounded
    up: 1.5 cores is 2), or None where no quota is set or none can be read."""
    quotas: list[float] = []
    for folder in _directories(root, proc, "cpu"):
        v2 = _read(folder / "cpu.max")
        if v2 is not None:
            fields = v2.split()
            if len(fields) == 2 and fields[0] != "max":
                quotas.append(_ratio(fields[0], fields[1]))
            continue
        quota, period = _read(folder / "cpu.cfs_quota_us"), _read(folder / "cpu.cfs_period_us")
        if quota is not None and period is not None:
            quotas.append(_ratio(quota, period))  # -1, no quota, gives a negative ratio
    quotas = [q for q in quotas if q > 0]
    return max(1, math.ceil(min(quotas))) if quotas else None


def _ratio(quota: str, period: str) -> float:
    try:
        return int(quota) / int(period)
    except (ValueError, ZeroDivisionError):
        return 0.0


def memory_left(root: Path = CGROUP_ROOT, proc: Path = PROC_CGROUP) -> int | None:
    """Bytes the tightest memory limit over the process's groups still leaves: the limit
    less what the group uses, not counting the file cache the kernel gives back under
    pressure (as `docker stats` counts). None where no limit is set or none can be read."""
    left: list[int] = []
    for folder in _directories(root, proc, "memory"):
        if _exists(folder / "memory.max"):  # v2
            limit, used = _read(folder / "memory.max"), _read(folder / "memory.current")
            cache_key = "inactive_file"
        else:  # v1
            limit = _read(folder / "memory.limit_in_bytes")
            used = _read(folder / "memory.usage_in_bytes")
            cache_key = "total_inactive_file"
        if limit is None or not limit.isdigit() or int(limit) >= _NO_LIMIT:
            continue
        in_use = int(used) if used is not None and used.isdigit() else 0
        in_use -= min(in_use, _stat(folder / "memory.stat", cache_key))
        left.append(max(0, int(limit) - in_use))
    return min(left) if left else None


def _stat(path: Path, key: str) -> int:
    for line in (_read(path) or "").splitlines():
        name, _, value = line.partition(" ")
        if name == key and value.strip().isdigit():
            return int(value)
    return 0


def _affinity() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def available_cores() -> int:
    """The cores this process may run on, no more than its CPU quota allows."""
    cores = _affinity()
    quota = cpu_quota()
    return max(1, min(cores, quota)) if quota is not None else cores


def quota_threads() -> int | None:
    """The threads a thread pool should start where a CPU quota allows fewer cores than
    the process may run on (a container's `--cpus`), else None (the library's own
    choice, one per core)."""
    quota = cpu_quota()
    return quota if quota is not None and quota < _affinity() else None


def available_memory(meminfo: Path | None = None) -> int | None:
    """Bytes new processes can still be given: Linux's MemAvailable, no more than a
    memory limit leaves; None where neither can be read."""
    free: int | None = None
    for line in (_read(meminfo or PROC_MEMINFO) or "").splitlines():
        if line.startswith("MemAvailable:"):
            fields = line.split()
            if len(fields) >= 2 and fields[1].isdigit():
                free = int(fields[1]) * 1024
            break
    limit = memory_left()
    if limit is None:
        return free
    return limit if free is None else min(free, limit)
