/** Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicationControllers. */
import { arr, getPath, obj, str, type KubeObject } from '../../model';
import { ageOf, humanDuration } from '../age';
import { containerCells, formatLabels, formatSelector, num } from '../format';
import { col, type Printer } from '../types';

const CONTAINERS = col('Containers', 1, 'string', 'Names of each container in the template.');
const IMAGES = col('Images', 1, 'string', 'Images referenced by each container in the template.');
const SELECTOR = col('Selector', 1, 'string', 'Label selector for pods.');

const podSpecOf = (o: KubeObject) => getPath(o, ['spec', 'template', 'spec']);
const age = (o: KubeObject) => ageOf(o.metadata.creationTimestamp);
const name = (o: KubeObject) => o.metadata.name ?? '';
const spec = (o: KubeObject) => obj(o.spec);
const status = (o: KubeObject) => obj(o.status);

export const deploymentPrinter: Printer = {
  columns: [
    col('Name'),
    col('Ready', 0, 'string', 'Number of the pod with ready state'),
    col(
      'Up-to-date',
      0,
      'string',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    col(
      'Available',
      0,
      'string',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    col('Age'),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(o) {
    const s = status(o);
    const desired = num(spec(o).replicas ?? 1);
    return {
      cells: [
        name(o),
        `${num(s.readyReplicas)}/${desired}`,
        num(s.updatedReplicas),
        num(s.availableReplicas),
        age(o),
        ...containerCells(podSpecOf(o)),
        formatSelector(spec(o).selector),
      ],
    };
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    col('Name'),
    col('Desired', 0, 'integer', 'Replicas is the number of desired replicas.'),
    col('Current', 0, 'integer', 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 0, 'integer', 'The number of ready replicas for this replica set.'),
    col('Age'),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(o) {
    const s = status(o);
    return {
      cells: [
        name(o),
        num(spec(o).replicas ?? 1),
        num(s.replicas),
        num(s.readyReplicas),
        age(o),
        ...containerCells(podSpecOf(o)),
        formatSelector(spec(o).selector),
      ],
    };
  },
};

export const replicationControllerPrinter: Printer = {
  columns: replicaSetPrinter.columns,
  row(o) {
    const s = status(o);
    return {
      cells: [
        name(o),
        num(spec(o).replicas ?? 1),
        num(s.replicas),
        num(s.readyReplicas),
        age(o),
        ...containerCells(podSpecOf(o)),
        formatLabels(spec(o).selector),
      ],
    };
  },
};

export const statefulSetPrinter: Printer = {
  columns: [
    col('Name'),
    col('Ready', 0, 'string', 'Number of the pod with ready state'),
    col('Age'),
    CONTAINERS,
    IMAGES,
  ],
  row(o) {
    return {
      cells: [
        name(o),
        `${num(status(o).readyReplicas)}/${num(spec(o).replicas ?? 1)}`,
        age(o),
        ...containerCells(podSpecOf(o)),
      ],
    };
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    col('Name'),
    col('Desired', 0, 'integer', 'The total number of nodes that should be running the daemon pod.'),
    col(
      'Current',
      0,
      'integer',
      'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.',
    ),
    col(
      'Ready',
      0,
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
    ),
    col('Up-to-date', 0, 'integer', 'The total number of nodes that are running updated daemon pod'),
    col(
      'Available',
      0,
      'integer',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
    ),
    col('Node Selector', 0, 'string', 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    col('Age'),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(o) {
    const s = status(o);
    return {
      cells: [
        name(o),
        num(s.desiredNumberScheduled),
        num(s.currentNumberScheduled),
        num(s.numberReady),
        num(s.updatedNumberScheduled),
        num(s.numberAvailable),
        formatLabels(getPath(o, ['spec', 'template', 'spec', 'nodeSelector'])),
        age(o),
        ...containerCells(podSpecOf(o)),
        formatSelector(spec(o).selector),
      ],
    };
  },
};

export const jobPrinter: Printer = {
  columns: [
    col('Name'),
    col('Status', 0, 'string', 'Status of the job.'),
    col('Completions', 0, 'string', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 0, 'string', 'Time required to complete the job.'),
    col('Age'),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(o) {
    const s = status(o);
    const sp = spec(o);
    const succeeded = num(s.succeeded);
    let completions: string;
    if (sp.completions !== undefined && sp.completions !== null) completions = `${succeeded}/${num(sp.completions)}`;
    else completions = num(sp.parallelism) > 1 ? `${succeeded}/1 of ${num(sp.parallelism)}` : `${succeeded}/1`;
    const start = str(s.startTime);
    const end = str(s.completionTime);
    const duration = !start ? '' : humanDuration((end ? Date.parse(end) : Date.now()) - Date.parse(start));
    return {
      cells: [
        name(o),
        jobStatus(o),
        completions,
        duration,
        age(o),
        ...containerCells(podSpecOf(o)),
        formatSelector(sp.selector),
      ],
    };
  },
};

/** kubectl 1.31+: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet, Terminating or Running */
function jobStatus(o: KubeObject): string {
  const conds = arr(status(o).conditions).map(obj);
  const isTrue = (t: string) => conds.some((c) => c.type === t && c.status === 'True');
  if (isTrue('Complete')) return 'Complete';
  if (isTrue('Failed')) return 'Failed';
  if (o.metadata.deletionTimestamp) return 'Terminating';
  if (isTrue('FailureTarget')) return 'FailureTarget';
  if (isTrue('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (isTrue('Suspended')) return 'Suspended';
  return 'Running';
}

export const cronJobPrinter: Printer = {
  columns: [
    col('Name'),
    col('Schedule', 0, 'string', 'The schedule in Cron format.'),
    col('Timezone', 0, 'string', 'The time zone name for the given schedule.'),
    col('Suspend', 0, 'boolean', 'This flag tells the controller to suspend subsequent executions.'),
    col('Active', 0, 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 0, 'string', 'Information when was the last time the job was successfully scheduled.'),
    col('Age'),
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(o) {
    const sp = spec(o);
    const s = status(o);
    const last = str(s.lastScheduleTime);
    const jobSpec = getPath(o, ['spec', 'jobTemplate', 'spec']);
    return {
      cells: [
        name(o),
        str(sp.schedule) ?? '',
        str(sp.timeZone) ?? '<none>',
        sp.suspend === true ? 'True' : 'False',
        arr(s.active).length,
        last ? ageOf(last) : '<none>',
        age(o),
        ...containerCells(getPath(jobSpec, ['template', 'spec'])),
        formatSelector(obj(jobSpec).selector),
      ],
    };
  },
};
