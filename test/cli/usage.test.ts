import { main } from '../../cli/index';

describe('kube-aiops usage errors', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => stderr.mockRestore());

  it('exits 2 with usage on an unknown subcommand', async () => {
    expect(await main(['no-such-command'])).toBe(2);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(/unknown command|Usage/i);
  });

  it('exits 2 on an unknown flag', async () => {
    expect(await main(['--no-such-flag'])).toBe(2);
  });
});
