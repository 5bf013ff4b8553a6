/**
 * Our words in IM messages, per language. Alert names, labels, object names, messages quoted from the cluster and
 * log lines stay as they are; the severity and status in titles stay English because Alertmanager's own
 * notifications read that way and people filter on them.
 */
import type { Language } from '../diagnose';
import { triageWords, type TriageWords } from '../triage/words';

/** The headings a triaged alert's Markdown has too are the triage's words (lib/triage/words.ts), said once. */
type Shared = Pick<TriageWords, 'diagnosisFailed' | 'rootCause' | 'suggestion' | 'logErrors'>;

export interface MessageWords extends Shared {
  nothingFound: string;
  fieldNamespace: string;
  fieldContainer: string;
  fieldSeverity: string;
  fieldCluster: string;
  lasted: string;
  firingFor: string;
  links: { runbook: string; dashboard: string; panel: string; source: string; silence: string };
  findingRootCause: string;
  findingFix: string;
  moreFindings: (n: number) => string;
  noFindingsRead: (scope: string) => string;
  noProblem: (scope: string) => string;
  incomplete: (unread: string) => string;
  cluster: string;
  namespace: (ns: string) => string;
  diagnosisTitle: (scope: string, state: string) => string;
  incompleteState: string;
  nothingReadState: string;
  healthy: string;
  counts: (critical: number, warning: number) => string;
  fieldScope: string;
  fieldScore: string;
  scoreNA: string;
  fieldFindings: string;
}

const WORDS: Record<Language, Omit<MessageWords, keyof Shared>> = {
  en: {
    nothingFound: 'Diagnosis: no problem found on the object, its owners and its pods.',
    fieldNamespace: 'namespace',
    fieldContainer: 'container',
    fieldSeverity: 'severity',
    fieldCluster: 'cluster',
    lasted: 'lasted',
    firingFor: 'firing for',
    links: { runbook: 'Runbook', dashboard: 'Dashboard', panel: 'Panel', source: 'Source', silence: 'Silence' },
    findingRootCause: 'root cause',
    findingFix: 'fix',
    moreFindings: (n) => `…+${n} more finding(s)`,
    noFindingsRead: (s) => `No findings in what could be read of ${s}.`,
    noProblem: (s) => `No problem found in ${s}.`,
    incomplete: (u) => `**Diagnosis INCOMPLETE: could not read ${u || 'some lists'}; no health score.**`,
    cluster: 'cluster',
    namespace: (ns) => `namespace ${ns}`,
    diagnosisTitle: (scope, state) => `Kubernetes diagnosis of ${scope}: ${state}`,
    incompleteState: 'INCOMPLETE, ',
    nothingReadState: 'nothing found in what was read',
    healthy: 'healthy',
    counts: (c, w) => `${c} critical, ${w} warning`,
    fieldScope: 'scope',
    fieldScore: 'health score',
    scoreNA: 'n/a (incomplete)',
    fieldFindings: 'findings',
  },
  zh: {
    nothingFound: '诊断：该对象及其所属对象和 Pod 均未发现问题。',
    fieldNamespace: '命名空间',
    fieldContainer: '容器',
    fieldSeverity: '级别',
    fieldCluster: '集群',
    lasted: '持续',
    firingFor: '已触发',
    links: { runbook: '处理手册', dashboard: '仪表盘', panel: '面板', source: '来源', silence: '静默' },
    findingRootCause: '根因',
    findingFix: '修复',
    moreFindings: (n) => `…另有 ${n} 个问题`,
    noFindingsRead: (s) => `在 ${s} 已读取的数据中没有发现问题。`,
    noProblem: (s) => `${s} 未发现问题。`,
    incomplete: (u) => `**诊断不完整：无法读取 ${u || '部分列表'}；不给出健康分。**`,
    cluster: '集群',
    namespace: (ns) => `命名空间 ${ns}`,
    diagnosisTitle: (scope, state) => `Kubernetes 诊断 ${scope}：${state}`,
    incompleteState: '不完整，',
    nothingReadState: '已读取部分未发现问题',
    healthy: '健康',
    counts: (c, w) => `严重 ${c} 个，警告 ${w} 个`,
    fieldScope: '范围',
    fieldScore: '健康分',
    scoreNA: '无（诊断不完整）',
    fieldFindings: '问题数',
  },
};

export function messageWords(language: Language | undefined): MessageWords {
  const { diagnosisFailed, rootCause, suggestion, logErrors } = triageWords(language);
  return { ...(WORDS[language ?? 'en'] ?? WORDS.en), diagnosisFailed, rootCause, suggestion, logErrors };
}
