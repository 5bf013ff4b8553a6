/**
 * One self-contained HTML file: inline CSS, inline SVG charts, no script and no external URL, so it can be mailed,
 * attached to a ticket or opened offline. Every string from the cluster is escaped (object names, event and log
 * text are untrusted).
 */
import { renderCause } from '../render/cause-text';
import { words } from '../render/words';
import type { DiagnosisResult, Finding, Language, Severity } from '../types';
import { severityChartSVG, usageChartSVGs } from './charts';
import { PAGE, SCORE_COLOR, SEVERITY_BADGE } from './palette';
import { countText, counts, findingLabel, incompleteText, namespaceScores, nothingFoundText, refLabel } from './format';

export interface HtmlOptions {
  title?: string;
  /** findings listed at most (default 200) */
  maxFindings?: number;
  /** language of our words and of root causes (default en) */
  language?: Language;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c]);
}

const B = SEVERITY_BADGE;
const CSS = `
body{font:14px/1.45 -apple-system,Segoe UI,Roboto,Helvetica,Arial,"Noto Sans CJK SC",sans-serif;margin:24px;color:${PAGE.fg};background:${PAGE.bg}}
h1{font-size:20px;margin:0 0 4px}.muted{color:${PAGE.muted}}.score{font-size:40px;font-weight:700}.incomplete{background:#fff8c5;border:1px solid #d4a72c;padding:8px;margin:8px 0;font-weight:600}
.badges span{display:inline-block;margin:4px 6px 0 0;padding:2px 8px;border-radius:10px;background:#eef1f4;color:${PAGE.fg}}
.badges span.sev,.sev{font-weight:700;text-transform:uppercase;font-size:12px;padding:1px 6px;border-radius:4px;margin:0}
.critical{background:${B.critical.bg};color:${B.critical.fg}}.warning{background:${B.warning.bg};color:${B.warning.fg}}.info{background:${B.info.bg};color:${B.info.fg}}
.badges span.critical{background:${B.critical.bg};color:${B.critical.fg}}.badges span.warning{background:${B.warning.bg};color:${B.warning.fg}}.badges span.info{background:${B.info.bg};color:${B.info.fg}}
.ok{color:${SCORE_COLOR.ok}}.mid{color:${SCORE_COLOR.mid}}.bad{color:${SCORE_COLOR.bad}}
table{border-collapse:collapse;width:100%;margin-top:16px;table-layout:fixed}th,td{border-top:1px solid #d0d7de;padding:8px;vertical-align:top;text-align:left;overflow-wrap:anywhere;word-break:break-word}
col.c-sev{width:11%}col.c-obj{width:22%}col.c-msg{width:30%}col.c-ev{width:22%}col.c-cmd{width:15%}
th{background:${PAGE.header};font-size:12px}code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#f6f8fa;padding:1px 4px;border-radius:4px;white-space:pre-wrap;word-break:break-all}
ul{margin:4px 0;padding-left:18px}.charts{display:flex;flex-wrap:wrap;gap:16px;margin-top:16px}.charts svg{max-width:100%;height:auto}.root{font-weight:600}
@page{size:A4;margin:12mm}
@media print{body{margin:0;font-size:10.5px}.score{font-size:28px}.charts{break-inside:avoid}.charts>div{break-inside:avoid}
thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}th,td{padding:4px}code{font-size:9.5px}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** Colours inline as well as in the stylesheet: mail clients that drop <style> still show a readable badge. */
function badge(s: Severity, label: string = s): string {
  const { fg, bg } = SEVERITY_BADGE[s] ?? SEVERITY_BADGE.info;
  return `<span class="sev ${s}" style="background:${bg};color:${fg}">${escapeHtml(label)}</span>`;
}

function scoreClass(score: number): string {
  return score >= 80 ? 'ok' : score >= 50 ? 'mid' : 'bad';
}

function row(f: Finding, lang?: Language): string {
  const e = escapeHtml;
  const text = f.rootCause && (lang && lang !== 'en' ? renderCause(f.rootCause, lang) : f.rootCause.fact);
  const root = f.rootCause ? `<div class="root">${e(refLabel(f.rootCause.object))}: ${e(text ?? '')}</div>` : '';
  // The root cause's own proof comes first so the five shown always include it.
  const proof = f.rootCause?.evidence;
  const shown = proof ? [proof, ...f.evidence.filter((x) => x !== proof && x.text !== proof.text)] : f.evidence;
  const evidence = shown.length
    ? `<ul>${shown
        .slice(0, 5)
        .map(
          (x) =>
            `<li><span class="muted">${e(x.source)}${x.object ? ` ${e(refLabel(x.object))}` : ''}:</span> ${e(x.text)}</li>`,
        )
        .join('')}</ul>`
    : '';
  const cmds = (f.commands ?? [])
    .slice(0, 4)
    .map((c) => `<div><code>${e(c)}</code></div>`)
    .join('');
  const related = f.related?.length
    ? `<div class="muted">also: ${e(f.related.slice(0, 8).map(refLabel).join(', '))}</div>`
    : '';
  return `<tr><td>${badge(f.severity)}</td><td>${e(findingLabel(f))}${e(countText(f))}<div class="muted">${e(f.reason)}</div></td><td>${root}<div>${e(f.message)}</div>${f.suggestion ? `<div class="muted">${e(f.suggestion)}</div>` : ''}${related}</td><td>${evidence}</td><td>${cmds}</td></tr>`;
}

export function renderHTML(result: DiagnosisResult, opts: HtmlOptions = {}): string {
  const e = escapeHtml;
  const lang = opts.language;
  const title = opts.title ?? words(lang).title;
  const c = counts(result.findings);
  const ns = namespaceScores(result);
  const usage = usageChartSVGs(result);
  const charts = [severityChartSVG(result), usage.cpu, usage.memory]
    .filter((x): x is string => !!x)
    .map((svg) => `<div>${svg}</div>`)
    .join('');
  const scope = [
    result.scope.namespace && `namespace ${result.scope.namespace}`,
    result.scope.resource && refLabel(result.scope.resource),
    result.scope.analyzers && `analyzers ${result.scope.analyzers.join(', ')}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const findings = result.findings.slice(0, opts.maxFindings ?? 200);
  const more = result.findings.length - findings.length;
  const sevs: Severity[] = ['critical', 'warning', 'info'];
  const incomplete = incompleteText(result, lang);
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${CSS}</style></head>
<body>
<h1>${e(title)}</h1>
<div class="muted">${e(result.generatedAt)}${scope ? ` · ${e(scope)}` : ''}</div>
${incomplete ? `<div class="incomplete">${e(incomplete)}</div>` : ''}
${result.score === null ? '<div class="muted">no health score: the diagnosis is incomplete</div>' : `<div><span class="score ${scoreClass(result.score)}">${result.score}</span><span class="muted"> / 100</span></div>`}
<div class="badges">${sevs.map((s) => `<span>${badge(s)} ${c[s]}</span>`).join('')}</div>
<div class="badges">${ns.map(([n, s]) => `<span>${e(n)} <b class="${scoreClass(s)}">${s}</b></span>`).join('')}</div>
${(result.warnings ?? []).map((w) => `<div class="muted">note: ${e(w)}</div>`).join('\n')}
<div class="charts">${charts}</div>
${
  findings.length
    ? `<table><colgroup><col class="c-sev"><col class="c-obj"><col class="c-msg"><col class="c-ev"><col class="c-cmd"></colgroup><thead><tr><th>severity</th><th>object</th><th>root cause and message</th><th>evidence</th><th>commands</th></tr></thead><tbody>
${findings.map((f) => row(f, lang)).join('\n')}
</tbody></table>`
    : `<p class="${result.complete === false ? 'bad' : 'ok'}">${e(nothingFoundText(result, lang))}</p>`
}
${more > 0 ? `<p class="muted">…and ${more} more findings (see the JSON report).</p>` : ''}
</body></html>
`;
}
