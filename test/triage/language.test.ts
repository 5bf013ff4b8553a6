/**
 * The Language option (English / 简体中文): one definition shared by Kubernetes Diagnose, Prometheus Alert and IM Notify,
 * and the lib rendering it selects — our words change, the cluster's names and messages do not.
 */
import { messagesFromItem } from '../../lib/messages/item-message';
import { triageMarkdown } from '../../lib/triage/render';
import type { TriagedAlert } from '../../lib/triage/types';
import { properties as alertProperties } from '../../nodes/PrometheusAlert/description';
import { messageProperties } from '../../nodes/ImNotify/description/message';
import { outputProperties } from '../../nodes/KubernetesDiagnose/description/output';
import { languageOf, languageOption } from '../../nodes/shared/language';

const triaged = {
  alertname: 'KubePodCrashLooping',
  status: 'firing',
  severity: 'warning',
  summary: 'Pod is crash looping.',
  labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'app-xyz-5969b7fffc-7ndjr' },
  annotations: {},
  enriched: true,
  rootCause: 'Deployment shop/app-xyz: container app is OOMKilled',
  findings: [
    {
      severity: 'critical',
      reason: 'CrashLoopBackOff',
      kind: 'Pod',
      namespace: 'shop',
      name: 'app-xyz-5969b7fffc-7ndjr',
      message: 'restarted 7 times',
      evidence: [],
    },
  ],
  suggestion: 'Raise the memory limit.',
  ownerChain: [],
  evidence: [],
  events: [],
  logs: [],
} as unknown as TriagedAlert;

test('the three nodes offer the same Language option', () => {
  for (const props of [alertProperties, messageProperties, outputProperties]) {
    const json = JSON.stringify(props);
    expect(json).toContain('"displayName":"Language"');
    expect(json).toContain(JSON.stringify(languageOption('x').options));
    // one wording: only the part that names what the option changes differs per node
    expect(json).toMatch(/Object names, alert names, messages quoted from the cluster, log lines and kubectl commands/);
  }
  expect(languageOf('zh')).toBe('zh');
  expect(languageOf(undefined)).toBe('en');
  expect(languageOf('={{ nothing }}')).toBe('en');
});

test('the triage Markdown speaks the language; names and cluster messages stay as they are', () => {
  const en = triageMarkdown(triaged);
  const zh = triageMarkdown(triaged, 'zh');
  expect(en).toContain('**Root cause:** Deployment shop/app-xyz');
  expect(zh).toContain('**根因:** Deployment shop/app-xyz: container app is OOMKilled');
  expect(zh).toContain('**发现的问题**');
  expect(zh).toContain('**建议:** Raise the memory limit.');
  expect(zh).toContain('KubePodCrashLooping');
  expect(zh).not.toContain('Root cause');
});

test('IM messages of a triaged alert and of a diagnosis use the chosen words', () => {
  const [zh] = messagesFromItem(triaged, 'auto', { language: 'zh' }).messages;
  expect(zh.markdown).toContain('**根因:**');
  expect(zh.markdown).toContain('**建议:**');
  const [en] = messagesFromItem(triaged, 'auto').messages;
  expect(en.markdown).toContain('**Root cause:**');
  const diagnosis = { score: 100, findings: [], scope: { namespace: 'shop' }, generatedAt: '2026-01-01T00:00:00Z' };
  const [healthy] = messagesFromItem(diagnosis, 'diagnosis', { language: 'zh' }).messages;
  expect(healthy.title).toBe('Kubernetes 诊断 命名空间 shop：健康');
  expect(healthy.fields?.map((f) => f.label)).toEqual(['范围', '健康分', '问题数']);
});

test('a diagnosis message gives its root causes in the chosen language', () => {
  const diagnosis = {
    score: 60,
    scope: { namespace: 'shop' },
    generatedAt: '2026-01-01T00:00:00Z',
    findings: [
      {
        severity: 'critical',
        reason: 'CrashLoopBackOff',
        kind: 'Pod',
        namespace: 'shop',
        name: 'app-1',
        message: 'restarted 7 times',
        evidence: [],
        rootCause: {
          object: { kind: 'Secret', namespace: 'shop', name: 'db' },
          code: 'CSIDriverNotOnNode',
          facts: { driver: 'ebs.csi.aws.com', node: 'n1' },
          fact: 'CSI driver ebs.csi.aws.com is not registered on node n1, so its volumes cannot attach or mount there',
        },
      },
    ],
  };
  const [zh] = messagesFromItem(diagnosis, 'diagnosis', { language: 'zh' }).messages;
  expect(zh.markdown).toContain('节点 n1 上没有注册 CSI 驱动 ebs.csi.aws.com');
  const [en] = messagesFromItem(diagnosis, 'diagnosis').messages;
  expect(en.markdown).toContain('CSI driver ebs.csi.aws.com is not registered on node n1');
});
