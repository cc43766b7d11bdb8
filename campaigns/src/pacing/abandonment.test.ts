import { describe, expect, it } from 'vitest';
import { abandonCapReached, abandonPct, capReached } from './abandonment.js';

describe('abandonment cap', () => {
  it('measures abandoned calls against answered ones', () => {
    expect(abandonPct({ answered: 200, abandoned: 5 })).toBe(2.5);
    expect(abandonPct({ answered: 0, abandoned: 0 })).toBe(0);
  });

  it('is reached at the cap, not below it', () => {
    expect(capReached({ answered: 100, abandoned: 3 }, 3)).toBe(true);
    expect(capReached({ answered: 101, abandoned: 3 }, 3)).toBe(false);
    expect(capReached({ answered: 0, abandoned: 0 }, 3)).toBe(false);
  });

  it('is judged separately for the day and the campaign', () => {
    expect(abandonCapReached({ today: { answered: 50, abandoned: 2 }, campaign: { answered: 5000, abandoned: 60 } }, 3)).toEqual({ today: true, campaign: false });
    expect(abandonCapReached({ today: { answered: 50, abandoned: 0 }, campaign: { answered: 5000, abandoned: 160 } }, 3)).toEqual({ today: false, campaign: true });
  });
});
