/**
 * The library the nodes, the MCP bridge and the CLI are built on, for programs that embed it (package.json `main`).
 * Each area is a namespace; the calls an embedder starts with are also exported by name. Nothing here loads n8n,
 * the MCP SDK, the simulator or echarts (the HTML report is `lib/diagnose/report`, loaded on its own).
 */
export * as kube from './kube';
export * as diagnosis from './diagnose';
export * as alerts from './alerts';
export * as notify from './notify';
export * as triage from './triage';
export * as guard from './guard';

/** connect to a cluster (kubeconfig text or file, in-cluster, URL + token) and read it */
export { connect, get, list, describe, events, logs, KubeError } from './kube';
export type { ConnectOptions, KubeConnection } from './kube';
/** find root causes across objects, with a health score */
export { diagnose, runDiagnosis } from './diagnose';
export type { DiagnoseOptions, DiagnosisResult, Finding } from './diagnose';
/** Alertmanager, Grafana and PrometheusAlert payloads → one alert model */
export { parseAlertPayload } from './alerts';
export type { NormalizedAlert } from './alerts';
/** Feishu / WeCom / DingTalk / Slack / Teams / JSON webhook */
export { send as sendNotification, NotifyError } from './notify';
export type { ChannelName, NotifyConfig, NotifyMessage } from './notify';
/** an alert → the object it names → a targeted diagnosis with evidence */
export { triageAlerts, triageObject } from './triage';
/** the write policy every change is checked against */
export { checkWrite, parsePolicy } from './guard';
export type { WritePolicy } from './guard';
