/** Strips what makes objects long without telling a person or a model anything: managedFields, last-applied copies. */
import type { KubernetesObject } from '@kubernetes/client-node';

const NOISY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

export function cleanObject<T extends KubernetesObject>(obj: T): T {
  if (!obj.metadata) return obj;
  const metadata = { ...obj.metadata } as NonNullable<KubernetesObject['metadata']> & { selfLink?: string };
  delete metadata.managedFields;
  delete metadata.selfLink;
  if (metadata.annotations) {
    const annotations = { ...metadata.annotations };
    for (const key of NOISY_ANNOTATIONS) delete annotations[key];
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
    else metadata.annotations = annotations;
  }
  return { ...obj, metadata };
}
