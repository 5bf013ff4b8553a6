/** Every output format over one DiagnosisResult. */
import type { DiagnosisResult } from '../types';
import { renderHTML, type HtmlOptions } from './html';
import { renderJSON } from './json';
import { renderForLLM, type LlmOptions } from './llm';
import { renderMarkdown, type MarkdownOptions } from './markdown';
import { renderText, type TextOptions } from './text';

export { escapeHtml, renderHTML, type HtmlOptions } from './html';
export { findingSchema, renderJSON, reportSchema, toReportJSON, type ReportJSON } from './json';
export { renderForLLM, type LlmOptions } from './llm';
export { escapeMarkdown, renderMarkdown, type MarkdownOptions } from './markdown';
export { renderText, type TextOptions } from './text';
export { severityChartSVG, usageChartSVGs } from './charts';

export type ReportFormat = 'json' | 'markdown' | 'text' | 'html' | 'llm';

export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'markdown', 'text', 'html', 'llm'];

export type ReportOptions = MarkdownOptions & TextOptions & HtmlOptions & LlmOptions & { pretty?: boolean };

export function renderReport(result: DiagnosisResult, format: ReportFormat, opts: ReportOptions = {}): string {
  switch (format) {
    case 'json':
      return renderJSON(result, opts);
    case 'markdown':
      return renderMarkdown(result, opts);
    case 'text':
      return renderText(result, opts);
    case 'html':
      return renderHTML(result, opts);
    case 'llm':
      return renderForLLM(result, opts);
  }
}
