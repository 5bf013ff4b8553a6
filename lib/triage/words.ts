/** Our words in a triaged alert's Markdown, per language; alert names, object names, messages and logs stay as they are. */
import type { Language } from '../diagnose';

export interface TriageWords {
  diagnosisFailed: string;
  notDiagnosed: string;
  rootCause: string;
  findings: string;
  nothingFound: (object: string) => string;
  theObject: string;
  suggestion: string;
  check: string;
  events: string;
  logErrors: string;
  notRead: string;
}

const WORDS: Record<Language, TriageWords> = {
  en: {
    diagnosisFailed: 'Diagnosis failed',
    notDiagnosed: 'Not diagnosed',
    rootCause: 'Root cause',
    findings: 'Findings',
    nothingFound: (o) => `No problem found on ${o} and its owners, pods and references.`,
    theObject: 'the object',
    suggestion: 'Suggestion',
    check: 'Check',
    events: 'Events',
    logErrors: 'Log errors',
    notRead: 'Not read',
  },
  zh: {
    diagnosisFailed: '诊断失败',
    notDiagnosed: '未诊断',
    rootCause: '根因',
    findings: '发现的问题',
    nothingFound: (o) => `${o} 及其所属对象、Pod 和引用均未发现问题。`,
    theObject: '该对象',
    suggestion: '建议',
    check: '排查命令',
    events: '事件',
    logErrors: '日志错误',
    notRead: '未能读取',
  },
};

export function triageWords(language: Language | undefined): TriageWords {
  return WORDS[language ?? 'en'] ?? WORDS.en;
}
