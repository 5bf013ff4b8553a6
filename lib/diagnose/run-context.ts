/**
 * The AnalyzerContext for a run, with its cross-object questions wired to the modules that answer them. It sits
 * above the explainers and checks, so they ask through the context instead of importing each other.
 */
import type { KubernetesObject, V1Service } from '@kubernetes/client-node';
import { baseContext, memoised } from './context';
import { explainCreateFailure } from './explain/create-failure';
import { computeServiceProblems } from './service-health';
import type { AnalyzerContext, Snapshot } from './types';

export function buildContext(snapshot: Snapshot): AnalyzerContext {
  return baseContext(snapshot, (ctx) => {
    const failures = new Map<string, (obj: KubernetesObject) => ReturnType<typeof explainCreateFailure>>();
    return {
      serviceProblems: memoised((svc: V1Service) => computeServiceProblems(ctx, svc), []),
      createFailure: (obj, kind) => {
        let f = failures.get(kind);
        if (!f) {
          f = memoised((o: KubernetesObject) => explainCreateFailure(ctx, kind, o), undefined);
          failures.set(kind, f);
        }
        return f(obj);
      },
    };
  });
}
