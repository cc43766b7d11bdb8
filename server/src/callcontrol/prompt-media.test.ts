import { describe, expect, it } from 'vitest';
import { promptToMedia } from './prompt-media.js';

describe('what the caller hears for a rendered prompt', () => {
  it('plays the recording when there is one', () => {
    expect(promptToMedia({ language: 'hlb', text: '', file: 'sound:samvad/hlb/welcome' })).toEqual({ kind: 'file', uri: 'sound:samvad/hlb/welcome' });
    expect(promptToMedia({ language: 'hi', text: 'नमस्ते', file: 'sound:samvad/hi/welcome' })).toEqual({ kind: 'file', uri: 'sound:samvad/hi/welcome' });
  });

  it('speaks Hindi and English, and Chhattisgarhi with the Hindi voice', () => {
    expect(promptToMedia({ language: 'en', text: 'Welcome' })).toEqual({ kind: 'speech', text: 'Welcome', language: 'en' });
    expect(promptToMedia({ language: 'cg', text: 'जोहार' })).toEqual({ kind: 'speech', text: 'जोहार', language: 'hi' });
  });

  it('never speaks Halbi or Gondi with a wrong voice: without a recording it is a short silence', () => {
    expect(promptToMedia({ language: 'gon', text: 'something' })).toMatchObject({ kind: 'silence' });
  });
});
