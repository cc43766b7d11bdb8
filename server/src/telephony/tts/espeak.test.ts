import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { hashedSpeech, speechKey } from '../ari/ari.speech.js';
import { createEspeakSpeech } from './espeak.js';

// These tests run the real espeak-ng and sox (scripts/services.sh installs them).

interface TWavFormat {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
}

/** The fmt and data chunks of a RIFF/WAVE file, walking the chunk list as Asterisk's format_wav does. */
function readWav(bytes: Buffer): TWavFormat {
  expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
  expect(bytes.toString('ascii', 8, 12)).toBe('WAVE');
  let fmt: Omit<TWavFormat, 'dataBytes'> | undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      fmt = {
        audioFormat: bytes.readUInt16LE(at + 8),
        channels: bytes.readUInt16LE(at + 10),
        sampleRate: bytes.readUInt32LE(at + 12),
        bitsPerSample: bytes.readUInt16LE(at + 22),
      };
    }
    if (id === 'data' && fmt) return { ...fmt, dataBytes: size };
    at += 8 + size + (size % 2);
  }
  throw new Error('no fmt and data chunks');
}

function soxi(flag: string, file: string): string {
  return execFileSync('soxi', [flag, file], { encoding: 'utf8' }).trim();
}

describe('espeak-ng speech for Asterisk', { timeout: 30_000 }, () => {
  let dir: string;
  let logLines: { level: number; msg: string; raw: string }[];
  let logger: ReturnType<typeof createLogger>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'samvad-tts-test-'));
    logLines = [];
    logger = createLogger('info', {
      write: (line: string) => {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed === 'object' && parsed !== null && 'level' in parsed && 'msg' in parsed) {
          logLines.push({ level: Number(parsed.level), msg: String(parsed.msg), raw: line });
        }
      },
    });
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** An espeak-ng that counts its runs, to see what the cache saves. */
  async function countingEspeak(): Promise<{ bin: string; runs: () => Promise<number> }> {
    const bin = join(dir, 'counting-espeak');
    const count = join(dir, 'runs');
    await writeFile(bin, `#!/bin/sh\necho run >> '${count}'\nexec espeak-ng "$@"\n`);
    await chmod(bin, 0o755);
    return { bin, runs: async () => (existsSync(count) ? (await readFile(count, 'utf8')).split('\n').filter(Boolean).length : 0) };
  }

  it('writes 8 kHz mono 16-bit PCM into samvad-tts/<lang>/<hash>.wav and returns its sound: URI', async () => {
    const speech = createEspeakSpeech({ soundsDir: join(dir, 'sounds'), logger });
    const text = 'आपका आवेदन क्रमांक 4 5 1 2, 12 मार्च 2026 से लंबित है';
    const uri = await speech(text, 'hi');
    const key = speechKey(text, 'hi');
    expect(uri).toBe(`sound:samvad-tts/hi/${key}`);
    // the same name the stand-in gives, so nothing else has to change
    expect(uri).toBe(await hashedSpeech().speechToMediaUri(text, 'hi'));

    const file = join(dir, 'sounds', 'samvad-tts', 'hi', `${key}.wav`);
    const wav = readWav(await readFile(file));
    expect(wav).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect(wav.dataBytes).toBeGreaterThan(8000 * 2); // more than a second of speech
    expect(soxi('-r', file)).toBe('8000');
    expect(soxi('-c', file)).toBe('1');
    expect(soxi('-b', file)).toBe('16');
    // nothing else is left behind: no partial file beside it
    expect(await readdir(join(dir, 'sounds', 'samvad-tts', 'hi'))).toEqual([`${key}.wav`]);
  });

  it('speaks English and Chhattisgarhi, each in its own folder', async () => {
    const speech = createEspeakSpeech({ soundsDir: dir, logger });
    const en = await speech('Your application is under verification.', 'en');
    const cg = await speech('तोर आवेदन सत्यापन म हे', 'cg');
    const hi = await speech('तोर आवेदन सत्यापन म हे', 'hi');
    expect(en).toMatch(/^sound:samvad-tts\/en\/[0-9a-f]{24}$/);
    expect(cg).toMatch(/^sound:samvad-tts\/cg\/[0-9a-f]{24}$/);
    expect(hi).not.toBe(cg);
    for (const uri of [en, cg, hi]) {
      const file = join(dir, `${uri.slice('sound:'.length)}.wav`);
      expect(readWav(await readFile(file))).toMatchObject({ channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    }
  });

  it('synthesises a text once: concurrent requests share the run, later ones and restarts reuse the file', async () => {
    const espeak = await countingEspeak();
    const speech = createEspeakSpeech({ soundsDir: dir, logger, espeakBin: espeak.bin });
    const text = 'नमस्ते, समवाद हेल्पलाइन में आपका स्वागत है';
    const uris = await Promise.all(Array.from({ length: 5 }, () => speech(text, 'hi')));
    expect(new Set(uris).size).toBe(1);
    expect(await espeak.runs()).toBe(1);

    expect(await speech(text, 'hi')).toBe(uris[0]);
    expect(await espeak.runs()).toBe(1);
    // a new process finds the file on disk
    const restarted = createEspeakSpeech({ soundsDir: dir, logger, espeakBin: espeak.bin });
    expect(await restarted(text, 'hi')).toBe(uris[0]);
    expect(await espeak.runs()).toBe(1);

    await speech(`${text}।`, 'hi');
    expect(await espeak.runs()).toBe(2);
  });

  it('treats shell metacharacters and leading dashes as text to speak', async () => {
    const marker = join(dir, 'pwned');
    const evil = join(dir, 'evil.wav');
    const speech = createEspeakSpeech({ soundsDir: join(dir, 'sounds'), logger });
    const texts = [
      `$(touch ${marker}) \`touch ${marker}\`; touch ${marker} | tee ${marker} && echo "quoted" 'single' > ${marker} < /etc/passwd * ~ #`,
      `-w ${evil} --stdout`,
      `--help -v en; rm -rf ${dir}`,
    ];
    for (const text of texts) {
      const uri = await speech(text, 'en');
      expect(existsSync(join(dir, 'sounds', `${uri.slice('sound:'.length)}.wav`))).toBe(true);
    }
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(evil)).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });

  it('synthesises many different prompts through a small pool', async () => {
    const speech = createEspeakSpeech({ soundsDir: dir, logger, concurrency: 2 });
    const uris = await Promise.all(Array.from({ length: 6 }, (_, i) => speech(`प्रश्न ${i + 1}: हाँ के लिए 1 दबाएँ`, 'hi')));
    expect(new Set(uris).size).toBe(6);
    for (const uri of uris) expect(existsSync(join(dir, `${uri.slice('sound:'.length)}.wav`))).toBe(true);
  });

  it('rejects with one clear logged error when espeak-ng is missing', async () => {
    const speech = createEspeakSpeech({ soundsDir: dir, logger, espeakBin: join(dir, 'no-such-espeak-ng') });
    await expect(speech('नमस्ते', 'hi')).rejects.toThrow('text-to-speech is unavailable: espeak-ng is not installed');
    await expect(speech('फिर से', 'hi')).rejects.toThrow('espeak-ng is not installed');
    const errors = logLines.filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain('apt-get install -y espeak-ng sox');
    expect(await readdir(join(dir, 'samvad-tts', 'hi'))).toEqual([]);
  });

  it('rejects when sox is missing, leaves no partial file, and tries again next time', async () => {
    const soundsDir = join(dir, 'sounds');
    const broken = createEspeakSpeech({ soundsDir, logger, soxBin: join(dir, 'no-such-sox') });
    await expect(broken('hello', 'en')).rejects.toThrow('sox is not installed');
    expect(await readdir(join(soundsDir, 'samvad-tts', 'en'))).toEqual([]);
    expect(logLines.filter((line) => line.level >= 50)).toHaveLength(1);

    // a failure is not cached: a working synthesiser on the same folder makes the file
    const working = createEspeakSpeech({ soundsDir, logger });
    expect(await working('hello', 'en')).toBe(`sound:samvad-tts/en/${speechKey('hello', 'en')}`);
  });

  it('reports a failing espeak-ng with its error output, without the prompt text', async () => {
    const bin = join(dir, 'failing-espeak');
    await writeFile(bin, '#!/bin/sh\necho "Failed to read voice" >&2\nexit 1\n');
    await chmod(bin, 0o755);
    const speech = createEspeakSpeech({ soundsDir: dir, logger, espeakBin: bin });
    await expect(speech('application 4512 of Ramesh', 'en')).rejects.toThrow('text-to-speech failed');
    const errors = logLines.filter((line) => line.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toBe('text-to-speech failed');
    expect(errors[0]?.raw).toContain('Failed to read voice');
    expect(errors[0]?.raw).not.toContain('Ramesh');
  });

  it('refuses empty text', async () => {
    const speech = createEspeakSpeech({ soundsDir: dir, logger });
    await expect(speech('  ', 'hi')).rejects.toThrow('speech text is empty');
  });
});
