/**
 * The capacity report as HTML: a section (for the daily inspection report) and a whole self-contained page. Inline
 * SVG charts, no script, no external URL; every string from the cluster is escaped.
 */
import { requestsVsUsageSVGs, utilisationChartSVG } from './charts';
import { moveText, reasonText, savingsLine, topMoves, blockerText, utilisationLine } from './render';
import type { CapacityReport } from './types';
import { escapeHtml } from '../diagnose/report/html';

const e = escapeHtml;
const MI = 2 ** 20;
const mi = (b: number | undefined) => (b === undefined ? '-' : `${Math.round(b / MI)}Mi`);
const mc = (m: number | undefined) => (m === undefined ? '-' : `${Math.round(m)}m`);

export function renderCapacitySection(r: CapacityReport, opts: { top?: number } = {}): string {
  const charts = [utilisationChartSVG(r), ...Object.values(requestsVsUsageSVGs(r))].filter(Boolean);
  const moves = topMoves(r, opts.top ?? 10);
  const used = utilisationLine(r);
  const rows = r.workloads
    .map((w) => {
      const rec = w.recommendation;
      return `<tr><td>${e(`${w.kind} ${w.namespace}/${w.name}`)}</td><td>${e(w.container)}</td><td class="verdict ${e(rec.verdict)}">${e(rec.verdict)}</td><td>${e(mc(w.requestMillicores))} → ${e(mc(rec.cpu.recommendedRequestMillicores))}</td><td>${e(mi(w.requestBytes))} → ${e(mi(rec.memory.recommendedRequestBytes))}</td><td>${e(mi(w.limitBytes))} → ${e(mi(rec.memory.recommendedLimitBytes))}</td><td class="muted">${e(reasonText(w))}</td></tr>`;
    })
    .join('');
  const pools = r.pools
    .map(
      (p) =>
        `<li>${e(`${p.label}=${p.value}`)}: ${p.nodes} → ${p.recommendedNodes} node(s)${p.monthlySavings !== undefined ? `, saving ${e(p.monthlySavings.toFixed(2))} ${e(r.savings.currency ?? '')} a month` : ''}${p.blockers.length ? `<ul>${p.blockers.map((b) => `<li class="muted">${e(blockerText(b))}</li>`).join('')}</ul>` : ''}</li>`,
    )
    .join('');
  return [
    `<section class="capacity"><h2>Capacity over ${e(r.window)}${r.complete ? '' : ' (incomplete)'}</h2>`,
    `<p class="savings">${e(savingsLine(r))}</p>`,
    used ? `<p class="utilisation">Utilisation: ${e(used)}</p>` : '',
    charts.length ? `<div class="charts">${charts.join('')}</div>` : '',
    moves.length
      ? `<h3>Top rightsizing moves</h3><ol>${moves.map((w) => `<li>${e(moveText(w))}</li>`).join('')}</ol>`
      : '',
    pools ? `<h3>Node pools</h3><ul>${pools}</ul>` : '',
    `<table><tr><th>workload</th><th>container</th><th>verdict</th><th>CPU req → rec</th><th>mem req → rec</th><th>mem limit → rec</th><th>why</th></tr>${rows}</table>`,
    r.gaps.length ? `<h3>Not read</h3><ul>${r.gaps.map((g) => `<li>${e(g)}</li>`).join('')}</ul>` : '',
    '</section>',
  ].join('');
}

const CSS = `body{font:14px/1.45 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;margin:24px;color:#1f2328}
table{border-collapse:collapse;width:100%;margin-top:16px}th,td{border-top:1px solid #d0d7de;padding:6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-size:12px}.muted{color:#656d76}.charts{display:flex;flex-wrap:wrap;gap:16px}
.verdict{font-weight:600}.oom-risk,.under-provisioned{color:#c53030}.over-provisioned{color:#b7791f}.ok{color:#2f7d5b}`;

export function renderCapacityHtml(r: CapacityReport): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Capacity report</title><style>${CSS}</style></head><body>${renderCapacitySection(r)}<p class="muted">Generated ${e(r.at)}</p></body></html>\n`;
}
