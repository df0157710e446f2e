"""Cores and memory inside a container's limits, read from hand-made cgroup trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from propscope import resources
from propscope.resources import cpu_quota, memory_left

GB = 2**30


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="ascii")


def _tree(tmp_path: Path, membership: str, files: dict[str, str]) -> tuple[Path, Path]:
    root = tmp_path / "cgroup"
    root.mkdir()
    _write(root, files)
    proc = tmp_path / "proc_cgroup"
    proc.write_text(membership, encoding="ascii")
    return root, proc


def test_v2_quota_and_memory_of_the_processs_group(tmp_path):
    root, proc = _tree(
        tmp_path,
        "0::/system.slice/docker-abc.scope\n",
        {
            "cgroup.controllers": "cpu memory",
            "system.slice/docker-abc.scope/cpu.max": "150000 100000",
            "system.slice/docker-abc.scope/memory.max": str(4 * GB),
            "system.slice/docker-abc.scope/memory.current": str(3 * GB),
            "system.slice/docker-abc.scope/memory.stat": f"anon 1\ninactive_file {GB}\n",
        },
    )
    assert cpu_quota(root, proc) == 2  # 1.5 cores, rounded up
    assert memory_left(root, proc) == 2 * GB  # 4 GB less 3 GB used, 1 GB of it cache


def test_v2_a_parents_limit_binds_its_children(tmp_path):
    root, proc = _tree(
        tmp_path,
        "0::/kubepods/pod1/box\n",
        {
            "kubepods/pod1/cpu.max": "100000 100000",
            "kubepods/pod1/memory.max": str(GB),
            "kubepods/pod1/memory.current": "0",
            "kubepods/pod1/box/cpu.max": "max 100000",
            "kubepods/pod1/box/memory.max": "max",
        },
    )
    assert cpu_quota(root, proc) == 1
    assert memory_left(root, proc) == GB


def test_v2_inside_a_container_the_mount_is_its_own_group(tmp_path):
    # The path in /proc is the host's; the mount's root holds the container's limits.
    root, proc = _tree(
        tmp_path,
        "0::/../../system.slice/docker-abc.scope\n",
        {"cpu.max": "300000 100000", "memory.max": str(2 * GB), "memory.current": str(GB)},
    )
    assert cpu_quota(root, proc) == 3
    assert memory_left(root, proc) == GB


def test_v1_hierarchies_per_controller(tmp_path):
    root, proc = _tree(
        tmp_path,
        "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n",
        {
            "cpu/docker/abc/cpu.cfs_quota_us": "200000",
            "cpu/docker/abc/cpu.cfs_period_us": "100000",
            "memory/docker/abc/memory.limit_in_bytes": str(8 * GB),
            "memory/docker/abc/memory.usage_in_bytes": str(5 * GB),
            "memory/docker/abc/memory.stat": f"cache 9\ntotal_inactive_file {GB}\n",
        },
    )
    assert cpu_quota(root, proc) == 2
    assert memory_left(root, proc) == 4 * GB


def test_no_limit_reads_as_none(tmp_path):
    root, proc = _tree(
        tmp_path,
        "4:memory:/\n3:cpu,cpuacct:/\n0::/\n",
        {
            "cpu/cpu.cfs_quota_us": "-1",
            "cpu/cpu.cfs_period_us": "100000",
            "memory/memory.limit_in_bytes": "9223372036854771712",
            "memory/memory.usage_in_bytes": str(3 * GB),
        },
    )
    assert cpu_quota(root, proc) is None
    assert memory_left(root, proc) is None


def test_nothing_readable_reads_as_none(tmp_path):
    root, proc = _tree(
        tmp_path,
        "not a cgroup line\n",
        {"cpu.max": "garbage", "memory.max": "lots", "memory.current": "some"},
    )
    assert cpu_quota(root, proc) is None
    assert memory_left(root, proc) is None
    missing = tmp_path / "nowhere"
    assert cpu_quota(missing, missing) is None
    assert memory_left(missing, missing) is None


def test_used_beyond_the_limit_leaves_nothing(tmp_path):
    root, proc = _tree(tmp_path, "0::/\n", {"memory.max": str(GB), "memory.current": str(2 * GB)})
    assert memory_left(root, proc) == 0


def test_a_quota_caps_cores_threads_and_memory(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "_affinity", lambda: 64)
    monkeypatch.setattr(resources, "cpu_quota", lambda: 2)
    monkeypatch.setattr(resources, "memory_left", lambda: 3 * GB)
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal: 1 kB\nMemAvailable:   104857600 kB\n", encoding="ascii")
    assert resources.available_cores() == 2
    assert resources.quota_threads() == 2
    assert resources.available_memory(meminfo) == 3 * GB  # not the host's 100 GB
    monkeypatch.setattr(resources, "memory_left", lambda: None)
    assert resources.available_memory(meminfo) == 100 * GB
    monkeypatch.setattr(resources, "cpu_quota", lambda: None)
    assert resources.available_cores() == 64
    assert resources.quota_threads() is None  # onnxruntime's own choice
    monkeypatch.setattr(resources, "cpu_quota", lambda: 128)
    assert resources.available_cores() == 64
    assert resources.quota_threads() is None


def test_auto_processes_in_a_small_container_on_a_big_host(monkeypatch):
    from propscope.batch import engines

    monkeypatch.setattr(resources, "_affinity", lambda: 64)
    monkeypatch.setattr(resources, "cpu_quota", lambda: 4)
    monkeypatch.setattr(resources, "memory_left", lambda: int(2.5 * GB))
    monkeypatch.setattr(resources, "PROC_MEMINFO", Path("/nonexistent"))
    assert engines.available_cores() == 4
    assert engines.auto_processes(100_000) == 3  # the memory limit holds three workers


@pytest.mark.parametrize("env, expected", [("", 2), ("3", 3), ("0", 2)])
def test_sessions_take_the_quota_unless_told(monkeypatch, env, expected):
    from propscope.models.sessions import THREADS_ENV, session_threads

    monkeypatch.setattr(resources, "_affinity", lambda: 64)
    monkeypatch.setattr(resources, "cpu_quota", lambda: 2)
    monkeypatch.setenv(THREADS_ENV, env)
    assert session_threads() == expected
    assert session_threads(5) == 5


def test_the_tightest_limit_over_the_group_and_its_parents(tmp_path):
    root, proc = _tree(
        tmp_path,
        "0::/outer/inner\n",
        {
            "outer/cpu.max": "400000 100000",
            "outer/memory.max": str(8 * GB),
            "outer/memory.current": str(7 * GB),  # 1 GB left here
            "outer/inner/cpu.max": "200000 100000",
            "outer/inner/memory.max": str(4 * GB),
            "outer/inner/memory.current": "0",  # 4 GB left here
        },
    )
    assert cpu_quota(root, proc) == 2
    assert memory_left(root, proc) == GB


def test_a_path_outside_the_namespace_reads_only_the_mount(tmp_path):
    # "0::/../x" must not walk out of the cgroup mount into the folders above it.
    root, proc = _tree(tmp_path, "0::/../outside\n", {"memory.max": str(2 * GB)})
    (tmp_path / "memory.max").write_text(str(GB), encoding="ascii")
    (tmp_path / "memory.current").write_text("0", encoding="ascii")
    assert memory_left(root, proc) == 2 * GB


def test_cache_counts_no_more_than_what_is_used(tmp_path):
    root, proc = _tree(
        tmp_path,
        "0::/\n",
        {
            "memory.max": str(4 * GB),
            "memory.current": str(GB),
            "memory.stat": f"inactive_file {3 * GB}\n",  # the two are read apart
        },
    )
    assert memory_left(root, proc) == 4 * GB


def test_hybrid_and_joined_mounts(tmp_path):
    # v2 beside v1 at "unified" (a controller moved there), and v1's "cpu,cpuacct"
    # without the "cpu" link.
    root, proc = _tree(
        tmp_path,
        "3:cpu,cpuacct:/docker/abc\n0::/user.slice/a.scope\n",
        {
            "unified/user.slice/a.scope/memory.max": str(GB),
            "unified/user.slice/a.scope/memory.current": "0",
            "cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "50000",
            "cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000",
        },
    )
    assert cpu_quota(root, proc) == 1
    assert memory_left(root, proc) == GB


def test_a_groups_name_in_any_bytes(tmp_path):
    root = tmp_path / "cgroup"
    folder = root / "caf\u00e9" / "box"
    folder.mkdir(parents=True)
    (folder / "cpu.max").write_text("300000 100000", encoding="ascii")
    proc = tmp_path / "proc_cgroup"
    proc.write_bytes("0::/caf\u00e9/box\n".encode())
    assert cpu_quota(root, proc) == 3


def test_a_folder_it_may_not_enter_reads_as_no_limit(tmp_path, monkeypatch):
    root, proc = _tree(
        tmp_path, "0::/locked/box\n", {"locked/box/cpu.max": "100000 100000", "memory.max": "max"}
    )
    real = Path.is_dir

    def is_dir(self):  # root ignores permissions: refuse the way the kernel would
        if "locked" in self.parts:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    assert cpu_quota(root, proc) is None
    assert memory_left(root, proc) is None


def test_a_quota_that_is_no_number(tmp_path):
    root, proc = _tree(
        tmp_path,
        "3:cpu:/\n",
        {"cpu/cpu.cfs_quota_us": "--5", "cpu/cpu.cfs_period_us": "100000"},
    )
    assert cpu_quota(root, proc) is None
