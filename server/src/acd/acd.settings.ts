/** How the ACD behaves; main.ts fills these from the configuration. */
export interface TAcdSettings {
  /** an offer rings the agent this long before it counts as missed */
  ringTimeoutSec: number;
  /** wrap-up ends on its own after this long (when no disposition is required, or one was given) */
  wrapUpSec: number;
  /** the server refuses to leave wrap-up without a disposition */
  dispositionRequired: boolean;
  /** record agent calls (the provider's bridge recording) */
  recordCalls: boolean;
  /** an agent whose console has been gone this long is made not ready */
  presenceTimeoutSec: number;
  /**
   * at most one push of the supervisors' board per interval; the first change after a quiet
   * spell goes at once, so this bounds the delay a burst of changes adds
   */
  boardIntervalMs: number;
  /** handling time assumed for a queue before it has history */
  defaultHandlingSec: number;
  /** the number agents' phones and called-back citizens see */
  callerId: string;
  /** how long a call-back rings the citizen */
  callbackRingSec: number;
  /** a call-back the citizen did not answer is tried again after this long … */
  callbackRetryMin: number;
  /** … up to this many attempts in all */
  callbackMaxAttempts: number;
}

export const DEFAULT_ACD_SETTINGS: TAcdSettings = {
  ringTimeoutSec: 15,
  wrapUpSec: 60,
  dispositionRequired: true,
  recordCalls: false,
  presenceTimeoutSec: 30,
  boardIntervalMs: 50,
  defaultHandlingSec: 240,
  callerId: '+9118002334455',
  callbackRingSec: 30,
  callbackRetryMin: 15,
  callbackMaxAttempts: 3,
};
