// The interpreter's contract types, in one place for call control.
export type { TIvrCommand, TIvrEvent, TIvrSession, TRenderedPrompt, TStepResult, TVarValue } from '@samvad/ivr-flows';
