/** Formatting for evidence: durations, offsets and counts as a technician reads them. */

/** 18120000 → "5 h 02 min"; 95000 → "1 min 35 s"; 850 → "0.85 s". */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${(abs / 1000).toFixed(2)} s`;
  const totalSeconds = Math.round(abs / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  return `${seconds} s`;
}

/** Offset of a remote clock relative to ours: "5 h 02 min ahead" / "3 h 00 min behind". */
export function formatOffset(offsetMs: number): string {
  if (Math.abs(offsetMs) < 1000) return `within ${formatDuration(Math.max(Math.abs(offsetMs), 1))} of this computer`;
  return `${formatDuration(offsetMs)} ${offsetMs > 0 ? 'ahead of' : 'behind'} this computer`;
}

/** Minutes as days when large: 259200 → "180 days". */
export function formatMinutes(minutes: number): string {
  if (minutes >= 2 * 1440) return `${Math.floor(minutes / 1440)} days`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)} hours`;
  return `${minutes} minutes`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The heading above the findings. "No problems found" only when there is a verdict and every
 * check ran; otherwise it says what the absence of findings is worth.
 */
export function findingsHeading(d: { verdict: { kind: string }; findings: ReadonlyArray<{ severity: string }>; notChecked: readonly unknown[] }): string {
  if (d.findings.some((f) => f.severity !== 'info')) return 'What is wrong, most likely cause first';
  if (d.verdict.kind === 'cannot-tell') return d.notChecked.length > 0 ? 'No conclusion: too little could be checked' : 'No conclusion';
  if (d.notChecked.length > 0) return `No problems found in what could be checked (${plural(d.notChecked.length, 'check')} could not run)`;
  return 'No problems found';
}
