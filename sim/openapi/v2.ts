/**
 * /openapi/v2 as kubectl downloads it: a protobuf-encoded gnostic openapi_v2.Document. The document is
 * deliberately empty of models, so kubectl skips client-side schema checks and builds strategic merge patches
 * from its compiled-in types — what it does against any server whose spec lacks a kind.
 */

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

/** length-delimited field (wire type 2) */
function field(num: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint((num << 3) | 2), ...varint(payload.length), ...payload]);
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function openApiV2Protobuf(version: string): Buffer {
  const info = concat([field(1, utf8('Kubernetes')), field(2, utf8(version))]);
  // Document: swagger = 1, info = 2, paths = 8 (empty)
  return Buffer.from(concat([field(1, utf8('2.0')), field(2, info), field(8, new Uint8Array())]));
}

export function openApiV2Json(version: string): object {
  return { swagger: '2.0', info: { title: 'Kubernetes', version }, paths: {}, definitions: {} };
}
