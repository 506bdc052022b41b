"""Run a command as a subprocess and measure it: wall time, CPU time, peak memory.

- wall: `time.perf_counter()` from just before the process starts until it is reaped.
- CPU: user + system time from `os.wait4`, which on Linux covers the child and every
  descendant it waited for (Pagefind processes, forked render workers).
- peak MB: the largest sum of the proportional set sizes (PSS) of the whole process tree,
  sampled with psutil every 100 ms. PSS splits a page shared by several processes (forked
  workers, libraries) among them, so the sum is the memory the tree really holds; a sum of
  RSS would count such pages once per process. A command too short to be sampled gets the
  largest single process's `ru_maxrss` (exact, from `os.wait4`) instead.
- others' CPU: CPU time the whole machine spent, meanwhile, outside the measured process
  tree (system-wide busy time from /proc/stat minus the command's own CPU time). Other
  programs running at the same time slow a measurement down; this shows when they did.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import psutil

# Reading a process's PSS costs about 3 ms (/proc/<pid>/smaps_rollup): sampling more often
# would take a noticeable share of a 2-core machine away from the measured command.
SAMPLE_INTERVAL = 0.1


@dataclass(frozen=True)
class Usage:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and its reaped descendants
    peak_mb: float  # whole process tree, see the module docstring
    max_process_mb: float  # the largest single process (ru_maxrss)
    others_cpu: float = 0.0  # seconds of CPU used by other processes meanwhile

    def __add__(self, other: Usage) -> Usage:
        """Two commands run one after the other: times add up, peaks do not."""
        return Usage(
            self.wall + other.wall,
            self.cpu + other.cpu,
            max(self.peak_mb, other.peak_mb),
            max(self.max_process_mb, other.max_process_mb),
            self.others_cpu + other.others_cpu,
        )


class CommandFailed(Exception):
    pass


class MemoryLimitExceeded(CommandFailed):
    """The process tree went over the memory limit and was killed."""


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores)."""
    times = psutil.cpu_times()
    # guest time is already part of user time in /proc/stat; idle and iowait are not busy.
    not_busy = ("idle", "iowait", "guest", "guest_nice")
    return sum(times) - sum(getattr(times, name, 0.0) for name in not_busy)


def _memory(process: psutil.Process) -> int:
    try:
        return process.memory_full_info().pss
    except (psutil.AccessDenied, AttributeError):  # no smaps: fall back to RSS
        return process.memory_info().rss


class _TreeSampler(threading.Thread):
    """Polls the summed memory of a process and all its descendants.

    `timeline` collects (time.time(), bytes) samples, for peaks within a time window.
    """

    def __init__(self, pid: int, limit_bytes: float | None, timeline: list | None) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.limit_bytes = limit_bytes
        self.exceeded = False
        self.timeline = timeline
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(SAMPLE_INTERVAL)

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        total = 0
        for process in processes:
            try:
                total += _memory(process)
            except psutil.Error:  # exited between listing and reading
                pass
        self.peak = max(self.peak, total)
        if self.timeline is not None:
            self.timeline.append((time.time(), total))
        if self.limit_bytes is not None and total > self.limit_bytes and not self.exceeded:
            # The machine may be shared: stop this tree (and only it) before memory runs out.
            self.exceeded = True
            for process in reversed(processes):
                try:
                    process.kill()
                except psutil.Error:
                    pass

    def stop(self) -> None:
        self._done.set()
        self.join()


def run_measured(
    command: list[str],
    *,
    cwd: Path,
    log: Path,
    env: Mapping[str, str] | None = None,
    limit_mb: float | None = None,
    timeline: list[tuple[float, int]] | None = None,
) -> tuple[Usage, str]:
    """Run `command` to completion; return its usage and its output (stdout + stderr).

    Memory samples are appended to `timeline` when given. Raises CommandFailed (with the
    output's tail) when the command exits with a non-zero status, and MemoryLimitExceeded
    when the tree's memory went over `limit_mb` and it was killed.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        busy_before = _busy_seconds()
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
            env=None if env is None else dict(env),
        )  # fmt: skip
        limit = None if limit_mb is None else limit_mb * 2**20
        sampler = _TreeSampler(process.pid, limit, timeline)
        sampler.start()
        # wait4, not Popen.wait: it also returns the resource usage of the reaped child.
        _, status, rusage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        busy = _busy_seconds() - busy_before
        sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)  # already reaped
    output = log.read_text(encoding="utf-8", errors="replace")
    if sampler.exceeded:
        raise MemoryLimitExceeded(
            f"{log.stem} killed after {wall:.0f} s: its process tree went over "
            f"the memory limit of {limit_mb:,.0f} MB"
        )
    if process.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise CommandFailed(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
    max_process_mb = rusage.ru_maxrss / 1024  # KiB on Linux
    cpu = rusage.ru_utime + rusage.ru_stime
    usage = Usage(
        wall=wall,
        cpu=cpu,
        peak_mb=sampler.peak / 2**20 if sampler.peak else max_process_mb,
        max_process_mb=max_process_mb,
        others_cpu=max(0.0, busy - cpu),  # includes the sampler's own small share
    )
    return usage, output
