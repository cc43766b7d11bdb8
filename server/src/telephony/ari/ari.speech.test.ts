import { describe, expect, it } from 'vitest';
import { hashedSpeech, mediaUris } from './ari.speech.js';

describe('media URIs', () => {
  const speech = hashedSpeech();

  it('names generated speech by hash and remembers its text', async () => {
    const [uri] = await mediaUris({ kind: 'speech', text: 'नमस्ते', language: 'hi' }, speech.speechToMediaUri);
    expect(uri).toMatch(/^sound:samvad-tts\/hi\/[0-9a-f]{24}$/);
    expect(speech.textFor(uri ?? '')).toBe('नमस्ते');
    const [again] = await mediaUris({ kind: 'speech', text: 'नमस्ते', language: 'hi' }, speech.speechToMediaUri);
    expect(again).toBe(uri);
  });

  it('passes Asterisk URIs through and makes silence from the stock files', async () => {
    expect(await mediaUris({ kind: 'file', uri: 'sound:hello-world' }, speech.speechToMediaUri)).toEqual(['sound:hello-world']);
    expect(await mediaUris({ kind: 'silence', ms: 1400 }, speech.speechToMediaUri)).toEqual(['sound:silence/1']);
    expect(await mediaUris({ kind: 'silence', ms: 23_000 }, speech.speechToMediaUri)).toEqual(['sound:silence/10', 'sound:silence/10', 'sound:silence/3']);
    await expect(mediaUris({ kind: 'file', uri: 'https://x/y.wav' }, speech.speechToMediaUri)).rejects.toThrow();
    await expect(mediaUris({ kind: 'silence', ms: 0 }, speech.speechToMediaUri)).rejects.toThrow();
  });
});
