import { isoDate, isoTimestamp } from './calendar.js';

// PostgreSQL COPY text format: one line per row, tab between columns, \N for NULL, and
// backslash escapes for backslash, tab, newline and carriage return inside values.

export type Cell = string | number | boolean | null;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

export function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function cell(v: Cell): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return escapeText(v);
}

export function line(cells: readonly Cell[]): string {
  let s = cell(cells[0] ?? null);
  for (let i = 1; i < cells.length; i++) s += '\t' + cell(cells[i] ?? null);
  return s + '\n';
}

/** a date column from a day number */
export function date(day: number | null): string | null {
  return day === null ? null : isoDate(day);
}

/** a timestamptz column from ms since the epoch */
export function timestamp(ms: number | null): string | null {
  return ms === null ? null : isoTimestamp(ms);
}

/** a PostgreSQL array literal ('{"a","b"}'), quoting every element */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

const BACKSLASH = 92;
const TAB = 9;
const NEWLINE = 10;
const CR = 13;
const BUFFER_SIZE = 256 * 1024;
/** no bulk row comes near this; a row is only started when this much room is left */
const MAX_ROW_BYTES = 16 * 1024;

// The 10 bytes of YYYY-MM-DD per day from 1900 to 2099, filled on first use: a few thousand
// distinct days are written tens of millions of times.
const DATE_BASE = -25_567; // 1900-01-01
const DATE_SPAN = 73_049; // to 2099-12-31
const dateBytes = new Uint8Array(DATE_SPAN * 10);
const dateKnown = new Uint8Array(DATE_SPAN);

/** offset of the day's bytes in dateBytes, or -1 outside the cached range */
function dateSlot(day: number): number {
  const i = day - DATE_BASE;
  if (i < 0 || i >= DATE_SPAN) return -1;
  if (dateKnown[i] === 0) {
    const s = isoDate(day);
    for (let k = 0; k < 10; k++) dateBytes[i * 10 + k] = s.charCodeAt(k);
    dateKnown[i] = 1;
  }
  return i * 10;
}

/**
 * Writes COPY text straight into Buffers. Building millions of small strings and joining them
 * kept the garbage collector busy for half the run; bytes in Buffers live outside the V8 heap
 * and are handed to the socket as they are.
 */
export class CopyBuffer {
  readonly chunks: Buffer[] = [];
  rows = 0;
  private buf: Buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private pos = 0;

  /** call before each row */
  beginRow(): void {
    if (this.pos + MAX_ROW_BYTES > this.buf.length) this.flush();
    this.rows++;
  }

  flush(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(BUFFER_SIZE);
    this.pos = 0;
  }

  /** all chunks written so far, the current one included */
  take(): Buffer[] {
    this.flush();
    return this.chunks;
  }

  tab(): void {
    this.buf[this.pos++] = TAB;
  }

  endRow(): void {
    this.buf[this.pos++] = NEWLINE;
  }

  nul(): void {
    this.buf[this.pos++] = BACKSLASH;
    this.buf[this.pos++] = 78; // N
  }

  bool(v: boolean): void {
    this.buf[this.pos++] = v ? 116 : 102; // t / f
  }

  /** a safe integer in decimal */
  int(n: number): void {
    let v = n;
    if (v < 0) {
      this.buf[this.pos++] = 45; // -
      v = -v;
    }
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      this.buf[--p] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  /** a string known to be ASCII without COPY specials (codes, digits, dates, hashes) */
  ascii(s: string): void {
    const n = s.length;
    if (n > 24) {
      // one native copy beats a JavaScript loop for long strings such as the hashes
      this.pos += this.buf.write(s, this.pos, 'latin1');
      return;
    }
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** any string: escaped for COPY, UTF-8 encoded */
  text(s: string): void {
    const n = s.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === BACKSLASH || c === TAB || c === NEWLINE || c === CR) {
        this.pos += this.buf.write(escapeText(s), this.pos, 'utf8');
        return;
      }
      if (c >= 0x80) ascii = false;
    }
    if (ascii) this.ascii(s);
    else this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  optText(s: string | null): void {
    if (s === null) this.nul();
    else this.text(s);
  }

  optAscii(s: string | null): void {
    if (s === null) this.nul();
    else this.ascii(s);
  }

  float(v: number): void {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    this.ascii(String(v));
  }

  private digits(v: number, width: number): void {
    let p = this.pos + width;
    this.pos = p;
    let x = v;
    for (let i = 0; i < width; i++) {
      this.buf[--p] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
  }

  /** YYYY-MM-DD, as isoDate() but copied from a per-day cache of bytes */
  date(day: number): void {
    const slot = dateSlot(day);
    if (slot < 0) {
      this.ascii(isoDate(day));
      return;
    }
    const buf = this.buf;
    const p = this.pos;
    for (let k = 0; k < 10; k++) buf[p + k] = dateBytes[slot + k] ?? 0;
    this.pos = p + 10;
  }

  /** YYYY-MM-DDTHH:MM:SS.mmmZ, as isoTimestamp() (Date.toISOString) but without a Date */
  timestamp(ms: number): void {
    const day = Math.floor(ms / 86_400_000);
    let rest = ms - day * 86_400_000;
    this.date(day);
    this.buf[this.pos++] = 84; // T
    this.digits(Math.floor(rest / 3_600_000), 2);
    rest %= 3_600_000;
    this.buf[this.pos++] = 58;
    this.digits(Math.floor(rest / 60_000), 2);
    rest %= 60_000;
    this.buf[this.pos++] = 58;
    this.digits(Math.floor(rest / 1000), 2);
    this.buf[this.pos++] = 46;
    this.digits(rest % 1000, 3);
    this.buf[this.pos++] = 90; // Z
  }
}
