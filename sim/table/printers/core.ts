/** Services, Nodes, Namespaces, Events, ConfigMaps, Secrets, ServiceAccounts, Endpoints, PVs and PVCs. */
import { arr, getPath, obj, str, type KubeObject, scalar } from '../../model';
import { ageOf } from '../age';
import { formatLabels, num } from '../format';
import { col, type Printer } from '../types';

const age = (o: KubeObject) => ageOf(o.metadata.creationTimestamp);
const name = (o: KubeObject) => o.metadata.name ?? '';

function externalIP(svc: KubeObject): string {
  const spec = obj(svc.spec);
  const external = arr(spec.externalIPs).map(String);
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = arr(getPath(svc, ['status', 'loadBalancer', 'ingress'])).map(obj);
      const lb = [...new Set(ingress.map((i) => str(i.ip) || str(i.hostname) || '').filter(Boolean))].sort();
      const all = [...lb, ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName) ?? '';
    default:
      return '<unknown>';
  }
}

function servicePorts(svc: KubeObject): string {
  const ports = arr(getPath(svc, ['spec', 'ports'])).map(obj);
  const text = ports
    .map((p) =>
      num(p.nodePort) > 0
        ? `${scalar(p.port)}:${scalar(p.nodePort)}/${scalar(p.protocol ?? 'TCP')}`
        : `${scalar(p.port)}/${scalar(p.protocol ?? 'TCP')}`,
    )
    .join(',');
  return text || '<none>';
}

export const servicePrinter: Printer = {
  columns: [
    col('Name'),
    col('Type', 0, 'string', 'type determines how the Service is exposed.'),
    col('Cluster-IP', 0, 'string', 'clusterIP is the IP address of the service.'),
    col(
      'External-IP',
      0,
      'string',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    col('Port(s)', 0, 'string', 'The list of ports that are exposed by this service.'),
    col('Age'),
    col('Selector', 1, 'string', 'Route service traffic to pods with label keys and values matching this selector.'),
  ],
  row(o) {
    const spec = obj(o.spec);
    const ips = arr(spec.clusterIPs).map(String);
    const clusterIP = ips[0] ?? str(spec.clusterIP) ?? '<none>';
    return {
      cells: [
        name(o),
        str(spec.type) ?? 'ClusterIP',
        clusterIP || '<none>',
        externalIP(o),
        servicePorts(o),
        age(o),
        formatLabels(spec.selector),
      ],
    };
  },
};

function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length)
      roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeAddress(node: KubeObject, type: string): string {
  const a = arr(getPath(node, ['status', 'addresses']))
    .map(obj)
    .find((x) => x.type === type);
  return str(a?.address) ?? '<none>';
}

export const nodePrinter: Printer = {
  columns: [
    col('Name'),
    col('Status', 0, 'string', 'The status of the node'),
    col('Roles', 0, 'string', 'The roles of the node'),
    col('Age'),
    col('Version', 0, 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 1, 'string', 'List of addresses reachable to the node.'),
    col('External-IP', 1, 'string', 'List of addresses reachable to the node.'),
    col(
      'OS-Image',
      1,
      'string',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
    ),
    col(
      'Kernel-Version',
      1,
      'string',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    ),
    col(
      'Container-Runtime',
      1,
      'string',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
    ),
  ],
  row(o) {
    const ready = arr(getPath(o, ['status', 'conditions']))
      .map(obj)
      .find((c) => c.type === 'Ready');
    const status: string[] = [];
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    else status.push('Unknown');
    if (getPath(o, ['spec', 'unschedulable']) === true) status.push('SchedulingDisabled');
    const info = obj(getPath(o, ['status', 'nodeInfo']));
    return {
      cells: [
        name(o),
        status.join(','),
        nodeRoles(o),
        age(o),
        str(info.kubeletVersion) ?? '',
        nodeAddress(o, 'InternalIP'),
        nodeAddress(o, 'ExternalIP'),
        str(info.osImage) || '<unknown>',
        str(info.kernelVersion) || '<unknown>',
        str(info.containerRuntimeVersion) || '<unknown>',
      ],
    };
  },
};

export const namespacePrinter: Printer = {
  columns: [col('Name'), col('Status', 0, 'string', 'The status of the namespace'), col('Age')],
  row(o) {
    return { cells: [name(o), str(getPath(o, ['status', 'phase'])) ?? '', age(o)] };
  },
};

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 0, 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 0, 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      0,
      'string',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 0, 'string', 'The object that this event is about.'),
    col(
      'Subobject',
      1,
      'string',
      'If the reference is to a portion of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
    ),
    col('Source', 1, 'string', 'The component reporting this event. Should be a short machine understandable string.'),
    col('Message', 0, 'string', 'A human-readable description of the status of this operation.'),
    col(
      'First Seen',
      1,
      'string',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
    ),
    col('Count', 1, 'string', 'The number of times this event has occurred.'),
    { ...col('Name', 1), priority: 1 },
  ],
  row(o) {
    const first = o.firstTimestamp ? ageOf(o.firstTimestamp) : ageOf(o.eventTime);
    let last = o.lastTimestamp ? ageOf(o.lastTimestamp) : first;
    let count = num(o.count);
    const series = obj(o.series);
    if (o.series && typeof o.series === 'object') {
      last = ageOf(series.lastObservedTime);
      count = num(series.count);
    } else if (count === 0) count = 1;
    const involved = obj(o.involvedObject);
    const kind = scalar(involved.kind ?? '').toLowerCase();
    const target = str(involved.name) ? `${kind}/${scalar(involved.name)}` : kind;
    const source = obj(o.source);
    const component = str(source.component) || str(o.reportingComponent) || '';
    const host = str(source.host) || str(o.reportingInstance) || '';
    return {
      cells: [
        last,
        str(o.type) ?? '',
        str(o.reason) ?? '',
        target,
        str(involved.fieldPath) ?? '',
        host ? `${component}, ${host}` : component,
        scalar(o.message ?? '').trim(),
        first,
        count,
        name(o),
      ],
    };
  },
};

