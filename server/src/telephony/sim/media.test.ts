import { describe, expect, it } from 'vitest';
import type { TMedia } from '../port.js';
import { DEFAULT_SETTINGS } from './core.js';
import { mediaDurationMs } from './media.js';
import { simRig } from './testing.js';

const say = (text: string): TMedia => ({ kind: 'speech', text, language: 'en' });

describe('media duration', () => {
  it('speech takes its length at the speaking rate, counting code points', () => {
    const timing = { speechCharsPerSecond: 10, fileMs: 3000 };
    expect(mediaDurationMs(say('x'.repeat(25)), timing)).toBe(2500);
    // 'नमस्ते' is six code points (न म स ् त े)
    expect(mediaDurationMs({ kind: 'speech', text: 'नमस्ते', language: 'hi' }, timing)).toBe(600);
    expect(mediaDurationMs(say('Hi'), timing)).toBe(200);
    expect(mediaDurationMs({ kind: 'file', uri: 'sound:welcome' }, timing)).toBe(3000);
    expect(mediaDurationMs({ kind: 'silence', ms: 750 }, timing)).toBe(750);
  });
});

describe('playing to a call', () => {
  it('plays in order, one at a time, and records exactly what the caller heard', async () => {
    const rig = await simRig({ settings: { speechCharsPerSecond: 10 } });
    const caller = await rig.answered();
    const started = rig.clock.now();
    const first = await rig.provider.play(caller, say('Welcome to Samvad.'));
    await rig.provider.play(caller, { kind: 'silence', ms: 500 });
    await rig.provider.play(caller, { kind: 'file', uri: 'sound:menu' });
    await rig.clock.advance(60_000);
    expect(rig.of(caller).slice(2)).toEqual(['media.started', 'media.finished done', 'media.started', 'media.finished done', 'media.started', 'media.finished done']);
    expect(rig.network.heard(caller)).toEqual(['Welcome to Samvad.', 'sound:menu']);
    const [welcome, silence, menu] = rig.network.transcript(caller);
    expect(welcome?.mediaId).toBe(first.mediaId);
    // 18 characters at 10 per second, then half a second of silence, then the file
    expect(Date.parse(welcome?.endedAt ?? '') - started).toBe(1800);
    expect(Date.parse(silence?.endedAt ?? '') - started).toBe(2300);
    expect(Date.parse(menu?.endedAt ?? '') - started).toBe(2300 + DEFAULT_SETTINGS.fileMs);
  });

  it('a key finishes an interruptible prompt before its call.dtmf, and queued interruptible prompts with it', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.play(caller, say('For certificates press one. '.repeat(5)), { interruptOnDtmf: true });
    await rig.provider.play(caller, say('For pensions press two.'), { interruptOnDtmf: true });
    await rig.provider.play(caller, say('This call may be recorded.'));
    await rig.clock.advance(1000);
    void rig.network.pressDigits(caller, '1');
    await rig.clock.advance(0);
    expect(rig.of(caller).slice(2)).toEqual([
      'media.started',
      'media.finished interrupted',
      'media.finished interrupted',
      'call.dtmf 1',
      // what is not interruptible still plays
      'media.started',
    ]);
    expect(rig.network.transcript(caller).map((item) => [item.content, item.reason])).toEqual([
      ['For certificates press one. '.repeat(5), 'interrupted'],
      ['This call may be recorded.', null],
    ]);
  });

  it('a key does not stop a prompt that was not made interruptible', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    await rig.provider.play(caller, say('Your grievance has been registered.'));
    await rig.clock.advance(500);
    void rig.network.pressDigits(caller, '5');
    await rig.clock.advance(60_000);
    expect(rig.of(caller).slice(2)).toEqual(['media.started', 'call.dtmf 5', 'media.finished done']);
  });

  it('stopMedia stops playing or queued media, and is quiet about media already done', async () => {
    const rig = await simRig();
    const caller = await rig.answered();
    const a = await rig.provider.play(caller, say('One. '.repeat(20)));
    const b = await rig.provider.play(caller, say('Two.'));
    const c = await rig.provider.play(caller, say('Three.'));
    await rig.provider.stopMedia(caller, b.mediaId);
    await rig.provider.stopMedia(caller, a.mediaId);
    await rig.clock.advance(60_000);
    await rig.provider.stopMedia(caller, c.mediaId);
    const finished = rig.events.flatMap((e) => (e.type === 'media.finished' ? [`${e.mediaId === a.mediaId ? 'a' : e.mediaId === b.mediaId ? 'b' : 'c'} ${e.reason}`] : []));
    expect(finished).toEqual(['b stopped', 'a stopped', 'c done']);
    expect(rig.network.heard(caller)).toEqual(['One. '.repeat(20), 'Three.']);
  });

  it('a hang-up during a prompt is the last word about the call', async () => {
    const rig = await simRig();
    const caller = await rig.answered({ hangupAfterSec: 2 });
    await rig.provider.play(caller, say('A long announcement. '.repeat(30)));
    await rig.clock.advance(60_000);
    expect(rig.of(caller).slice(2)).toEqual(['media.started', 'call.hangup normal 16 remote']);
    expect(rig.network.transcript(caller)[0]?.reason).toBe('hangup');
  });

  it('refuses to play to a call that is not answered', async () => {
    const rig = await simRig();
    const caller = rig.network.dialIn('+919876543210', '+9118002334455');
    await expect(rig.provider.play(caller, say('Hello'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(rig.provider.play('no-such-call', say('Hello'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
