/** lib/capacity: Prometheus usage history → rightsizing per workload container, node-pool sizing and cost. */
export { capacityReport, validateCapacityOptions } from './report';
export type { CapacityOptions } from './report';
export { DEFAULT_QUERIES, QUERY_PRESETS, resolveQueries } from './queries';
export type { CapacityQueries } from './queries';
export { DEFAULT_STRATEGY, resolveStrategy, recommend } from './strategy';
export type { Strategy } from './strategy';
export { parsePriceTable, HOURS_PER_MONTH } from './prices';
export type { PriceTable } from './prices';
export { DEFAULT_POOL_LABEL } from './pools';
export { toCapacityJson, renderCapacityText, renderCapacityMarkdown } from './render';
export type { CapacityJson } from './render';
export type * from './types';
export { analyzeCurve, memoryCurve, curveSummary } from './memory-curve';
export type { CurveAnalysis, CurveShape, MemoryCurve, OomTarget } from './memory-curve';
export { attachOomCurves, oomCurves, oomTargets } from './oom-chain';
export type { OomFindingLike } from './oom-chain';
