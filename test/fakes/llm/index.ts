/** An OpenAI-compatible model on loopback for the n8n e2e suite and the demo. */
export { startFakeLlm, type FakeLlm, type FakeLlmOptions, type LlmFailure } from './server';
export {
  sreBrain,
  fixedBrain,
  TRIAGE_FIRST,
  guessObject,
  argumentsFor,
  extractRootCause,
  toolText,
  type SreBrainOptions,
} from './brain';
export type { Brain, ModelReply, ModelRequest, ModelTurn, ToolCall, ToolSpec, TurnMessage } from './types';
