// Turns per-round results into the medians table and the PASS/FAIL lines of the SDK benchmark.
import type { RoundResult } from './client-child.js';
import type { ClientKind } from './clients.js';
import { median } from './stats.js';

export interface Summary {
  kind: ClientKind;
  rounds: number;
  rps: number;
  /** Slowest and fastest round: how much the machine's other work moved the figure. */
  rpsRange: [number, number];
  cpuUsPerRequest: number;
  p50Ms: number;
  p99Ms: number;
  peakRssMb: number;
  errors: number;
  firstError?: string;
}

export const LABELS: Readonly<Record<ClientKind, string>> = {
  'alisms-v3': 'alisms SmsClient (V3)',
  'alisms-v1': 'alisms SmsClient (v1)',
  'alisms-fetch': 'alisms SmsClient (V3, fetch)',
  official: '@alicloud/dysmsapi20170525 (V3)',
  'pop-core': '@alicloud/pop-core (v1)',
  'raw-http': 'raw node:http (ceiling)',
  'raw-undici': 'raw undici request (ceiling)',
};

/** Medians over the rounds of one client; errors are summed. */
export function summarise(kind: ClientKind, rounds: readonly RoundResult[]): Summary {
  const pick = (f: (r: RoundResult) => number): number => median(rounds.map(f));
  const firstError = rounds.find((r) => r.firstError)?.firstError;
  return {
    kind,
    rounds: rounds.length,
    rps: pick((r) => r.rps),
    rpsRange: [Math.min(...rounds.map((r) => r.rps)), Math.max(...rounds.map((r) => r.rps))],
    cpuUsPerRequest: pick((r) => r.cpuUsPerRequest),
    p50Ms: pick((r) => r.p50Ms),
    p99Ms: pick((r) => r.p99Ms),
    peakRssMb: pick((r) => r.peakRssMb),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    ...(firstError === undefined ? {} : { firstError }),
  };
}

function cell(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** A fixed-width table, one row per client. */
export function formatTable(summaries: readonly Summary[]): string {
  const head = ['client', 'req/s', 'range', 'CPU µs/req', 'p50 ms', 'p99 ms', 'peak RSS MB', 'errors'];
  const rows = summaries.map((s) => [
    LABELS[s.kind],
    cell(s.rps),
    `${cell(s.rpsRange[0])}–${cell(s.rpsRange[1])}`,
    cell(s.cpuUsPerRequest),
    cell(s.p50Ms, 2),
    cell(s.p99Ms, 2),
    cell(s.peakRssMb, 1),
    String(s.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Medians of `import()` in fresh processes: wall clock (the target) and CPU (steadier on a busy machine). */
export interface ImportTimes {
  alisms: number;
  official: number;
  alismsCpu: number;
  officialCpu: number;
}

export interface TargetCheck {
  name: string;
  pass: boolean;
  detail: string;
  /** Printed for information only: not a target any more, so `--check` ignores it. */
  info?: boolean;
}

/** The targets alisms is held to, each for V3 and v1 where both were measured. */
export function checkTargets(summaries: readonly Summary[], importMs: ImportTimes | undefined): TargetCheck[] {
  const by = (kind: ClientKind): Summary | undefined => summaries.find((s) => s.kind === kind && s.errors === 0);
  const official = by('official');
  const rawHttp = by('raw-http');
  const checks: TargetCheck[] = [];
  for (const kind of ['alisms-v3', 'alisms-v1'] as const) {
    const ours = by(kind);
    if (!ours) {
      checks.push({ name: `${LABELS[kind]} measured without errors`, pass: false, detail: 'no clean result' });
      continue;
    }
    if (official) {
      const ratio = ours.rps / official.rps;
      checks.push({ name: `${kind} req/s ≥ 2.5× official`, pass: ratio >= 2.5, detail: `${ratio.toFixed(2)}×` });
      const cpu = ours.cpuUsPerRequest / official.cpuUsPerRequest;
      checks.push({ name: `${kind} CPU/request ≤ 0.4× official`, pass: cpu <= 0.4, detail: `${cpu.toFixed(2)}×` });
    }
    if (rawHttp) {
      const share = ours.rps / rawHttp.rps;
      // The SDK issue's first target (80%) was set when the default transport was a hand-written socket
      // client cheaper than node:http; the node:http default replaced it with the ratios to the official SDK.
      checks.push({
        name: `${kind} req/s as a share of raw node:http (was ≥ 80% with the retired socket transport)`,
        pass: share >= 0.8,
        detail: `${(share * 100).toFixed(0)}%`,
        info: true,
      });
    }
    checks.push({
      name: `${kind} peak RSS < 100 MB`,
      pass: ours.peakRssMb < 100,
      detail: `${ours.peakRssMb.toFixed(1)} MB`,
    });
  }
  if (importMs) {
    const ratio = importMs.alisms / importMs.official;
    checks.push({
      name: 'import time < 1/10 of official',
      pass: ratio < 0.1,
      detail: `${importMs.alisms.toFixed(1)} ms vs ${importMs.official.toFixed(1)} ms (${(ratio * 100).toFixed(1)}%)`,
    });
  }
  return checks;
}
