export type * from './ports.js';

// sampling
export * from './sampling/row.js';
export * from './sampling/strata.js';
export * from './sampling/exclusions.js';
export * from './sampling/allocation.js';
export * from './sampling/lowest-k.js';
export * from './sampling/sampler.js';
export * from './sampling/synthetic-frame.js';

// schedule and retries
export * from './schedule/calendar.js';
export * from './schedule/retry-policy.js';
export * from './schedule/next-dial.js';

// pacing
export * from './pacing/abandonment.js';
export * from './pacing/progressive.js';
export * from './pacing/adapt-hard-limit.js';
export * from './pacing/predictive-model.js';
export * from './pacing/remaining-talk.js';
export * from './pacing/predictive.js';
export * from './pacing/pacers.js';

// simulation
export * from './simulation/call-model.js';
export * from './simulation/event-queue.js';
export * from './simulation/dialer-day.js';

// results
export * from './results/types.js';
export * from './results/tally.js';
export * from './results/rates.js';
export * from './results/abandonment.js';
export * from './results/floip.js';

// helpers the engine shares
export { indianMobileE164, indiaDate } from './shared/india.js';
export { keyedHash53, SeededRandom } from './shared/random.js';
