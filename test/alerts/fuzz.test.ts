/**
 * Property-based fuzzing: 10 500 generated inputs in total (arbitrary JSON and JS values, mutated real payloads,
 * generated Alertmanager payloads, raw webhook bodies). Nothing may throw and every result must be well-formed.
 */
import fc from 'fast-check';
import { handleAlertWebhook, parseAlertPayload, TRUNCATION_MARKER } from '../../lib/alerts';
import { fixture, FIXTURE_NAMES, NOW } from './fixture';
import { assertWellFormed } from './well-formed';

const KEYS = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'alerts',
    'labels',
    'annotations',
    'status',
    'startsAt',
    'endsAt',
    'version',
    'state',
    'ruleName',
    'evalMatches',
    'receiver',
    'fingerprint',
    'alertname',
    'pod',
    'namespace',
    'severity',
    'level',
    'instance',
    'job',
  ),
);
const anything = fc.anything({
  key: KEYS,
  maxDepth: 4,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
  withTypedArray: true,
  withSparseArray: true,
});

describe('fuzz: parseAlertPayload never throws and stays well-formed', () => {
  test('arbitrary JSON values (3000 runs)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        assertWellFormed(parseAlertPayload(value, { now: NOW }));
      }),
      { numRuns: 3000 },
    );
  });

  test('arbitrary JS values incl. null prototypes, boxed values, typed arrays (2000 runs)', () => {
    fc.assert(
      fc.property(
        anything,
        fc.constantFrom(
          undefined,
          'alertmanager',
          'grafana',
          'grafana-legacy',
          'single',
          'alertmanager-api',
          'prometheusalert',
        ) as fc.Arbitrary<undefined>,
        (value, format) => {
          assertWellFormed(parseAlertPayload(value, { now: NOW, format }));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('real payloads with random mutations (3000 runs)', () => {
    const mutation = fc.record({
      path: fc.nat(),
      op: fc.constantFrom('replace', 'delete', 'duplicate', 'stringify'),
      value: fc.oneof(
        anything,
        fc.string({ maxLength: 50_000 }),
        fc.constantFrom('0001-01-01T00:00:00Z', 'resolved', 'firing', '', null, -1, 1e308),
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURE_NAMES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (name, mutations, asText) => {
          const payload = fixture(name);
          for (const m of mutations) mutate(payload, m);
          let input: unknown = payload;
          if (asText) {
            try {
              input = JSON.stringify(payload);
            } catch {
              input = payload; // BigInt values cannot be stringified; parse the object instead
            }
          }
          const result = parseAlertPayload(input, { now: NOW, maxFieldLength: 4096 });
          assertWellFormed(result, 4096);
        },
      ),
      { numRuns: 3000 },
    );
  });

  test('generated Alertmanager payloads: labels kept, fingerprints computed like Alertmanager (1500 runs)', () => {
    const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,15}$/).filter((n) => n !== '__proto__');
    const alert = fc.record({
      labels: fc.dictionary(labelName, fc.string({ maxLength: 40, unit: 'grapheme' }), { minKeys: 1, maxKeys: 8 }),
      status: fc.constantFrom('firing', 'resolved'),
      startsAt: fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    });
    fc.assert(
      fc.property(fc.array(alert, { minLength: 1, maxLength: 10 }), (alerts) => {
        const result = parseAlertPayload(
          { version: '4', status: 'firing', receiver: 'r', groupKey: '{}:{}', alerts },
          { now: NOW },
        );
        assertWellFormed(result);
        if (result.errors.length > 0 || result.alerts.length !== alerts.length) return false;
        return result.alerts.every((a, i) => {
          const sent = alerts[i];
          const sameLabels =
            JSON.stringify(a.labels) ===
            JSON.stringify(Object.fromEntries(Object.entries(sent.labels).sort(([x], [y]) => (x < y ? -1 : 1))));
          return (
            sameLabels &&
            a.status === sent.status &&
            a.startsAt === sent.startsAt &&
            a.fingerprintComputed &&
            a.fingerprint === referenceFingerprint(sent.labels)
          );
        });
      }),
      { numRuns: 1500 },
    );
  });

  test('raw webhook bodies: handleAlertWebhook always answers a known status (1000 runs)', () => {
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? ''),
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(...FIXTURE_NAMES).map((n) => JSON.stringify(fixture(n))),
    );
    const contentType = fc.option(
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(body, contentType, (b, t) => {
        const r = handleAlertWebhook(b, t);
        expect([200, 202, 400, 415, 422]).toContain(r.status);
        expect(r.body.message.length).toBeGreaterThan(0);
        expect(r.status >= 400 ? r.alerts.length === 0 : true).toBe(true);
        JSON.stringify(r.body);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hostile inputs', () => {
  test('circular structures', () => {
    const payload = fixture('alertmanager-firing') as Record<string, unknown> & {
      alerts: Array<Record<string, unknown>>;
    };
    const labels = payload.alerts[0].labels as Record<string, unknown>;
    labels.self = labels;
    payload.alerts[0].annotations = payload;
    payload.commonLabels = payload;
    payload.alerts.push(payload);
    const r = parseAlertPayload(payload, { now: NOW });
    assertWellFormed(r);
    expect(r.alerts).toHaveLength(2);
    expect(r.alerts[0].warnings).toContain('label "self" dropped: an object is not a string');
    expect(r.errors).toEqual([{ index: 2, message: 'alert 2: alert has no labels' }]);
  });

  test('getters and proxies that throw cost one alert or give one payload error', () => {
    const evil = Object.defineProperty({}, 'labels', {
      enumerable: true,
      get: () => {
        throw new Error('gotcha');
      },
    });
    const r = parseAlertPayload({ version: '4', alerts: [evil, { labels: { alertname: 'fine' } }] });
    expect(r.alerts.map((a) => a.alertname)).toEqual(['fine']);
    expect(r.errors).toEqual([{ index: 0, message: 'alert 0: could not be read (gotcha)' }]);

    const trap = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no keys');
        },
        get: () => {
          throw new Error('no get');
        },
        getOwnPropertyDescriptor: () => {
          throw new Error('no desc');
        },
      },
    );
    const p = parseAlertPayload(trap);
    assertWellFormed(p);
    expect(p.alerts).toEqual([]);
    expect(p.errors).toHaveLength(1);
    const thrower = {
      get message(): string {
        throw new Error('x');
      },
    };
    const q = parseAlertPayload(
      new Proxy(
        {},
        {
          getPrototypeOf: () => {
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- a hostile payload may throw anything
            throw thrower;
          },
        },
      ),
    );
    assertWellFormed(q);
  });

  test('a 20 MB annotation is cut to the limit', () => {
    const payload = fixture('alertmanager-firing') as { alerts: Array<{ annotations: Record<string, string> }> };
    payload.alerts[0].annotations.description = 'x'.repeat(20_000_000);
    const r = parseAlertPayload(payload);
    expect(r.alerts[0].description).toHaveLength(8192);
    expect(r.alerts[0].description.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  test('10 000 labels on one alert: capped, with a warning', () => {
    const labels = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`l${i}`, 'v']));
    const r = parseAlertPayload({ version: '4', alerts: [{ labels: { alertname: 'Many', ...labels } }] });
    expect(Object.keys(r.alerts[0].labels)).toHaveLength(256);
    expect(r.alerts[0].warnings.some((w) => w.includes('past the limit of 256'))).toBe(true);
  });
});

type Mutation = { path: number; op: 'replace' | 'delete' | 'duplicate' | 'stringify'; value: unknown };

/** Apply one mutation at the n-th (mod count) container/key of the payload. */
function mutate(root: unknown, m: Mutation): void {
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    // only plain containers: boxed strings, frozen or exotic objects are values to keep, not places to mutate
    const proto: unknown = Object.getPrototypeOf(node);
    if (!Array.isArray(node) && proto !== Object.prototype && proto !== null) return;
    if (Object.isFrozen(node)) return;
    if (Array.isArray(node))
      node.forEach((child, i) => {
        slots.push({ parent: node, key: i });
        walk(child, depth + 1);
      });
    else
      for (const key of Object.keys(node)) {
        slots.push({ parent: node as Record<string, unknown>, key });
        walk((node as Record<string, unknown>)[key], depth + 1);
      }
  };
  walk(root, 0);
  if (slots.length === 0) return;
  const { parent, key } = slots[m.path % slots.length];
  const p = parent as Record<string | number, unknown>;
  if (m.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete p[key];
  } else if (m.op === 'duplicate' && Array.isArray(parent)) {
    parent.push(parent[key as number]);
  } else if (m.op === 'stringify') {
    p[key] = typeof p[key] === 'string' ? Number(p[key]) : safeString(p[key]);
  } else {
    p[key] = m.value;
  }
}

function safeString(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return 'unserialisable';
  }
}

/**
 * Straight-from-the-definition FNV-1a 64 with BigInt and TextEncoder over names sorted by UTF-8 bytes — the slow,
 * obvious version the library's 16-bit-limb implementation must agree with.
 */
function referenceFingerprint(labels: Record<string, string>): string {
  const enc = new TextEncoder();
  const names = Object.keys(labels).sort((a, b) =>
    Buffer.compare(Buffer.from(enc.encode(a)), Buffer.from(enc.encode(b))),
  );
  let h = 0xcbf29ce484222325n;
  const add = (bytes: Iterable<number>): void => {
    for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  };
  for (const name of names) {
    add(enc.encode(name));
    add([0xff]);
    add(enc.encode(labels[name]));
    add([0xff]);
  }
  return h.toString(16).padStart(16, '0');
}
