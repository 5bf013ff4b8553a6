/**
 * lib/kube: the Kubernetes domain core every face uses (n8n nodes, MCP bridge, CLI, diagnosis).
 * Everything returned is redacted (no Secret values) and every write is checked against a lib/guard policy first.
 */
export { connect, listContexts } from './connect';
export type { ConnectOptions, ConnectCommon, KubeConnection } from './connect';

export { serverVersion } from './version';
export type { ServerVersion } from './version';
export { clusterInfo } from './cluster-info';
export type { ClusterInfo } from './cluster-info';
/** low-level escape hatches: one request (`send`), or a GET with retries (`read`) */
export { send } from './http';
export type { KubeRequest, KubeResponse } from './http';
export { read } from './retry';

export { KubeError, toKubeError } from './errors';
export type { KubeErrorContext, StatusCause } from './errors';

export { discover } from './discovery';
export type { ResourceType } from './discovery';
export { resolveKind, parseKind, describeType } from './resolve';
export type { KindInput } from './resolve';
export { canonicalRef } from './target';
export type { ObjectRef } from './target';

export { get, list } from './read';
export type { ReadOptions, ListOptions, ListResult } from './read';

export { apply, create, FIELD_MANAGER } from './apply';
export type { ApplyOptions } from './apply';
export { PartialWriteError } from './batch';
export type { BatchResult } from './batch';
export { patch, remove, remove as deleteObject } from './patch';
export type { PatchType, PatchRequest, DeleteRequest } from './patch';
export { scale } from './scale';
export type { ScaleRequest } from './scale';
export { rolloutRestart, rolloutUndo, RESTARTED_AT, REVISION } from './rollout';
export type { RolloutUndoRequest } from './rollout';
export { setImage, setResources } from './set';
export type { SetImageRequest, SetResourcesRequest } from './set';
export { cordon, uncordon, evict } from './node-ops';
export type { EvictRequest } from './node-ops';
export type { WriteOptions, WriteResult } from './write-pipeline';
export { parseManifests } from './manifest';
export type { ManifestInput } from './manifest';

export { describe, ownerChain } from './describe';
export type { Description, OwnerLink } from './describe';
export { events, listEvents } from './events';
export type { EventQuery, EventRow } from './events';
export { logs } from './logs';
export type { LogsRequest, LogsResult } from './logs';
export { topPods, topNodes } from './top';
export type { PodTop, NodeTop, ContainerTop, TopOptions } from './top';
export { podsOf, rankPods } from './pods-of';

export { redact, isSensitiveName, redactUrlCredentials, redactText, redactStrings, isCredentialKey } from './redact';
export { cleanObject } from './clean';
export { summarize, summarizeAll, nodeStatus, eventTime, imagesOf } from './summary';
export type { SummaryRow } from './summary';
export { podStatus, isFailingStatus } from './pod-status';
export type { PodStatusSummary } from './pod-status';
export { renderTable } from './table';
export type { TableOptions } from './table';
export { diffObjects } from './diff';
export type { FieldChanges } from './diff';
export { age, humanDuration, parseSince, toDate } from './age';
export { parseQuantity, cpuMillicores, memoryBytes, formatMemory, formatMillicores } from './quantity';
export { selectorToString, selectorMatches } from './selectors';
