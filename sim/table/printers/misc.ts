/** Ingresses, HPAs, PDBs, StorageClasses, Leases, RBAC bindings, PriorityClasses, NetworkPolicies. */
import { arr, getPath, obj, str, type KubeObject, scalar } from '../../model';
import { ageOf } from '../age';
import { formatSelector, intOrString, num } from '../format';
import { col, type Printer } from '../types';

const age = (o: KubeObject) => ageOf(o.metadata.creationTimestamp);
const name = (o: KubeObject) => o.metadata.name ?? '';

export const ingressPrinter: Printer = {
  columns: [
    col('Name'),
    col('Class', 0, 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 0, 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 0, 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 0, 'string', 'Ports of TLS configurations that open'),
    col('Age'),
  ],
  row(o) {
    const spec = obj(o.spec);
    const rules = arr(spec.rules).map(obj);
    const hosts = rules.map((r) => str(r.host)).filter((h): h is string => Boolean(h));
    let hostText = hosts.slice(0, 3).join(',') || '*';
    if (rules.length > 3 && hosts.length >= 3) hostText += ` + ${rules.length - 3} more...`;
    const ingress = arr(getPath(o, ['status', 'loadBalancer', 'ingress'])).map(obj);
    const address = [...new Set(ingress.map((i) => str(i.ip) || str(i.hostname) || '').filter(Boolean))]
      .sort()
      .join(',');
    return {
      cells: [
        name(o),
        str(spec.ingressClassName) ?? '<none>',
        hostText,
        address,
        arr(spec.tls).length ? '80, 443' : '80',
        age(o),
      ],
    };
  },
};

function hpaTargets(o: KubeObject): string {
  const metrics = arr(getPath(o, ['spec', 'metrics'])).map(obj);
  const current = arr(getPath(o, ['status', 'currentMetrics'])).map(obj);
  if (!metrics.length) {
    const target = getPath(o, ['spec', 'targetCPUUtilizationPercentage']);
    if (target === undefined) return '<none>';
    const cur = getPath(o, ['status', 'currentCPUUtilizationPercentage']);
    return `cpu: ${cur === undefined ? '<unknown>' : `${scalar(cur)}%`}/${scalar(target)}%`;
  }
  const parts = metrics.map((m, i) => {
    const res = obj(m.resource);
    const target = obj(res.target);
    const cur = obj(obj(current[i]?.resource).current);
    const metricName = str(res.name) ?? str(m.type) ?? '';
    if (target.type === 'Utilization') {
      const c = cur.averageUtilization === undefined ? '<unknown>' : `${scalar(cur.averageUtilization)}%`;
      return `${metricName}: ${c}/${scalar(target.averageUtilization)}%`;
    }
    const t = target.averageValue ?? target.value ?? '';
    const c = cur.averageValue ?? cur.value;
    return `${metricName}: ${c === undefined ? '<unknown>' : scalar(c)}/${scalar(t)}`;
  });
  const shown = parts.slice(0, 2).join(', ');
  return parts.length > 2 ? `${shown} + ${parts.length - 2} more...` : shown;
}

