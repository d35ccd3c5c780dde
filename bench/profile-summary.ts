import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time, and the
 * repository's own functions with the most total time (self and callees), so docs/performance.md can say why.
 * Usage: node bin/run-ts.js bench/profile-summary.ts FILE.cpuprofile [TOP] [FOCUS]
 * FOCUS: only the samples with a frame of that function name on their stack (e.g. rebuildProjection).
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, focus] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: node bin/run-ts.js bench/profile-summary.ts FILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const inFocus = (id: number): boolean => {
  if (focus === undefined) return true;
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)?.callFrame.functionName === focus) return true;
  return false;
};
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (inFocus(id)) selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);

const root = path.resolve(__dirname, '..');
const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace('file://', '').replace(`${root}/`, '');
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
};

const selfByLabel = new Map<string, number>();
const totalByLabel = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + ms);
  // inclusive time: each frame on the sample's stack once
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at);
    if (!frame) break;
    const name = label(frame);
    if (seen.has(name)) continue;
    seen.add(name);
    totalByLabel.set(name, (totalByLabel.get(name) ?? 0) + ms);
  }
}

const share = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
const print = (title: string, entries: [string, number][]) => {
  process.stdout.write(`${title}\n`);
  for (const [name, ms] of entries.slice(0, top)) process.stdout.write(`  ${share(ms)}  ${Math.round(ms).toString().padStart(7)} ms  ${name}\n`);
};
process.stdout.write(`${path.basename(file)}${focus === undefined ? '' : ` under ${focus}`}: ${Math.round(totalMs)} ms sampled\n`);
print('self time', [...selfByLabel.entries()].sort((a, b) => b[1] - a[1]));
print(
  'total time, repository code',
  [...totalByLabel.entries()].filter(([name]) => /(libs|apps|bench)\//.test(name) && !name.includes('node_modules')).sort((a, b) => b[1] - a[1]),
);
