/** `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`: server-side printing into a meta.k8s.io Table. */
import { obj, type JsonObject, type KubeObject, scalar } from '../model';
import type { PrinterColumn, ResourceDef } from '../registry/resource';
import { ageOf } from './age';
import { evaluate } from './jsonpath';
import { podPrinter } from './printers/pods';
import {
  configMapPrinter,
  endpointsPrinter,
  eventPrinter,
  namespacePrinter,
  nodePrinter,
  pvcPrinter,
  pvPrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './printers/core';
import {
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './printers/workloads';
import {
  hpaPrinter,
  ingressPrinter,
  leasePrinter,
  networkPolicyPrinter,
  pdbPrinter,
  priorityClassPrinter,
  roleBindingPrinter,
  storageClassPrinter,
} from './printers/misc';
import { col, type Cell, type Column, type Printer } from './types';

const PRINTERS: Record<string, Printer> = {
  '/pods': podPrinter,
  '/services': servicePrinter,
  '/nodes': nodePrinter,
  '/namespaces': namespacePrinter,
  '/events': eventPrinter,
  '/configmaps': configMapPrinter,
  '/secrets': secretPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  '/endpoints': endpointsPrinter,
  '/persistentvolumes': pvPrinter,
  '/persistentvolumeclaims': pvcPrinter,
  '/replicationcontrollers': replicationControllerPrinter,
  'apps/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  'apps/statefulsets': statefulSetPrinter,
  'apps/daemonsets': daemonSetPrinter,
  'batch/jobs': jobPrinter,
  'batch/cronjobs': cronJobPrinter,
  'networking.k8s.io/ingresses': ingressPrinter,
  'networking.k8s.io/networkpolicies': networkPolicyPrinter,
  'autoscaling/horizontalpodautoscalers': hpaPrinter,
  'policy/poddisruptionbudgets': pdbPrinter,
  'storage.k8s.io/storageclasses': storageClassPrinter,
  'coordination.k8s.io/leases': leasePrinter,
  'rbac.authorization.k8s.io/rolebindings': roleBindingPrinter,
  'rbac.authorization.k8s.io/clusterrolebindings': roleBindingPrinter,
  'scheduling.k8s.io/priorityclasses': priorityClassPrinter,
};

/** Kinds without a printer: NAME and CREATED AT, as the apiserver's default table convertor prints them. */
const defaultPrinter: Printer = {
  columns: [
    col('Name'),
    col(
      'Created At',
      0,
      'date',
      'CreationTimestamp is a timestamp representing the server time when this object was created.',
    ),
  ],
  row: (o) => ({ cells: [o.metadata.name ?? '', o.metadata.creationTimestamp ?? null] }),
};

function crdPrinter(columns: PrinterColumn[]): Printer {
  const cols = columns.length ? columns : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
  return {
    columns: [
      col('Name'),
      ...cols.map((c) => ({
        ...col(c.name, c.priority ?? 0, c.type, c.description ?? ''),
        ...(c.format ? { format: c.format } : {}),
      })),
    ],
    row(o) {
      const cells: Cell[] = [o.metadata.name ?? ''];
      for (const c of cols) {
        const values = evaluate(o, c.jsonPath);
        if (!values.length) cells.push(null);
        else if (c.type === 'date') cells.push(ageOf(values[0]));
        else if (values.length === 1 && (typeof values[0] === 'number' || typeof values[0] === 'boolean'))
          cells.push(values[0]);
        else cells.push(values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : scalar(v))).join(','));
      }
      return { cells };
    },
  };
}

export function printerFor(def: ResourceDef): Printer {
  if (def.crd) return crdPrinter(def.crd.printerColumns);
  return PRINTERS[def.storage] ?? defaultPrinter;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  includeObject: IncludeObject;
  /** the object as the requested version serves it, for includeObject=Object (cells are printed from storage shape) */
  served?: (o: KubeObject) => KubeObject;
  apiVersion: string;
  listMeta?: Record<string, string | number>;
  resourceVersion?: string;
  noHeaders?: boolean;
}

/** The Table apiVersion the client accepts, if it asked for a Table at all. */
export function wantsTable(accept: string | undefined): string | undefined {
  for (const part of (accept ?? '').split(',')) {
    if (!/as=Table/.test(part) || !/g=meta\.k8s\.io/.test(part)) continue;
    return /v=v1beta1/.test(part) ? 'meta.k8s.io/v1beta1' : 'meta.k8s.io/v1';
  }
  return undefined;
}

export function renderTable(def: ResourceDef, objects: KubeObject[], opts: TableOptions): JsonObject {
  const printer = printerFor(def);
  const rows = objects.map((o) => {
    const { cells, conditions } = printer.row(o);
    const row: JsonObject = { cells };
    if (conditions) row.conditions = conditions as unknown as JsonObject[];
    if (opts.includeObject === 'Object') row.object = (opts.served ? opts.served(o) : o) as unknown as JsonObject;
    else if (opts.includeObject === 'Metadata') {
      row.object = {
        kind: 'PartialObjectMetadata',
        apiVersion: 'meta.k8s.io/v1',
        metadata: obj(o.metadata) as JsonObject,
      };
    }
    return row;
  });
  const metadata: JsonObject = opts.listMeta ? { ...opts.listMeta } : { resourceVersion: opts.resourceVersion ?? '' };
  const table: JsonObject = { kind: 'Table', apiVersion: opts.apiVersion, metadata };
  if (!opts.noHeaders) table.columnDefinitions = printer.columns as unknown as JsonObject[];
  table.rows = rows;
  return table;
}

export type { Column };
