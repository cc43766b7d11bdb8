import { createSampler, drawSample, syntheticFrame, type TEnrolmentRow, type TSamplingSpec } from '@samvad/campaigns';
import { round } from './lib.js';

const AS_OF = new Date('2026-03-01T00:00:00Z');

async function* inPages(rows: Iterable<TEnrolmentRow>, size: number): AsyncGenerator<TEnrolmentRow[]> {
  let page: TEnrolmentRow[] = [];
  for (const row of rows) {
    page.push(row);
    if (page.length === size) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/**
 * Samples 10,000 contacts from 1,000,000 synthetic enrolment rows in 20 strata (4 schemes × 5
 * districts, proportional allocation). Timed three ways: the frame held in memory (sampling
 * alone), and streamed in pages of 1,000 as a database cursor would deliver it (generation
 * included, memory bounded).
 */
export async function benchCampaignSampling(options: { rows?: number; sample?: number; seed?: number } = {}) {
  const rows = options.rows ?? 1_000_000;
  const spec: TSamplingSpec = { seed: options.seed ?? 7, stratifyBy: ['scheme', 'district'], allocation: { method: 'proportional', total: options.sample ?? 10_000 }, asOf: AS_OF };
  const frameOptions = { rows, seed: 1, schemes: ['PDS', 'NSAP-OAP', 'PMAY-G', 'PM-KISAN'], districts: [401, 402, 403, 404, 405], asOf: AS_OF };

  let t = performance.now();
  const frame = [...syntheticFrame(frameOptions)];
  const generateSec = (performance.now() - t) / 1000;

  const inMemorySec: number[] = [];
  let sample = null;
  for (let run = 0; run < 3; run += 1) {
    t = performance.now();
    const sampler = createSampler(spec);
    for (const row of frame) sampler.add(row);
    sample = sampler.finish();
    inMemorySec.push((performance.now() - t) / 1000);
  }
  frame.length = 0;

  t = performance.now();
  const streamed = await drawSample(inPages(syntheticFrame(frameOptions), 1000), spec);
  const streamedSec = (performance.now() - t) / 1000;

  const plan = sample?.plan;
  return {
    rows,
    strata: plan?.strata.length ?? 0,
    sampled: sample?.contacts.length ?? 0,
    planned: plan?.planned ?? 0,
    exact: plan?.exact ?? false,
    excluded: plan?.excluded ?? null,
    sameSampleStreamed: JSON.stringify(streamed.contacts) === JSON.stringify(sample?.contacts),
    generateSeconds: round(generateSec, 2),
    samplingSeconds: { first: round(inMemorySec[0] ?? 0, 2), best: round(Math.min(...inMemorySec), 2) },
    streamedWithGenerationSeconds: round(streamedSec, 2),
    goalSeconds: 2,
    meetsGoal: (inMemorySec[0] ?? Infinity) < 2,
    peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}
