/** Messages the notify tests send: a short alert and long diagnosis reports in English and Chinese. */
import type { NotifyMessage } from '../../lib/notify';

export function alertMessage(overrides: Partial<NotifyMessage> = {}): NotifyMessage {
  return {
    title: '[FIRING] KubePodCrashLooping shop/api-7d9f',
    severity: 'critical',
    status: 'firing',
    markdown:
      '**Pod** `shop/api-7d9f` is restarting (5 times in 10m).\n\nSee the [runbook](https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/).',
    fields: [
      { label: 'namespace', value: 'shop' },
      { label: 'pod', value: 'api-7d9f' },
    ],
    links: [
      { text: 'Alertmanager', url: 'http://alertmanager:9093/#/alerts' },
      { text: 'Grafana', url: 'http://grafana/d/pods' },
    ],
    footer: 'kube-aiops · prod',
    ...overrides,
  };
}

/**
 * A diagnosis report of about `bytes` UTF-8 bytes: headings, lists with links, bold runs and code fences of
 * logs, so that any cut lands near something a careless cut would break.
 */
export function longReport(bytes: number, lang: 'en' | 'zh' = 'en'): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i += 1) {
    const section =
      lang === 'zh'
        ? [
            `## 第${i}节 根因分析`,
            `- **容器** api-${i} 因内存不足被终止（OOMKilled），重启 ${i} 次。`,
            `- 参见 [运行手册 ${i}](https://runbooks.example.com/oom/${i}) 与 \`kubectl describe pod api-${i}\`。`,
            '```',
            `2024-05-01T10:0${i % 10}:00Z 错误 内存分配失败 pid=${i} 请求=${i * 64}Mi 限制=256Mi`,
            `2024-05-01T10:0${i % 10}:01Z 警告 重试连接数据库 第${i}次`,
            '```',
          ]
        : [
            `## Finding ${i}: container api-${i} OOMKilled`,
            `- **Container** api-${i} was killed for exceeding its memory limit, ${i} restarts.`,
            `- See [runbook ${i}](https://runbooks.example.com/oom/${i}) and \`kubectl describe pod api-${i}\`.`,
            '```',
            `2024-05-01T10:0${i % 10}:00Z ERROR allocation failed pid=${i} request=${i * 64}Mi limit=256Mi`,
            `2024-05-01T10:0${i % 10}:01Z WARN retrying database connection attempt ${i}`,
            '```',
          ];
    const text = section.join('\n');
    parts.push(text);
    size += Buffer.byteLength(text, 'utf8') + 2;
  }
  return parts.join('\n\n');
}

/** Stats over a cut body: no lone surrogates, fences balanced, links whole. */
export function markdownIntegrity(text: string): { loneSurrogate: boolean; openFence: boolean; brokenLink: boolean } {
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
  const fences = text.split('\n').filter((l) => /^ {0,3}```/.test(l)).length;
  // a "[text](" with no closing paren on the same line means a link was cut
  const brokenLink =
    /\[[^\]\n]*\]\([^)\n]*$/m.test(text) || /\[[^\]\n]*$/m.test(text.replace(/\[[^\]\n]*\]\([^)\n]*\)/g, ''));
  return { loneSurrogate, openFence: fences % 2 === 1, brokenLink };
}