export const configMapPrinter: Printer = {
  columns: [col('Name'), col('Data', 0, 'string', 'Data contains the configuration data.'), col('Age')],
  row(o) {
    return { cells: [name(o), Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length, age(o)] };
  },
};

export const secretPrinter: Printer = {
  columns: [
    col('Name'),
    col('Type', 0, 'string', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 0, 'string', 'Data contains the secret data.'),
    col('Age'),
  ],
  row(o) {
    return { cells: [name(o), str(o.type) ?? 'Opaque', Object.keys(obj(o.data)).length, age(o)] };
  },
};

export const serviceAccountPrinter: Printer = {
  columns: [
    col('Name'),
    col(
      'Secrets',
      0,
      'string',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
    ),
    col('Age'),
  ],
  row(o) {
    return { cells: [name(o), arr(o.secrets).length, age(o)] };
  },
};

export const endpointsPrinter: Printer = {
  columns: [
    col('Name'),
    col('Endpoints', 0, 'string', 'The set of all endpoints is the union of all subsets.'),
    col('Age'),
  ],
  row(o) {
    const pieces: string[] = [];
    let total = 0;
    for (const subset of arr(o.subsets).map(obj)) {
      const addresses = arr(subset.addresses).map(obj);
      const ports = arr(subset.ports).map(obj);
      for (const a of addresses) {
        for (const p of ports.length ? ports : [{}]) {
          total += 1;
          if (pieces.length < 3) pieces.push(p.port !== undefined ? `${scalar(a.ip)}:${scalar(p.port)}` : String(a.ip));
        }
      }
    }
    let text = pieces.join(',');
    if (total > 3) text += ` + ${total - 3} more...`;
    return { cells: [name(o), text || '<none>', age(o)] };
  },
};

function accessModes(modes: unknown): string {
  const short: Record<string, string> = {
    ReadWriteOnce: 'RWO',
    ReadOnlyMany: 'ROX',
    ReadWriteMany: 'RWX',
    ReadWriteOncePod: 'RWOP',
  };
  const list = arr(modes).map(String);
  return Object.keys(short)
    .filter((m) => list.includes(m))
    .map((m) => short[m])
    .join(',');
}

export const pvPrinter: Printer = {
  columns: [
    col('Name'),
    col('Capacity', 0, 'string', "capacity is the description of the persistent volume's resources and capacity."),
    col('Access Modes', 0, 'string', 'accessModes contains all ways the volume can be mounted.'),
    col(
      'Reclaim Policy',
      0,
      'string',
      'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.',
    ),
    col('Status', 0, 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
    col(
      'Claim',
      0,
      'string',
      'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.',
    ),
    col('StorageClass', 0, 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 0, 'string', 'VolumeAttributesClass of the pv'),
    col(
      'Reason',
      0,
      'string',
      'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.',
    ),
    col('Age'),
    col(
      'VolumeMode',
      1,
      'string',
      'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.',
    ),
  ],
  row(o) {
    const spec = obj(o.spec);
    const claim = obj(spec.claimRef);
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : (str(getPath(o, ['status', 'phase'])) ?? '');
    return {
      cells: [
        name(o),
        scalar(obj(spec.capacity).storage ?? '0'),
        accessModes(spec.accessModes),
        str(spec.persistentVolumeReclaimPolicy) ?? '',
        phase,
        spec.claimRef ? `${scalar(claim.namespace ?? '')}/${scalar(claim.name ?? '')}` : '',
        str(spec.storageClassName) ?? '',
        str(spec.volumeAttributesClassName) ?? '<unset>',
        str(getPath(o, ['status', 'reason'])) ?? '',
        age(o),
        str(spec.volumeMode) ?? '<unset>',
      ],
    };
  },
};

export const pvcPrinter: Printer = {
  columns: [
    col('Name'),
    col('Status', 0, 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 0, 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 0, 'string', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 0, 'string', 'accessModes contains the actual access modes the volume backing the PVC has.'),
    col('StorageClass', 0, 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 0, 'string', 'VolumeAttributesClass of the pvc'),
    col('Age'),
    col('VolumeMode', 1, 'string', 'volumeMode defines what type of volume is required by the claim.'),
  ],
  row(o) {
    const spec = obj(o.spec);
    const status = obj(o.status);
    const bound = Boolean(str(spec.volumeName));
    const phase = o.metadata.deletionTimestamp ? 'Terminating' : (str(status.phase) ?? '');
    return {
      cells: [
        name(o),
        phase,
        str(spec.volumeName) ?? '',
        bound ? scalar(obj(status.capacity).storage ?? '0') : '',
        bound ? accessModes(status.accessModes) : '',
        str(spec.storageClassName) ?? '',
        str(spec.volumeAttributesClassName) ?? '<unset>',
        age(o),
        str(spec.volumeMode) ?? '<unset>',
      ],
    };
  },
};
