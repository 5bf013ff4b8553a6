import { parseAlertPayload, sampleAlertmanagerPayload } from '../../lib/alerts';
import { alertToMessage, alertsToMessage } from '../../lib/messages/alert-message';

function alerts(n: number, status: 'firing' | 'resolved' = 'firing') {
  return parseAlertPayload(sampleAlertmanagerPayload({ alerts: n, status })).alerts;
}

describe('alert → message', () => {
  it('titles a firing alert by status, alertname and object, with runbook, source and silence links', () => {
    const [alert] = alerts(1);
    const message = alertToMessage(alert);
    expect(message.title).toMatch(/^\[FIRING\] KubePodCrashLooping shop\/api-/);
    expect(message).toMatchObject({ severity: 'warning', status: 'firing' });
    expect(message.links?.map((l) => l.text)).toEqual(['Runbook', 'Source', 'Silence']);
    expect(message.fields?.[0]).toMatchObject({ label: 'Pod' });
    expect(message.markdown).toContain('**Pod is crash looping.**');
  });

  it('a resolved alert has no silence link and says how long it lasted', () => {
    const [alert] = alerts(1, 'resolved');
    const message = alertToMessage(alert);
    expect(message.status).toBe('resolved');
    expect(message.links?.map((l) => l.text)).not.toContain('Silence');
    expect(message.fields?.some((f) => f.label === 'lasted')).toBe(true);
  });

  it('several alerts of one name become a [FIRING:n] digest', () => {
    const same = alerts(20).filter((a) => a.alertname === 'KubePodCrashLooping');
    const message = alertsToMessage(same, { channel: 'dingtalk' });
    expect(message.title).toBe(`[FIRING:${same.length}] KubePodCrashLooping`);
    expect(message.links?.[0].text).toBe('Runbook');
  });
});
