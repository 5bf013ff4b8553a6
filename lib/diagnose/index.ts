/** The diagnosis engine: collect a snapshot, run the analyzers, fold, merge, score. */
export { ANALYZERS, ANALYZERS_BY_NAME, selectAnalyzers } from './analyzers';
export { collectSnapshot, connectionOf, ALL_LISTS, type CollectOptions, type CollectScope } from './collect';
export { buildContext, emptySnapshot, indexes, lookup } from './context';
export { diagnose, runDiagnosis, type DiagnoseOptions, type DiagnoseRunOptions } from './engine';
export { snapshotFromObjects } from './offline';
export { computeScores, scoreFormula } from './score';
export * from './types';
