/** CustomResourceDefinition → the resources it serves, and the status the real apiextensions controller sets. */
import { arr, getPath, obj, str, type JsonObject, type KubeObject, scalar } from '../model';
import { ALL_VERBS, type PrinterColumn, type ResourceDef, type SubresourceDef } from '../registry/resource';
import { nowTimestamp } from './meta';

export function crdResources(crd: KubeObject): ResourceDef[] {
  const spec = obj(crd.spec);
  const names = obj(spec.names);
  const group = str(spec.group) ?? '';
  const plural = str(names.plural) ?? '';
  const kind = str(names.kind) ?? '';
  const namespaced = spec.scope !== 'Cluster';
  const defs: ResourceDef[] = [];
  for (const v of arr(spec.versions).map(obj)) {
    if (v.served === false) continue;
    const subs = obj(v.subresources);
    const hasStatus = 'status' in subs;
    const scale = 'scale' in subs ? obj(subs.scale) : undefined;
    const subresources: SubresourceDef[] = [];
    if (scale)
      subresources.push({
        name: `${plural}/scale`,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: ['get', 'patch', 'update'],
      });
    if (hasStatus) subresources.push({ name: `${plural}/status`, kind, verbs: ['get', 'patch', 'update'] });
    const jsonPathSegments = (p: unknown) => (str(p) ?? '').replace(/^\./, '').split('.').filter(Boolean);
    defs.push({
      group,
      version: str(v.name) ?? 'v1',
      resource: plural,
      singular: str(names.singular) ?? kind.toLowerCase(),
      kind,
      namespaced,
      verbs: ALL_VERBS,
      shortNames: arr(names.shortNames).map(String),
      categories: arr(names.categories).map(String),
      subresources,
      storage: `${group}/${plural}`,
      generation: true,
      statusSubresource: hasStatus,
      defaultPropagation: 'Background',
      scale: scale
        ? {
            specReplicasPath: jsonPathSegments(scale.specReplicasPath),
            statusReplicasPath: jsonPathSegments(scale.statusReplicasPath),
            labelSelectorPath: scale.labelSelectorPath ? jsonPathSegments(scale.labelSelectorPath) : undefined,
          }
        : undefined,
      crd: {
        name: crd.metadata.name ?? '',
        printerColumns: arr(v.additionalPrinterColumns).map((c) => c as PrinterColumn),
      },
    });
  }
  for (const d of defs) {
    if (d.shortNames?.length === 0) delete d.shortNames;
    if (d.categories?.length === 0) delete d.categories;
  }
  return defs;
}

/** What the apiextensions controller reports once names are accepted and the CRD is established. */
export function establishedStatus(crd: KubeObject): JsonObject {
  const names = obj(getPath(crd, ['spec', 'names']));
  const now = nowTimestamp();
  const accepted: JsonObject = {
    kind: scalar(names.kind ?? ''),
    listKind: scalar(names.listKind ?? `${scalar(names.kind)}List`),
    plural: scalar(names.plural ?? ''),
    singular: scalar(names.singular ?? scalar(names.kind).toLowerCase()),
  };
  if (arr(names.shortNames).length) accepted.shortNames = arr(names.shortNames).map(String);
  if (arr(names.categories).length) accepted.categories = arr(names.categories).map(String);
  const versions = arr(getPath(crd, ['spec', 'versions'])).map(obj);
  return {
    acceptedNames: accepted,
    conditions: [
      {
        lastTransitionTime: now,
        message: 'no conflicts found',
        reason: 'NoConflicts',
        status: 'True',
        type: 'NamesAccepted',
      },
      {
        lastTransitionTime: now,
        message: 'the initial names have been accepted',
        reason: 'InitialNamesAccepted',
        status: 'True',
        type: 'Established',
      },
    ],
    storedVersions: versions.filter((v) => v.storage === true).map((v) => String(v.name)),
  };
}
