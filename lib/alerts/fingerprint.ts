/**
 * Alert identity. When a payload carries no fingerprint we compute the one Alertmanager would: Prometheus'
 * LabelSet fingerprint — FNV-1a 64 over the label names sorted, each name and value followed by the 0xff separator,
 * printed as 16 hex digits. So a Grafana-legacy or hand-made alert gets the same id Alertmanager would give it.
 */
import type { AlertStatus, StringMap } from './types';

const SEPARATOR = 0xff;

/**
 * FNV-1a 64 without BigInt (which is ~50× slower here): the hash is four 16-bit limbs, lowest first. The prime is
 * 2^40 + 0x1b3, so a multiply is limb·0x1b3 plus the limbs shifted up by 40 bits (2 limbs + 8 bits); every partial
 * product stays below 2^53.
 */
class Fnv64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  /** The string's UTF-8 bytes, encoded inline (TextEncoder allocates per call, which dominated the cost). */
  addString(text: string): this {
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        this.addByte(c);
        continue;
      }
      if (c < 0x800) {
        this.addByte(0xc0 | (c >> 6)).addByte(0x80 | (c & 0x3f));
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          this.addByte(0xf0 | (c >> 18))
            .addByte(0x80 | ((c >> 12) & 0x3f))
            .addByte(0x80 | ((c >> 6) & 0x3f))
            .addByte(0x80 | (c & 0x3f));
          continue;
        }
      }
      // a lone surrogate is encoded as U+FFFD, as TextEncoder and Go's JSON decoder do
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      this.addByte(0xe0 | (c >> 12))
        .addByte(0x80 | ((c >> 6) & 0x3f))
        .addByte(0x80 | (c & 0x3f));
    }
    return this;
  }

  addByte(b: number): this {
    const h0 = this.h0 ^ b;
    const t0 = h0 * 0x1b3;
    const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + h0 * 0x100 + Math.floor(t1 / 0x10000);
    const t3 = this.h3 * 0x1b3 + this.h1 * 0x100 + Math.floor(t2 / 0x10000);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
    return this;
  }

  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((l) => l.toString(16).padStart(4, '0')).join('');
  }
}

/** Alertmanager's fingerprint of a label set (names in UTF-8 byte order, as Go's sort.Strings). */
export function labelsFingerprint(labels: StringMap): string {
  const names = Object.keys(labels).sort(compareCodePoints);
  const h = new Fnv64();
  for (const name of names) {
    h.addString(name).addByte(SEPARATOR);
    h.addString(labels[name]).addByte(SEPARATOR);
  }
  return h.hex();
}

/**
 * UTF-8 byte order = code point order. Plain `<` compares UTF-16 units, which differs only where a surrogate (a code
 * point above U+FFFF) meets a unit in U+E000–U+FFFF: the surrogate must sort after.
 */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    return xs === ys ? x - y : xs ? 1 : -1;
  }
  return a.length - b.length;
}

/**
 * One notification of one alert: a receiver seeing the same key twice (Alertmanager re-sends after a timeout, or two
 * routes deliver the same alert) can drop the second. The groupKey is left out on purpose so the same alert reaching
 * us through two routes still counts once.
 */
export function dedupeKey(fingerprint: string, status: AlertStatus, startsAt: string | undefined): string {
  return `${fingerprint}:${status}:${startsAt ?? '-'}`;
}
