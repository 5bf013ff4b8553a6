/** Parameters of the Alertmanager Trigger. */
import { DEFAULT_EXCLUDED_ALERTNAMES, MIN_SEVERITY_OPTIONS } from '../shared/alertFilters';
import type { INodeProperties } from 'n8n-workflow';

export const properties: INodeProperties[] = [
  {
    displayName:
      'Point an Alertmanager webhook receiver at the Production URL above (webhook_configs: - url: …, send_resolved: true). The trigger answers 200 when it accepted the alerts (202 when some alerts of the payload were unreadable), 400/415/422 with a message for a body that is not an alert payload — Alertmanager does not retry 4xx — and 503 when it fails for a reason that may pass, which Alertmanager retries with backoff until about group_interval. With Respond "When the Workflow Finishes", a failing workflow is answered 500 by n8n, so Alertmanager re-sends it too: keep later steps idempotent (use dedupeKey).',
    name: 'setupNotice',
    type: 'notice',
    default: '',
  },
  {
    displayName: 'Respond',
    name: 'respond',
    type: 'options',
    options: [
      {
        name: 'When Accepted',
        value: 'onReceived',
        description:
          'Answer as soon as the alerts are read; a later failure of the workflow is not retried by Alertmanager',
      },
      {
        name: 'When the Workflow Finishes',
        value: 'lastNode',
        description:
          'Answer after the last node: 200 with its first item, 500 if the workflow failed (Alertmanager then retries)',
      },
    ],
    default: 'onReceived',
  },
  {
    displayName: 'Output',
    name: 'output',
    type: 'options',
    options: [
      { name: 'One Item per Alert', value: 'alert' },
      {
        name: 'One Item per Group',
        value: 'group',
        description: 'The whole notification as one item, its alerts in an array',
      },
    ],
    default: 'alert',
  },
  {
    displayName: 'Include Resolved Alerts',
    name: 'includeResolved',
    type: 'boolean',
    default: true,
    description: 'Whether resolved alerts start the workflow (needs send_resolved: true in Alertmanager)',
  },
  {
    displayName: 'Minimum Severity',
    name: 'minSeverity',
    type: 'options',
    options: MIN_SEVERITY_OPTIONS,
    default: 'none',
    description: 'Alerts below this are accepted (Alertmanager gets 200) but do not start the workflow',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    options: [
      {
        displayName: 'Exclude Alert Names',
        name: 'excludeAlertnames',
        type: 'string',
        default: DEFAULT_EXCLUDED_ALERTNAMES,
        description:
          'Comma-separated alertnames that never start the workflow. Without this option Watchdog and InfoInhibitor are dropped.',
      },
      {
        displayName: 'Remove Duplicates',
        name: 'dedupe',
        type: 'boolean',
        default: true,
        description: 'Whether to drop repeated alerts within one notification',
      },
      {
        displayName: 'Repeat Window (Minutes)',
        name: 'repeatWindowMinutes',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 0,
        description:
          'Drop an alert (same fingerprint and status) already handled through another notification within this many minutes — Alertmanager re-sends a group whenever an alert joins it. A retry of the same notification (after a non-2xx answer) still passes. Set it to your repeat_interval; 0 turns it off.',
      },
      {
        displayName: 'Redis URL',
        name: 'redisUrl',
        type: 'string',
        typeOptions: { password: true },
        default: '',
        placeholder: 'redis://redis:6379/1',
        description:
          'Where the repeat window is kept, shared by every n8n process (needed in queue mode). Empty: the KUBE_AIOPS_REDIS_URL environment variable, else the memory of this n8n process, saved into the workflow static data for restarts: right for one n8n process, not for several webhook processors (each would keep its own record).',
      },
    ],
  },
];
