/** The diagnosis engine: collect a snapshot, run the analyzers, fold, merge, score. */
export { ANALYZERS, ANALYZERS_BY_NAME, selectAnalyzers } from './analyzers';
export { collectSnapshot, connectionOf, ALL_LISTS, type CollectOptions, type CollectScope } from './collect';
export { emptySnapshot, indexes, lookup } from './context';
export { buildContext } from './run-context';
export { diagnose, runDiagnosis, type DiagnoseOptions, type DiagnoseRunOptions } from './engine';
export { checkAnalyzers, RequestError, resolveScope, type DiagnoseRequest, type ResolvedScope } from './request';
export { snapshotFromObjects } from './offline';
export { computeScores, scoreFormula } from './score';
export * from './types';

/*
 * Reports and the anonymizer, for convenience: the text formats and JSON cost about 2 MiB (zod) when loaded.
 * The HTML report, its charts and `renderReport` (which can render HTML) are NOT exported here: they load echarts,
 * which the bridge measured at +55 MiB RSS. Import them from their own entry point, `lib/diagnose/report`, only where
 * HTML is wanted (test/diagnose/entrypoints.test.ts checks that this module leaves echarts unloaded).
 */
export {
  anonymize,
  maskText,
  unmask,
  unmaskResult,
  type AnonymizeMapping,
  type AnonymizeOptions,
  type MaskEntry,
} from './anonymize';
export { findingSchema, renderJSON, reportSchema, toReportJSON, type ReportJSON } from './report/json';
export { renderForLLM, type LlmOptions } from './report/llm';
export { escapeMarkdown, renderMarkdown, type MarkdownOptions } from './report/markdown';
export { renderText, type TextOptions } from './report/text';
