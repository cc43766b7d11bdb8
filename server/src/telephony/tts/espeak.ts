import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Invalid, Unavailable, type AppError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { speechKey, type TSpeechToMediaUri } from '../ari/ari.speech.js';
import type { TLanguage } from '../port.js';

/**
 * Prompt text to sound files Asterisk plays: espeak-ng speaks the text, sox turns it into
 * 8 kHz mono 16-bit PCM `.wav`, and the file lands in Asterisk's sounds directory as
 * `samvad-tts/<lang>/<hash>.wav`, played as `sound:samvad-tts/<lang>/<hash>`.
 *
 * Why `.wav` at 8 kHz / 16-bit: Asterisk's format_wav plays exactly that (signed linear, the
 * telephone rate) and transcodes it once per call to the channel's codec (G.711 for the carrier,
 * Opus for softphones), the same work as for a headerless `.sln`. The header is what tips the
 * balance: format_wav refuses a file at another rate instead of playing it at the wrong speed, and
 * the files can be checked with any tool (soxi, a media player).
 *
 * Files are named by `speechKey(text, language)` and never rewritten, so a prompt is synthesised
 * once per sounds directory. After changing the voice or the rate below, empty `samvad-tts/`.
 */

export interface TEspeakSpeechOptions {
  /** Asterisk's sounds directory, shared with Asterisk (ASTERISK_SOUNDS_DIR) */
  soundsDir: string;
  logger: Logger;
  /** the espeak-ng executable; default: `espeak-ng` on the PATH */
  espeakBin?: string;
  /** the sox executable; default: `sox` on the PATH */
  soxBin?: string;
  /** syntheses running at once (each is two short processes); more wait their turn */
  concurrency?: number;
}

/** The folder under the sounds directory, and the start of every URI. */
export const TTS_FOLDER = 'samvad-tts';

/** espeak-ng voices (`espeak-ng --voices`): Chhattisgarhi is Devanagari and reads well with the Hindi voice; `en` is British English, nearer Indian English than `en-us`. */
const VOICES: Record<TLanguage, string> = { hi: 'hi', cg: 'hi', en: 'en' };
/** espeak-ng's default of 175 words a minute is hurried over a phone line. */
const WORDS_PER_MINUTE = 150;
/** Long enough for minutes of speech; a hung process must not hold a caller's prompt forever. */
const TOOL_TIMEOUT_MS = 30_000;

class ToolFailure extends Error {
  constructor(
    readonly tool: string,
    readonly kind: 'missing' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ToolFailure';
  }
}

/** Runs a program with an argument array: no shell ever sees the text. */
function runTool(tool: string, bin: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        return reject(new ToolFailure(tool, 'missing', `${tool} cannot be run (${bin}: ${error.code})`, { cause: error }));
      }
      const why = error.killed ? `took longer than ${TOOL_TIMEOUT_MS / 1000} s` : `exited with ${error.code ?? error.signal}`;
      const detail = stderr.trim().split('\n').slice(-3).join(' | ');
      reject(new ToolFailure(tool, 'failed', `${tool} ${why}${detail ? `: ${detail}` : ''}`, { cause: error }));
    });
  });
}

/** At most `max` tasks at once; a finishing task hands its slot straight to the next in line. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The synthesiser for the Asterisk adapter (`AriProvider`'s `speechToMediaUri`). */
export function createEspeakSpeech(options: TEspeakSpeechOptions): TSpeechToMediaUri {
  const logger = options.logger.child({ component: 'tts' });
  const espeakBin = options.espeakBin ?? 'espeak-ng';
  const soxBin = options.soxBin ?? 'sox';
  const limit = limiter(options.concurrency ?? Math.min(4, availableParallelism()));
  const inflight = new Map<string, Promise<string>>();
  // A missing program is a set-up problem: said once, clearly, not on every prompt of every call.
  const reported = new Set<string>();

  async function synthesize(text: string, language: TLanguage, file: string): Promise<void> {
    const work = await mkdtemp(join(tmpdir(), 'samvad-tts-'));
    // Written beside its final name (same file system, so the rename is atomic) and hidden, so
    // that Asterisk never opens a half-written file.
    const partial = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.partial`);
    try {
      // The text goes in a file (-f), not on the command line: no option parsing of text that
      // starts with "-", and no length limit.
      const textFile = join(work, 'prompt.txt');
      const spoken = join(work, 'espeak.wav');
      await writeFile(textFile, text, 'utf8');
      await runTool('espeak-ng', espeakBin, ['-v', VOICES[language], '-s', String(WORDS_PER_MINUTE), '-b', '1', '-f', textFile, '-w', spoken]);
      // -D: no dither, so the same text gives the same bytes; gain -n -3: every prompt equally
      // loud, with headroom for the G.711 encoder.
      await runTool('sox', soxBin, ['-V1', '-D', spoken, '-t', 'wav', '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', partial, 'gain', '-n', '-3']);
      // Asterisk runs as another user: it must be able to read the file whatever our umask.
      await chmod(partial, 0o644);
      await rename(partial, file);
    } finally {
      await rm(work, { recursive: true, force: true });
      await rm(partial, { force: true });
    }
  }

  function failure(error: unknown, key: string, language: TLanguage): AppError {
    if (error instanceof ToolFailure && error.kind === 'missing') {
      if (!reported.has(error.tool)) {
        reported.add(error.tool);
        logger.error(
          { tool: error.tool, err: error.message },
          `text-to-speech needs ${error.tool}, which cannot be run: install it (apt-get install -y espeak-ng sox) or point the server at it; every generated prompt fails until then`,
        );
      }
      return Unavailable(`text-to-speech is unavailable: ${error.tool} is not installed`);
    }
    // The text itself may carry a caller's details: the log names the prompt by its hash.
    logger.error({ err: error instanceof Error ? error.message : String(error), key, language }, 'text-to-speech failed');
    return Unavailable('text-to-speech failed');
  }

  return async (text, language) => {
    if (!text.trim()) throw Invalid('speech text is empty');
    if (!Object.hasOwn(VOICES, language)) throw Invalid(`no voice for language ${String(language)}`);
    const key = speechKey(text, language);
    const file = join(options.soundsDir, TTS_FOLDER, language, `${key}.wav`);
    const uri = `sound:${TTS_FOLDER}/${language}/${key}`;
    // Concurrent requests for one prompt (a campaign greeting, say) share one synthesis.
    const pending = inflight.get(file);
    if (pending) return pending;
    const job = (async () => {
      if (await isFile(file)) return uri;
      try {
        await mkdir(dirname(file), { recursive: true, mode: 0o755 });
        await limit(() => synthesize(text, language, file));
      } catch (error) {
        throw failure(error, key, language);
      }
      return uri;
    })().finally(() => inflight.delete(file));
    inflight.set(file, job);
    return job;
  };
}
