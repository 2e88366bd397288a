#!/usr/bin/env node
// Guard: fails when a new import cycle appears in apps/api/src (type-only imports count too:
// they still tie two files' designs together). Cycles that exist today are listed in
// import-cycles.baseline.json; only new ones fail, and a baseline cycle that disappeared is
// named so it can be dropped.
//
//   node scripts/import-cycles.mjs                    check apps/api/src against the baseline
//   node scripts/import-cycles.mjs --update-baseline  rewrite the baseline from today's code
//   node scripts/import-cycles.mjs --root DIR --baseline FILE   (used by the self-test)
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = /\.(ts|tsx|mts|mjs)$/;

function listSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** "./x.js" written in a .ts file names x.ts on disk (NodeNext style); try the plausible files. */
function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base];
  if (base.endsWith(".js")) candidates.push(`${base.slice(0, -3)}.ts`, `${base.slice(0, -3)}.tsx`);
  if (base.endsWith(".mjs")) candidates.push(`${base.slice(0, -4)}.mts`);
  candidates.push(`${base}.ts`, `${base}.tsx`, join(base, "index.ts"));
  return candidates.find((c) => SOURCE.test(c) && existsSync(c)) ?? null;
}

/** Edges file → files it imports (static, type-only, `export … from` and dynamic `import()`). */
export function importGraph(root) {
  const graph = new Map();
  for (const file of listSources(root)) {
    const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = new Set();
    for (const { fileName } of info.importedFiles) {
      const target = resolveSpecifier(file, fileName);
      if (target && target !== file) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan, iterative). */
export function cyclicGroups(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const groups = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work = [[start, [...(graph.get(start) ?? [])], 0]];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, targets] = frame;
      if (frame[2] < targets.length) {
        const target = targets[frame[2]++];
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push([target, [...graph.get(target)], 0]);
        } else if (onStack.has(target)) {
          low.set(node, Math.min(low.get(node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const group = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          group.push(member);
        } while (member !== node);
        if (group.length > 1) groups.push(group.sort());
      }
    }
  }
  return groups;
}

/** Shortest import chain from `from` to `to` inside one group (breadth first). */
function shortestChain(graph, group, from, to) {
  const inGroup = new Set(group);
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift();
    if (node === to) break;
    for (const target of graph.get(node) ?? []) {
      if (inGroup.has(target) && !previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  const chain = [];
  for (let node = to; node !== null && node !== undefined; node = previous.get(node)) {
    chain.unshift(node);
  }
  return chain;
}

/**
 * Every import edge that lies on a cycle, as "a -> b" (paths relative to `base`). A cycle is
 * new exactly when one of its edges is not in the baseline: a cycle made only of old edges
 * existed already.
 */
export function analyse(root, base = REPO) {
  const graph = importGraph(root);
  const rel = (f) => relative(base, f).split("\\").join("/");
  const groups = cyclicGroups(graph).map((group) => {
    const members = new Set(group);
    const edges = [];
    for (const file of group) {
      for (const target of graph.get(file)) {
        if (members.has(target)) edges.push({ from: file, to: target });
      }
    }
    return { group, edges };
  });
  return {
    graph,
    groups,
    rel,
    edgeKey: (e) => `${rel(e.from)} -> ${rel(e.to)}`,
    chain: (group, e) => [e.from, ...shortestChain(graph, group, e.to, e.from)].map(rel),
  };
}

function baselineOf(result) {
  return {
    note: "Import cycles in apps/api/src that existed when this guard was added. Only new ones fail CI; remove lines as cycles disappear (node scripts/import-cycles.mjs --update-baseline).",
    groups: result.groups.map(({ group, edges }) => ({
      files: group.map(result.rel),
      edges: edges.map(result.edgeKey).sort(),
    })),
  };
}

export function check({ root, baselineFile, update = false, base = REPO }) {
  const result = analyse(root, base);
  if (update) {
    writeFileSync(baselineFile, `${JSON.stringify(baselineOf(result), null, 2)}\n`);
    return { ok: true, lines: [summary(result, "baseline rewritten")] };
  }
  const baseline = existsSync(baselineFile)
    ? JSON.parse(readFileSync(baselineFile, "utf8"))
    : { groups: [] };
  const known = new Set(baseline.groups.flatMap((g) => g.edges));
  const current = new Set();
  const lines = [];
  for (const { group, edges } of result.groups) {
    for (const edge of edges) {
      const key = result.edgeKey(edge);
      current.add(key);
      if (!known.has(key)) {
        lines.push(`new import cycle: ${result.chain(group, edge).join(" → ")}`);
      }
    }
  }
  const gone = [...known].filter((k) => !current.has(k));
  const ok = lines.length === 0;
  for (const key of gone) {
    lines.push(
      `baseline cycle edge gone: ${key} (no longer on a cycle; remove it from ${relative(base, baselineFile)})`,
    );
  }
  if (ok) lines.push(summary(result, `none new (baseline: ${known.size} edges)`));
  return { ok, lines };
}

function summary(result, tail) {
  const files = result.groups.reduce((n, g) => n + g.group.length, 0);
  const sizes = result.groups.map((g) => g.group.length).join(", ");
  return `import cycles: ${result.groups.length} cyclic groups (${files} files${sizes ? `: ${sizes}` : ""}) in ${result.graph.size} files; ${tail}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? resolve(args[i + 1]) : fallback;
  };
  const { ok, lines } = check({
    root: option("--root", join(REPO, "apps/api/src")),
    baselineFile: option("--baseline", join(REPO, "scripts/import-cycles.baseline.json")),
    update: args.includes("--update-baseline"),
  });
  for (const line of lines) console.log(line);
  process.exit(ok ? 0 : 1);
}
