/** The language-model stand-in: start it, point the shop's LLM settings at it, choose a behaviour by model name. */
export {
  startLlmSandbox,
  SANDBOX_LLM_KEY,
  type LlmSandbox,
  type LlmSandboxOptions,
  type RecordedLlmRequest,
} from "./server";
export { behaviourOf, LIES, type Behaviour, type Lie } from "./behaviours";
