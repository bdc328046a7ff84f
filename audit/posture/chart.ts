/**
 * The trend as inline SVG (no script, no network): failing and passing checks over the saved runs, one polyline each,
 * with the values as text so the chart reads without colour and in print.
 */
import type { TrendPoint } from "./model";
import { escapeHtml } from "./escape";

export function trendSvg(points: readonly TrendPoint[], options: { width: number; height: number; label: string }): string {
  const { width, height } = options;
  const pad = 24;
  const max = Math.max(1, ...points.map((p) => Math.max(p.fail, p.pass)));
  const x = (i: number) => (points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => height - pad - (v * (height - 2 * pad)) / max;
  const line = (pick: (p: TrendPoint) => number) => points.map((p, i) => `${x(i).toFixed(1)},${y(pick(p)).toFixed(1)}`).join(" ");
  const last = points[points.length - 1];
  const first = points[0];
  const title = `${options.label}: failing ${first.fail} → ${last.fail}, passing ${first.pass} → ${last.pass} over ${points.length} run(s)`;
  return [
    `<svg class="trend" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-label="${escapeHtml(title)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" class="axis"/>`,
    `<polyline class="pass" points="${line((p) => p.pass)}"/>`,
    `<polyline class="fail" points="${line((p) => p.fail)}"/>`,
    `<text x="${width - pad}" y="${(y(last.fail) - 4).toFixed(1)}" class="fail" text-anchor="end">fail ${last.fail}</text>`,
    `<text x="${width - pad}" y="${(y(last.pass) + 12).toFixed(1)}" class="pass" text-anchor="end">pass ${last.pass}</text>`,
    `<text x="${pad}" y="${height - 6}" class="axis-label">${escapeHtml(first.at.slice(0, 10))}</text>`,
    `<text x="${width - pad}" y="${height - 6}" class="axis-label" text-anchor="end">${escapeHtml(last.at.slice(0, 10))}</text>`,
    "</svg>",
  ].join("");
}
