/**
 * A Microsoft Teams Workflows (Power Automate) webhook on loopback: sig in the query, the
 * `type: message` + Adaptive Card attachment schema, the 28 KB limit (413), 429 throttling; 202 on success.
 */
import { z } from 'zod';
import { firstIssue, randomToken, startFakeServer, type FakeAnswer, type FakeIm, type FakeRequest } from './server';

export type TeamsFailure = 'rateLimit' | 'tooLarge' | 'badRequest' | 'unauthorized';

export interface FakeTeamsOptions {
  rateLimit?: { max: number; windowMs: number };
}

const LIMIT = 28 * 1024;

type Element = { type: string; [key: string]: unknown };

const element: z.ZodType<Element> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('TextBlock'), text: z.string() }).passthrough(),
    z.object({ type: z.literal('Container'), items: z.array(element) }).passthrough(),
    z
      .object({ type: z.literal('FactSet'), facts: z.array(z.object({ title: z.string(), value: z.string() })) })
      .passthrough(),
    z.object({ type: z.literal('ColumnSet'), columns: z.array(z.unknown()).optional() }).passthrough(),
    z.object({ type: z.literal('Image'), url: z.string() }).passthrough(),
  ]),
) as z.ZodType<Element>;

const action = z.union([
  z.object({ type: z.literal('Action.OpenUrl'), title: z.string().min(1), url: z.string().url() }).passthrough(),
  z
    .object({ type: z.enum(['Action.ShowCard', 'Action.ToggleVisibility', 'Action.Execute', 'Action.Submit']) })
    .passthrough(),
]);

const adaptiveCard = z
  .object({
    type: z.literal('AdaptiveCard'),
    version: z.string().regex(/^1\.\d$/),
    body: z.array(element).min(1),
    actions: z.array(action).optional(),
    msteams: z
      .object({
        width: z.string().optional(),
        entities: z
          .array(
            z.object({
              type: z.literal('mention'),
              text: z.string(),
              mentioned: z.object({ id: z.string(), name: z.string() }),
            }),
          )
          .optional(),
      })
      .optional(),
  })
  .passthrough();

const message = z.object({
  type: z.literal('message'),
  attachments: z
    .array(
      z.object({
        contentType: z.literal('application/vnd.microsoft.card.adaptive'),
        contentUrl: z.string().nullable().optional(),
        content: adaptiveCard,
      }),
    )
    .min(1),
});

function error(status: number, code: string, text: string, reason?: string): FakeAnswer {
  return { status, body: { error: { code, message: text } }, accepted: false, reason: reason ?? code };
}

export async function startFakeTeams(opts: FakeTeamsOptions = {}): Promise<FakeIm<TeamsFailure>> {
  const id = randomToken();
  const sig = randomToken();
  const path = `/workflows/${id}/triggers/manual/paths/invoke`;

  function handle(req: FakeRequest): FakeAnswer {
    if (req.path !== path) return error(404, 'WorkflowNotFound', 'The workflow could not be found.');
    if (req.query.get('sig') !== sig)
      return error(401, 'DirectApiAuthorizationRequired', 'The request must be authenticated.');
    if (req.bytes > LIMIT)
      return error(413, 'MessageTooLarge', `The message is ${req.bytes} bytes; the limit is ${LIMIT}.`);
    if (req.json === undefined) return error(400, 'InvalidRequestContent', 'The request content is not valid JSON.');
    const parsed = message.safeParse(req.json);
    if (!parsed.success) return error(400, 'InvalidRequestContent', firstIssue(parsed.error));
    for (const attachment of parsed.data.attachments) {
      // every <at>x</at> in the card needs a matching mention entity, as Teams requires
      const raw = JSON.stringify(attachment.content.body);
      const ats = [...raw.matchAll(/<at>([^<]*)<\/at>/g)].map((m) => m[1]);
      const entities = new Set((attachment.content.msteams?.entities ?? []).map((e) => e.text));
      const missing = ats.filter((a) => !entities.has(`<at>${a}</at>`));
      if (missing.length)
        return error(400, 'InvalidRequestContent', `mention entity missing for <at>${missing[0]}</at>`);
    }
    return { status: 202, accepted: true };
  }

  return startFakeServer<TeamsFailure>({
    vendor: 'teams',
    webhookPath: `${path}?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`,
    handle,
    failures: {
      rateLimit: (o) => ({
        ...error(429, 'TooManyRequests', 'Rate limit is exceeded.'),
        headers: { 'retry-after': o.retryAfter ?? '1' },
      }),
      tooLarge: () => error(413, 'MessageTooLarge', 'The message is too large.'),
      badRequest: () => error(400, 'InvalidRequestContent', 'The request content is not valid.'),
      unauthorized: () => error(401, 'DirectApiAuthorizationRequired', 'The request must be authenticated.'),
    },
    ...(opts.rateLimit ? { rateLimit: { ...opts.rateLimit, kind: 'rateLimit' as const } } : {}),
  });
}
