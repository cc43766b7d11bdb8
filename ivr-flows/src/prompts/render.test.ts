import { describe, expect, it } from 'vitest';
import { checkTemplate, PromptHelperError, renderPrompt } from './render.js';

describe('prompt rendering with the speaking helpers', () => {
  const variables = { applicationNo: '451236789012', since: '2026-03-12', amount: 150000, status: 'pending_documents' };

  it('says what the product says about a pending application', () => {
    expect(renderPrompt('आपका आवेदन क्रमांक {{digits applicationNo}}, {{date since}} से लंबित है', 'hi', variables)).toBe(
      'आपका आवेदन क्रमांक 4 5 1 2, 3 6 7 8, 9 0 1 2, 12 मार्च 2026 से लंबित है',
    );
    expect(renderPrompt('तोर आवेदन क्रमांक {{digits applicationNo}}, {{date since}} ले {{status this.status}} हे', 'cg', variables)).toBe(
      'तोर आवेदन क्रमांक 4 5 1 2, 3 6 7 8, 9 0 1 2, 12 मार्च 2026 ले दस्तावेज़ बाकी हे',
    );
    expect(renderPrompt('Application {{digits applicationNo}} has been {{status this.status}} since {{date since}}; fee {{rupees amount}}', 'en', variables)).toBe(
      'Application 4 5 1 2, 3 6 7 8, 9 0 1 2 has been waiting for documents since 12 March 2026; fee one thousand five hundred rupees',
    );
  });

  it('throws a PromptHelperError, never speaks "undefined"', () => {
    expect(() => renderPrompt('आवेदन {{digits applicationNo}}', 'hi', {})).toThrow(PromptHelperError);
    expect(() => renderPrompt('line one\n{{date since}}', 'hi', { since: 'kal' })).toThrow('{{date}} (line 2, column 1)');
  });

  it('checks templates that use the helpers without rendering them', () => {
    expect(checkTemplate('{{digits no}} {{lang hi="क" en="k"}}')).toBeNull();
    expect(checkTemplate('{{digits no')).toMatch(/Parse error|Expecting/);
  });
});
