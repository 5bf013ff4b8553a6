import fc from 'fast-check';
import { splitMarkdown, truncateMarkdown, TRUNCATION_MARKER } from '../../lib/notify';
import { longReport, markdownIntegrity } from './messages';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

describe('truncateMarkdown', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateMarkdown('短消息 ok', 4096)).toEqual({ text: '短消息 ok', truncated: false });
  });

  it('cuts a 20 KB Chinese report to 4096 bytes with balanced fences, whole links and the marker', () => {
    const report = longReport(20_000, 'zh');
    const out = truncateMarkdown(report, 4096, 'bytes');
    expect(out.truncated).toBe(true);
    expect(bytes(out.text)).toBeLessThanOrEqual(4096);
    expect(bytes(out.text)).toBeGreaterThan(3000);
    expect(out.text.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(markdownIntegrity(out.text)).toEqual({ loneSurrogate: false, openFence: false, brokenLink: false });
    // what is kept is the start of the report
    const kept = out.text.slice(0, out.text.lastIndexOf('\n'));
    expect(report.startsWith(kept.replace(/\n```$/, ''))).toBe(true);
  });

  it('closes a code fence it cuts through', () => {
    const text = `# Logs\n\`\`\`\n${'line of log output\n'.repeat(400)}\`\`\`\n`;
    const out = truncateMarkdown(text, 1000, 'bytes');
    expect(bytes(out.text)).toBeLessThanOrEqual(1000);
    expect(out.text).toMatch(/\n```\n…\(truncated\)$/);
    expect(markdownIntegrity(out.text).openFence).toBe(false);
  });

  it('does not cut inside a link even when the limit falls in its URL', () => {
    const link = '[the very long runbook title](https://runbooks.example.com/a/very/long/path/that/goes/on)';
    const text = `${'x'.repeat(50)} ${link} tail`;
    for (let limit = 60; limit < 60 + link.length; limit += 7) {
      const out = truncateMarkdown(text, limit, 'chars');
      expect(out.text.length).toBeLessThanOrEqual(limit);
      expect(out.text.includes('[the very') ? out.text.includes(link) : true).toBe(true);
    }
  });

  it('never exceeds the limit, never splits a character, and keeps a prefix (property)', () => {
    const piece = fc.constantFrom(
      '告警',
      '容器',
      '😀',
      'é',
      'a',
      ' ',
      '\n',
      '**粗体**',
      '[链接](https://x.io/路径)',
      '`code`',
      '```\n',
      '<@zhangsan>',
      '<font color="warning">红</font>',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 400 }),
        fc.integer({ min: 30, max: 600 }),
        fc.constantFrom<'bytes' | 'chars'>('bytes', 'chars'),
        (pieces, limit, unit) => {
          const text = pieces.join('');
          const out = truncateMarkdown(text, limit, unit);
          const size = unit === 'bytes' ? bytes(out.text) : out.text.length;
          expect(size).toBeLessThanOrEqual(limit);
          expect(markdownIntegrity(out.text).loneSurrogate).toBe(false);
          // round-trips through UTF-8 unchanged: no half characters
          expect(Buffer.from(out.text, 'utf8').toString('utf8')).toBe(out.text);
          if (!out.truncated) expect(out.text).toBe(text);
          else {
            expect(out.text.endsWith(TRUNCATION_MARKER)).toBe(true);
            const head = out.text.slice(0, -TRUNCATION_MARKER.length).replace(/\n$/, '');
            expect(text.startsWith(head) || text.startsWith(head.replace(/\n?`{3,}$/, ''))).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitMarkdown', () => {
  it('splits a long report into pieces within the limit that reopen cut fences and lose no line', () => {
    const report = longReport(12_000);
    const pieces = splitMarkdown(report, 3000, 'chars');
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(markdownIntegrity(p).openFence).toBe(false);
    }
    const words = (s: string): string[] => s.split(/\s+/).filter((w) => w && w !== '```');
    expect(words(pieces.join('\n'))).toEqual(words(report));
  });
});
