#!/usr/bin/env python3
"""Which threads had the CPU when a search service slowed down (docs/benchmarks.md, ninth round).

Usage, with the service under load (e.g. a ./bacmr bench retrieval-compare round):
    python3 schedstat-windows.py PID [SECONDS=15] [WINDOW_MS=50]

Reads /proc/PID/task/*/schedstat (nanoseconds on a CPU and waiting for one) of the service's threads, grouped as
search threads, event loops, GC, JIT and the rest, plus any running wrk, every 5 ms. Then, over sliding windows of
WINDOW_MS (about the time the searches queued ahead of one take), prints each group's CPU and run-queue wait as a
percentage of one core: on average, in the windows where the search threads got least, and split by whether a GC or
JIT thread ran in the window.
"""
import bisect
import os
import sys
import time

GROUPS = ['search', 'eventloop', 'gc', 'jit', 'other', 'wrk']


def group(name):
    if name.startswith('bacmr-search'):
        return 'search'
    if name.startswith('vert.x-eventloo'):
        return 'eventloop'
    if 'GC' in name or name.startswith('G1'):
        return 'gc'
    if name.startswith(('C1', 'C2')):
        return 'jit'
    return 'other'


def open_tasks(pid, classify):
    fds = []
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            name = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
            fds.append((classify(name), os.open(f'/proc/{pid}/task/{tid}/schedstat', os.O_RDONLY)))
        except OSError:
            pass
    return fds


def sample(pid, seconds):
    fds = open_tasks(pid, group)
    for p in filter(str.isdigit, os.listdir('/proc')):
        try:
            if open(f'/proc/{p}/comm').read().strip() == 'wrk':
                fds += open_tasks(p, lambda name: 'wrk')
        except OSError:
            pass
    rows, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        row = {g: [0, 0] for g in GROUPS}
        for g, fd in fds:
            try:
                run, wait = os.pread(fd, 100, 0).split()[:2]
                row[g][0] += int(run)
                row[g][1] += int(wait)
            except OSError:
                pass
        rows.append((time.monotonic_ns(), [v for g in GROUPS for v in row[g]]))
        time.sleep(0.005)
    return rows


def windows(rows, width_ns):
    times = [t for t, _ in rows]
    for i, (t, start) in enumerate(rows):
        j = bisect.bisect_left(times, t + width_ns)
        if j >= len(rows):
            break
        dt = rows[j][0] - t
        yield [(b - a) / dt for a, b in zip(start, rows[j][1])]


def show(label, selected):
    if not selected:
        return
    mean = [sum(w[k] for w in selected) / len(selected) for k in range(2 * len(GROUPS))]
    print(f'{label:<28} ' + ' '.join(f'{g} {100 * mean[2 * i]:5.1f}/{100 * mean[2 * i + 1]:5.1f}'
                                      for i, g in enumerate(GROUPS)))


def main():
    pid = int(sys.argv[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 15
    width = int(float(sys.argv[3]) * 1e6) if len(sys.argv) > 3 else 50_000_000
    all_windows = list(windows(sample(pid, seconds), width))
    n = len(all_windows)
    by_search = sorted(all_windows, key=lambda w: w[0])
    print(f'{n} windows of {width / 1e6:.0f} ms; per group: CPU / run-queue wait, % of one core')
    show('all', all_windows)
    show('search threads least 1 %', by_search[:max(1, n // 100)])
    show('search threads least 5 %', by_search[:max(1, n // 20)])
    show('median band', by_search[n * 45 // 100:n * 55 // 100])
    gc, jit = 2 * GROUPS.index('gc'), 2 * GROUPS.index('jit')
    for label, selected in (('neither GC nor JIT', [w for w in all_windows if w[gc] < 0.005 and w[jit] < 0.005]),
                            ('a GC pause', [w for w in all_windows if w[gc] >= 0.005]),
                            ('JIT, no GC', [w for w in all_windows if w[jit] >= 0.005 and w[gc] < 0.005])):
        search = sorted(w[0] for w in selected)
        if search:
            m = len(search)
            print(f'windows with {label}: {m}, search threads p1 {100 * search[m // 100]:.1f} '
                  f'p5 {100 * search[m // 20]:.1f} median {100 * search[m // 2]:.1f} % of a core')


if __name__ == '__main__':
    main()
