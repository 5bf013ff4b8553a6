/**
 * Suites that drive a Debian program (Redis, Chromium, Alertmanager) run where it is installed and are skipped, with
 * a warning naming the package, where it is not. CI installs them all and sets KUBE_AIOPS_REQUIRE_INSTALLED=1, so a
 * package that failed to install fails the run instead of skipping its tests silently.
 */
import { existsSync } from 'node:fs';

export function describeIfInstalled(binary: string, pkg: string, suite: string): jest.Describe {
  if (existsSync(binary)) return describe;
  if (process.env.KUBE_AIOPS_REQUIRE_INSTALLED === '1')
    throw new Error(`[${suite}] ${binary} not found: install ${pkg} (KUBE_AIOPS_REQUIRE_INSTALLED=1)`);
  console.warn(`[${suite}] SKIPPED: ${binary} not found (apt-get install ${pkg})`);
  return describe.skip;
}