export const hpaPrinter: Printer = {
  columns: [
    col('Name'),
    col('Reference', 0, 'string', 'scaleTargetRef points to the target resource to scale'),
    col(
      'Targets',
      0,
      'string',
      'metrics contains the specifications for which to use to calculate the desired replica count',
    ),
    col(
      'MinPods',
      0,
      'string',
      'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.',
    ),
    col(
      'MaxPods',
      0,
      'string',
      'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.',
    ),
    col('Replicas', 0, 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler'),
    col('Age'),
  ],
  row(o) {
    const spec = obj(o.spec);
    const ref = obj(spec.scaleTargetRef);
    return {
      cells: [
        name(o),
        `${scalar(ref.kind ?? '')}/${scalar(ref.name ?? '')}`,
        hpaTargets(o),
        spec.minReplicas === undefined ? '<unset>' : num(spec.minReplicas),
        num(spec.maxReplicas),
        num(getPath(o, ['status', 'currentReplicas'])),
        age(o),
      ],
    };
  },
};

export const pdbPrinter: Printer = {
  columns: [
    col('Name'),
    col('Min Available', 0, 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 0, 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 0, 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    col('Age'),
  ],
  row(o) {
    const spec = obj(o.spec);
    return {
      cells: [
        name(o),
        spec.minAvailable === undefined ? 'N/A' : intOrString(spec.minAvailable),
        spec.maxUnavailable === undefined ? 'N/A' : intOrString(spec.maxUnavailable),
        num(getPath(o, ['status', 'disruptionsAllowed'])),
        age(o),
      ],
    };
  },
};

export const storageClassPrinter: Printer = {
  columns: [
    col('Name'),
    col('Provisioner', 0, 'string', 'provisioner indicates the type of the provisioner.'),
    col(
      'ReclaimPolicy',
      0,
      'string',
      'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.',
    ),
    col(
      'VolumeBindingMode',
      0,
      'string',
      'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.',
    ),
    col(
      'AllowVolumeExpansion',
      0,
      'string',
      'allowVolumeExpansion shows whether the storage class allow volume expand.',
    ),
    col('Age'),
  ],
  row(o) {
    const isDefault = o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
    return {
      cells: [
        isDefault ? `${name(o)} (default)` : name(o),
        str(o.provisioner) ?? '',
        str(o.reclaimPolicy) ?? 'Delete',
        str(o.volumeBindingMode) ?? 'Immediate',
        o.allowVolumeExpansion === true ? 'true' : 'false',
        age(o),
      ],
    };
  },
};

export const leasePrinter: Printer = {
  columns: [
    col('Name'),
    col('Holder', 0, 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
    col('Age'),
  ],
  row(o) {
    return { cells: [name(o), str(getPath(o, ['spec', 'holderIdentity'])) ?? '', age(o)] };
  },
};

function subjects(o: KubeObject): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of arr(o.subjects).map(obj)) {
    if (s.kind === 'User') users.push(String(s.name));
    else if (s.kind === 'Group') groups.push(String(s.name));
    else if (s.kind === 'ServiceAccount') sas.push(`${scalar(s.namespace ?? '')}/${scalar(s.name)}`);
  }
  return [users.join(', '), groups.join(', '), sas.join(', ')];
}

export const roleBindingPrinter: Printer = {
  columns: [
    col('Name'),
    col(
      'Role',
      0,
      'string',
      'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.',
    ),
    col('Age'),
    col('Users', 1, 'string', 'Users in the roleBinding'),
    col('Groups', 1, 'string', 'Groups in the roleBinding'),
    col('ServiceAccounts', 1, 'string', 'ServiceAccounts in the roleBinding'),
  ],
  row(o) {
    const ref = obj(o.roleRef);
    return { cells: [name(o), `${scalar(ref.kind ?? '')}/${scalar(ref.name ?? '')}`, age(o), ...subjects(o)] };
  },
};

export const priorityClassPrinter: Printer = {
  columns: [
    col('Name'),
    col('Value', 0, 'integer', 'value represents the integer value of this priority class.'),
    col(
      'Global-Default',
      0,
      'boolean',
      'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.',
    ),
    col('Preemptionpolicy', 0, 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority.'),
    col('Age'),
  ],
  row(o) {
    return {
      cells: [
        name(o),
        num(o.value),
        o.globalDefault === true,
        str(o.preemptionPolicy) ?? 'PreemptLowerPriority',
        age(o),
      ],
    };
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [
    col('Name'),
    col('Pod-Selector', 0, 'string', 'podSelector selects the pods to which this NetworkPolicy object applies.'),
    col('Age'),
  ],
  row(o) {
    const sel = getPath(o, ['spec', 'podSelector']);
    const text = formatSelector(sel);
    return { cells: [name(o), text === '<none>' ? '<none>' : text, age(o)] };
  },
};
