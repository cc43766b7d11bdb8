import { describe, expect, it } from 'vitest';
import { renderPrompt } from '../render.js';

describe('{{lang}}', () => {
  const template = 'धन्यवाद / {{lang hi="आपका दिन शुभ हो" cg="तोर दिन बने रहय" en="have a good day"}}';

  it('picks the text of the session language', () => {
    expect(renderPrompt(template, 'hi', {})).toBe('धन्यवाद / आपका दिन शुभ हो');
    expect(renderPrompt(template, 'cg', {})).toBe('धन्यवाद / तोर दिन बने रहय');
    expect(renderPrompt(template, 'en', {})).toBe('धन्यवाद / have a good day');
  });

  it('falls back to Hindi for Chhattisgarhi, Halbi and Gondi', () => {
    const hiOnly = '{{lang hi="नमस्ते" en="hello"}}';
    expect(renderPrompt(hiOnly, 'cg', {})).toBe('नमस्ते');
    expect(renderPrompt(hiOnly, 'hlb', {})).toBe('नमस्ते');
    expect(renderPrompt(hiOnly, 'gon', {})).toBe('नमस्ते');
    expect(renderPrompt('{{lang hi="नमस्ते" gon="जोहार"}}', 'gon', {})).toBe('जोहार');
  });

  it('takes variables as texts, and an empty text', () => {
    expect(renderPrompt('{{lang hi=nameHi en=nameEn}}', 'en', { nameHi: 'रायपुर', nameEn: 'Raipur' })).toBe('Raipur');
    expect(renderPrompt('a{{lang hi="" en=""}}b', 'hi', {})).toBe('ab');
  });

  it('stops the render when a language has no text or an option is wrong', () => {
    expect(() => renderPrompt('{{lang hi="नमस्ते"}}', 'en', {})).toThrow('{{lang}} (line 1, column 1): has no text for en');
    expect(() => renderPrompt('{{lang en="hello"}}', 'cg', {})).toThrow('has no text for cg (nor for hi)');
    expect(() => renderPrompt('{{lang}}', 'hi', {})).toThrow('needs the text for each language');
    expect(() => renderPrompt('{{lang hi="क" eng="x"}}', 'hi', {})).toThrow('unknown language eng=');
    expect(() => renderPrompt('{{lang hi=missing en="x"}}', 'hi', {})).toThrow('hi= must be a quoted text, got undefined (is the variable set?)');
    expect(() => renderPrompt('{{lang hi=5 en="x"}}', 'en', {})).toThrow('hi= must be a quoted text, got 5');
    expect(() => renderPrompt('{{lang "hi"}}', 'hi', {})).toThrow('{{lang}} (line 1, column 1) takes 0 arguments, got 1');
  });
});
