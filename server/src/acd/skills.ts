/**
 * Skills as bit masks: a routing decision checks "does this agent have every skill the call
 * needs" hundreds of times, so each skill string gets a bit once and the check is a few ANDs.
 */
export type TSkillMask = readonly number[];

const BITS_PER_WORD = 32;

export class SkillVocabulary {
  private readonly bits = new Map<string, number>();

  mask(skills: Iterable<string>): number[] {
    const words: number[] = [];
    for (const skill of skills) {
      const bit = this.bitOf(skill);
      const word = Math.floor(bit / BITS_PER_WORD);
      while (words.length <= word) words.push(0);
      words[word] = (words[word] ?? 0) | (1 << bit % BITS_PER_WORD);
    }
    return words;
  }

  private bitOf(skill: string): number {
    let bit = this.bits.get(skill);
    if (bit === undefined) {
      bit = this.bits.size;
      this.bits.set(skill, bit);
    }
    return bit;
  }
}

/** true when `have` holds every bit of `need` */
export function covers(have: TSkillMask, need: TSkillMask): boolean {
  for (let i = 0; i < need.length; i += 1) {
    const wanted = need[i] ?? 0;
    if (wanted !== 0 && ((have[i] ?? 0) & wanted) !== wanted) return false;
  }
  return true;
}

/** one spelling per skill: trimmed, empty ones dropped, each once */
export function normaliseSkills(skills: Iterable<string>): string[] {
  return [...new Set([...skills].map((s) => s.trim()).filter((s) => s.length > 0))].sort();
}
