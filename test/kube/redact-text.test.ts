/**
 * Credentials inside free text, property-tested: whatever the surrounding line, a value written after a credential
 * key or inside URL userinfo never survives redactText, the rest of the line does, and the function is idempotent
 * and linear on hostile input.
 */
import fc from 'fast-check';
import { isCredentialKey, redact, redactText } from '../../lib/kube/redact';

const SECRET_CHARS = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%*+-_.~^'.split(''),
);
/** a value long and random enough that finding it in the output means it leaked */
const secret = fc.string({ unit: SECRET_CHARS, minLength: 10, maxLength: 40 }).map((s) => `Zq${s}9`);
const credentialKey = fc.constantFrom(
  'password',
  'PASSWORD',
  'passwd',
  'pwd',
  'pw',
  'secret',
  'token',
  'apikey',
  'api_key',
  'access_key',
  'private_key',
  'credential',
  'auth',
  'bearer',
  'DB_PASSWORD',
  'MYSQL_ROOT_PW',
  'mysqlRootPassword',
  'spring.datasource.password',
  'x-auth-token',
  'AWS_SECRET_ACCESS_KEY',
  'client_secret',
  'apiKey',
);
/** filler text around a pair: words, punctuation, other pairs; never glued to the pair */
const filler = fc
  .array(
    fc.constantFrom(
      'level=info',
      'msg="request done"',
      'user=admin',
      'status: 200',
      'at',
      'db',
      '[main]',
      '2026-12-01T10:00:00Z',
      'connecting',
      'failed;',
    ),
    { maxLength: 6 },
  )
  .map((words) => words.join(' '));

const pairShape = fc.constantFrom(
  (k: string, v: string) => `${k}=${v}`,
  (k: string, v: string) => `${k}: ${v}`,
  (k: string, v: string) => `"${k}":"${v}"`,
  (k: string, v: string) => `"${k}": "${v}"`,
  (k: string, v: string) => `'${k}': '${v}'`,
  (k: string, v: string) => `--${k}=${v}`,
  (k: string, v: string) => `-D${k}=${v}`,
);

