/**
 * The colours of the HTML report. Badges carry text, so each text/background pair keeps a WCAG contrast of at least
 * 4.5:1 (test/diagnose/report-palette.test.ts computes it); amber takes dark text because white on amber never does.
 */
import type { Severity } from '../types';

export interface Badge {
  fg: string;
  bg: string;
}

export const SEVERITY_BADGE: Record<Severity, Badge> = {
  critical: { fg: '#ffffff', bg: '#b42318' },
  warning: { fg: '#1f2328', bg: '#f5b942' },
  info: { fg: '#ffffff', bg: '#0b5cad' },
};

/** Health-score colours, as text on the white page. */
export const SCORE_COLOR = { ok: '#2f7d5b', mid: '#8a5a00', bad: '#c53030' } as const;

export const PAGE = { fg: '#1f2328', bg: '#ffffff', muted: '#57606a', header: '#f6f8fa' } as const;
