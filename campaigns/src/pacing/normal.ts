/** standard normal density */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** standard normal distribution function (Abramowitz & Stegun 7.1.26, error below 1.5e-7) */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** E[(X − s)⁺] for X normal with this mean and variance: the expected excess over s */
export function expectedExcess(mean: number, variance: number, s: number): number {
  if (variance <= 1e-12) return Math.max(0, mean - s);
  const sd = Math.sqrt(variance);
  const z = (s - mean) / sd;
  return sd * normalPdf(z) + (mean - s) * (1 - normalCdf(z));
}
