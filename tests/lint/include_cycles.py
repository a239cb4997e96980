#!/usr/bin/env python3
"""include_cycles.py - no include circles between modules (the project guide's rule).

A module is a header and the .c files that implement it: X.c belongs to X.h; an internal
header X_int.h or X_backend.h belongs to X; a .c file without a header of its own belongs to the
module of the first local header it includes, by convention its contract (screen_home.c to
screens.h, kiosk_staff.c to kiosk.h), unless it holds main(): a program is a module of its own.
Module A depends on B when a file of A includes B's header. Any cycle in that graph is an
error: the files that close it are printed.

usage: include_cycles.py SRCDIR DIR...   (DIRs relative to SRCDIR, e.g. kiosk core print sync)
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    src, dirs = sys.argv[1], sys.argv[2:]
    files = {}                                    # "dir/name.ext" -> its includes
    programs = set()                              # .c files with main()
    headers = {}                                  # "name.h" -> "dir/name.h" (first dir wins)
    for d in dirs:
        for name in sorted(os.listdir(os.path.join(src, d))):
            if not name.endswith((".c", ".h")):
                continue
            path = f"{d}/{name}"
            with open(os.path.join(src, path), encoding="utf-8") as f:
                text = f.read()
            files[path] = INCLUDE.findall(text)
            if re.search(r"^int\s+main\s*\(", text, re.M):
                programs.add(path)
            if name.endswith(".h"):
                headers.setdefault(name, path)

    def resolve(frm, inc):
        same = f"{os.path.dirname(frm)}/{inc}"
        return same if same in files else headers.get(os.path.basename(inc))

    def header_module(h):
        base = h[:-2]
        for suffix in ("_int", "_backend"):
            if base.endswith(suffix) and base[: -len(suffix)] + ".h" in files:
                return base[: -len(suffix)]
        return base

    def module(path):
        if path.endswith(".h"):
            return header_module(path)
        if path[:-2] + ".h" in files or path in programs:
            return path[:-2]
        for inc in files[path]:
            h = resolve(path, inc)
            if h:
                return header_module(h)
        return path[:-2]

    edges, why = {}, {}
    for path, incs in files.items():
        a = module(path)
        edges.setdefault(a, set())
        for inc in incs:
            h = resolve(path, inc)
            if not h or header_module(h) == a:
                continue
            b = header_module(h)
            edges[a].add(b)
            why.setdefault((a, b), f"{path} includes {inc}")

    # Tarjan's strongly connected components
    index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    for comp in sccs:
        print("include circle between modules " + ", ".join(comp) + ":")
        for a in comp:
            for b in sorted(edges[a]):
                if b in comp:
                    print(f"  {why[(a, b)]}")
    print(f"{len(files)} files, {len(edges)} modules, {len(sccs)} circles")
    return 1 if sccs else 0


if __name__ == "__main__":
    sys.exit(main())
