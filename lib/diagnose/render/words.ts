/** Our words in the reports, per language. Names, messages quoted from the cluster and commands are never translated. */
import type { Language, Severity } from '../types';

export interface Words {
  title: string;
  rootCause: string;
  score: (n: number) => string;
  noScore: string;
  severity: Record<Severity, string>;
  noProblems: string;
  nothingInPartial: string;
  incomplete: (reads: string) => string;
  readReason: Record<'failed' | 'forbidden', string>;
  more: (n: number, by: string) => string;
  proof: string;
  fix: string;
}

export const WORDS: Record<Language, Words> = {
  en: {
    title: 'Kubernetes diagnosis',
    rootCause: 'Root cause',
    score: (n) => `score ${n}/100`,
    noScore: 'no score',
    severity: { critical: 'critical', warning: 'warning', info: 'info' },
    noProblems: 'No problems found.',
    nothingInPartial: 'No findings in what could be read; this is not a clean bill of health.',
    incomplete: (reads) =>
      `Diagnosis INCOMPLETE: could not read ${reads || 'some of the lists it needs'}. The findings cover only what was read; no health score.`,
    readReason: { failed: 'failed', forbidden: 'forbidden' },
    more: (n, by) => `…and ${n} more (${by})`,
    proof: 'proof',
    fix: 'fix',
  },
  zh: {
    title: 'Kubernetes 诊断',
    rootCause: '根因',
    score: (n) => `健康分 ${n}/100`,
    noScore: '无健康分',
    severity: { critical: '严重', warning: '警告', info: '提示' },
    noProblems: '未发现问题。',
    nothingInPartial: '在已读取的数据中没有发现问题；这并不代表集群健康。',
    incomplete: (reads) =>
      `诊断不完整：无法读取 ${reads || '部分所需列表'}。以下结果只覆盖已读取的数据；不给出健康分。`,
    readReason: { failed: '读取失败', forbidden: '无权限' },
    more: (n, by) => `…另有 ${n} 项（${by}）`,
    proof: '证据',
    fix: '修复',
  },
};

export function words(lang: Language | undefined): Words {
  return WORDS[lang ?? 'en'] ?? WORDS.en;
}
