/** Logs: container logs of a pod, or of the most relevant pod of a workload. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { logs, type KubeConnection } from '../../../lib/kube';
import { kindLocator, locatorValue, namespaceLocator } from '../../shared/locators';
import {
  forOperations,
  nameOf,
  nameProperty,
  optionalNumber,
  optionalString,
  type NodeOperation,
} from '../../shared/operation';
import { toJson } from '../../shared/json';

const OP = 'logs';
const show = forOperations(OP);

const properties: INodeProperties[] = [
  kindLocator(show, {
    displayName: 'Pod or Workload Kind',
    defaultKind: 'pods',
    description:
      'Pods, or a workload (Deployment, StatefulSet, DaemonSet, Job, ReplicaSet) or Service: then the logs of its most relevant pod — crash-looping or failing first, then not ready',
  }),
  nameProperty(show, 'Name of the pod or workload'),
  namespaceLocator(show),
  {
    displayName: 'Options',
    name: 'logOptions',
    type: 'collection',
    placeholder: 'Add option',
    default: {},
    displayOptions: { show },
    options: [
      {
        displayName: 'Container',
        name: 'container',
        type: 'string',
        default: '',
        description: 'Container to read. Empty means the default container, the only one, or the failing one.',
      },
      {
        displayName: 'Grep',
        name: 'grep',
        type: 'string',
        default: '',
        placeholder: 'e.g. error|exception|OOM',
        description: 'Keep only lines matching this regular expression',
      },
      {
        displayName: 'Ignore Case',
        name: 'ignoreCase',
        type: 'boolean',
        default: true,
        description: 'Whether Grep ignores upper and lower case',
      },
      {
        displayName: 'Max Bytes',
        name: 'maxBytes',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: 65536,
        description: 'Keep at most this many bytes; the newest lines are kept',
      },
      {
        displayName: 'Previous Instance',
        name: 'previous',
        type: 'boolean',
        default: false,
        description:
          'Whether to read the logs of the previous (crashed) container instance — what it printed before it died',
      },
      {
        displayName: 'Since',
        name: 'since',
        type: 'string',
        default: '',
        placeholder: 'e.g. 15m, 2h or 2026-05-01T10:00:00Z',
        description: 'Only lines written after this: a duration back from now, or a time',
      },
      {
        displayName: 'Tail Lines',
        name: 'tail',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: 200,
        description: 'Only the last N lines (500 when neither this nor Since is set)',
      },
      {
        displayName: 'Timestamps',
        name: 'timestamps',
        type: 'boolean',
        default: false,
        description: 'Whether to prefix each line with the time the container runtime received it',
      },
    ],
  },
];

export const logsOperation: NodeOperation<KubeConnection> = {
  option: {
    name: 'Logs',
    value: OP,
    action: 'Read container logs of a pod or workload',
    description:
      "Read container logs of a pod, or of a workload's most relevant pod (crash-looping first); last N lines, since a time, the previous crashed instance, filtered by a regular expression",
  },
  properties,
  async run(ctx, conn, i) {
    const o = ctx.getNodeParameter('logOptions', i, {}) as IDataObject;
    const result = await logs(conn, {
      kind: locatorValue(ctx, 'kind', i) || 'pods',
      name: nameOf(ctx, i),
      namespace: locatorValue(ctx, 'namespace', i) || undefined,
      container: optionalString(o.container),
      previous: o.previous === true,
      tail: optionalNumber(o.tail),
      since: optionalString(o.since),
      grep: optionalString(o.grep),
      ignoreCase: o.ignoreCase !== false,
      maxBytes: optionalNumber(o.maxBytes),
      timestamps: o.timestamps === true,
    });
    return [toJson(result)];
  },
};
