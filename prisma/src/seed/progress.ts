// Row counts, COPY time per table and memory, for the progress lines and the final report.

export interface TableStats {
  table: string;
  rows: number;
  /** time spent inside this table's COPY statements */
  copySeconds: number;
  /** rows / copySeconds */
  rowsPerSecond: number;
}

export function rssMb(): number {
  return process.memoryUsage.rss() / 1_048_576;
}

/** peak resident set size of this process so far, in MB (getrusage ru_maxrss) */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export class LoadMetrics {
  private readonly started = performance.now();
  private readonly tables = new Map<string, { rows: number; ms: number }>();
  private sampledPeakRss = 0;

  record(table: string, rows: number, ms: number): void {
    const t = this.tables.get(table) ?? { rows: 0, ms: 0 };
    t.rows += rows;
    t.ms += ms;
    this.tables.set(table, t);
  }

  rows(table: string): number {
    return this.tables.get(table)?.rows ?? 0;
  }

  totalRows(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.rows;
    return n;
  }

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  sampleRss(): number {
    const mb = rssMb();
    if (mb > this.sampledPeakRss) this.sampledPeakRss = mb;
    return mb;
  }

  stats(): TableStats[] {
    return [...this.tables].map(([table, t]) => ({
      table,
      rows: t.rows,
      copySeconds: round(t.ms / 1000, 3),
      rowsPerSecond: t.ms > 0 ? Math.round(t.rows / (t.ms / 1000)) : 0,
    }));
  }
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