describe('redactText', () => {
  it('hides the value of every credential pair in any line, keeping the key and the rest', () => {
    fc.assert(
      fc.property(filler, credentialKey, secret, pairShape, filler, (before, key, value, shape, after) => {
        const line = `${before} ${shape(key, value.replace(/["']/g, ''))} ${after}`;
        const out = redactText(line);
        expect(out).not.toContain(value.replace(/["']/g, ''));
        expect(out).toContain(key);
        expect(out).toContain(before);
        expect(out).toContain(after);
        expect(redactText(out)).toBe(out);
      }),
      { numRuns: 400 },
    );
  });

  it('hides the password of URL userinfo, keeping scheme, user and host', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('postgres', 'mysql', 'redis', 'amqp', 'mongodb+srv', 'https'),
        fc.constantFrom('admin', 'default', '', 'app_user'),
        secret.map((s) => s.replace(/[@/\s]/g, '')),
        filler,
        (scheme, user, pass, around) => {
          const line = `${around} ${scheme}://${user}:${pass}@db.example:5432/app ${around}`;
          const out = redactText(line);
          expect(out).not.toContain(pass);
          expect(out).toContain(`${scheme}://${user}:<redacted`);
          expect(out).toContain('@db.example:5432/app');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves text without credential pairs as it is', () => {
    for (const line of [
      'FATAL: password authentication failed for user "admin"',
      'max_tokens=512 time=3s level: info',
      'oauth=1 author=bob tokens: 7',
      'GET /api/v1/namespaces/shop/pods 200',
      'image: nginx:1.27 secretName: db-secret-ref',
    ]) {
      const out = redactText(line);
      if (line.startsWith('image')) expect(out).toContain('image: nginx:1.27');
      else expect(out).toBe(line);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const out = redactText(text);
        if (!/[=:]|bearer|basic|token/i.test(text)) expect(out).toBe(text);
        expect(redactText(out)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });

  it('hides Bearer tokens', () => {
    expect(redactText('Authorization: Bearer eyJhbGciOi.J9.abc')).not.toContain('eyJhbGciOi');
    expect(redactText('curl -H "Authorization: Basic YWRtaW46c2VjcmV0"')).not.toContain('YWRtaW46c2VjcmV0');
  });

  it('hides Chinese keys, the full-width colon and `--flag value` in logs, not only in alert text', () => {
    fc.assert(
      fc.property(
        secret,
        fc.constantFrom('密码：', '数据库密码: ', '令牌=', 'password：', 'DB_PASSWORD：', '--password ', '-token '),
        (value, key) => {
          const line = `启动失败 ${key}${value} 请检查配置`;
          const out = redactText(line);
          expect(out).not.toContain(value);
          expect(out.startsWith('启动失败 ')).toBe(true);
          expect(out.endsWith(' 请检查配置')).toBe(true);
          expect(redactText(out)).toBe(out);
        },
      ),
      { numRuns: 200 },
    );
    // a flag that names no credential keeps its value, and so does ordinary Chinese text with a full-width colon
    expect(redactText('exec --config /etc/app.yaml')).toBe('exec --config /etc/app.yaml');
    expect(redactText('原因：磁盘已满')).toBe('原因：磁盘已满');
  });

  it('is linear on hostile input: a quarter megabyte of the worst shapes stays well under a second', () => {
    const shapes = [
      'a'.repeat(250_000),
      'x:'.repeat(125_000),
      `password${'='.repeat(250_000)}`,
      `postgres://${'a'.repeat(125_000)}:${'b'.repeat(125_000)}`,
      '"password":"'.repeat(20_000),
      'a-'.repeat(125_000),
      `密码：${'a'.repeat(250_000)}`,
      '-a '.repeat(80_000),
      'k：'.repeat(125_000),
      `${'Bearer '.repeat(35_000)}`,
    ];
    for (const text of shapes) {
      const t0 = Date.now();
      redactText(text);
      expect({ shape: text.slice(0, 12), ms: Date.now() - t0 < 1000 }).toEqual({ shape: text.slice(0, 12), ms: true });
    }
  });
});

describe('isCredentialKey and objects', () => {
  it('knows credential keys by their words', () => {
    for (const k of ['MYSQL_ROOT_PW', 'DB_PASSWORD', 'dbPassword', 'api-key', 'GITHUB_TOKEN', 'privateKey'])
      expect(isCredentialKey(k)).toBe(true);
    for (const k of ['user', 'max_tokens', 'keyspace', 'level', 'oauth_client_id_hint'])
      expect(isCredentialKey(k)).toBe(false);
  });

  it('redact hides credential env literals by name and credentials inside any string of an object', () => {
    fc.assert(
      fc.property(secret, (value) => {
        const pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', annotations: { 'example.com/dsn': `mysql://root:${value}@db/` } },
          spec: {
            containers: [
              {
                name: 'c',
                args: [`--db-password=${value}`],
                env: [
                  { name: 'MYSQL_ROOT_PW', value },
                  { name: 'JAVA_OPTS', value: `-Xmx1g -Dspring.datasource.password=${value}` },
                ],
              },
            ],
          },
          status: {
            containerStatuses: [
              { name: 'c', lastState: { terminated: { message: `auth failed: password=${value}` } } },
            ],
          },
        };
        const out = JSON.stringify(redact(pod));
        expect(out).not.toContain(value);
        expect(out).toContain('-Xmx1g');
      }),
      { numRuns: 100 },
    );
    const cm = redact({ kind: 'ConfigMap', data: { DB_PASSWORD: 'hunter2-long', LOG_LEVEL: 'info' } });
    expect(cm.data).toEqual({ DB_PASSWORD: '<redacted: 12 bytes>', LOG_LEVEL: 'info' });
  });
});
