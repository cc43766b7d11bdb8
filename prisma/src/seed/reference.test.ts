import { describe, expect, it } from 'vitest';
import { OFFICE_GAPS } from './catalogue.js';
import { buildBlockGeo } from './geography.js';
import { loadReferenceData } from './reference.js';
import { buildDemoUsers, OFFICER_DEPARTMENT } from './users.js';

const ref = loadReferenceData();

describe('reference data from seed-data', () => {
  it('loads the pack: 33 districts, 147 blocks (146 codes), 25 departments, 36 schemes, 98 categories, 25 facility types and one of our own', () => {
    expect(ref.districts).toHaveLength(33);
    expect(ref.blocks).toHaveLength(147);
    expect(new Set(ref.blocks.map((b) => b.lgdCode)).size).toBe(146);
    expect(new Set(ref.blocks.map((b) => `${b.districtCode}:${b.lgdCode}`)).size).toBe(147);
    expect(ref.departments).toHaveLength(25);
    expect(ref.schemes).toHaveLength(36);
    expect(ref.categories).toHaveLength(98);
    expect(ref.facilityTypes).toHaveLength(26);
    expect(ref.facilityTypes.at(-1)?.code).toBe('bank_branch');
    expect(ref.realFacilities).toHaveLength(325);
    expect(ref.realFacilities.every((f) => !f.synthetic && f.source !== '' && f.externalRef !== null)).toBe(true);
  });

  it('gives cash schemes a monthly amount and in-kind schemes none', () => {
    const byCode = new Map(ref.schemes.map((s) => [s.code, s]));
    expect(byCode.get('MVY')?.monthlyAmountPaise).toBe(100_000);
    expect(byCode.get('IGNOAPS')?.monthlyAmountPaise).toBeGreaterThan(0);
    for (const code of ['PDS', 'PMGKAY', 'ICDS', 'PMPOSHAN', 'SCY', 'JJM', 'PMJAY']) expect(byCode.get(code)?.monthlyAmountPaise).toBeNull();
  });

  it('sets grievance deadlines of 7 to 30 days per department', () => {
    for (const c of ref.categories) {
      expect(c.deadlineDays).toBeGreaterThanOrEqual(7);
      expect(c.deadlineDays).toBeLessThanOrEqual(30);
      expect(ref.categories.filter((o) => o.departmentCode === c.departmentCode).every((o) => o.deadlineDays === c.deadlineDays)).toBe(true);
    }
  });

  it('has a state office per department and district offices for core departments except the gaps', () => {
    const state = ref.offices.filter((o) => o.level === 'state');
    expect(state).toHaveLength(25);
    expect(state.every((o) => o.districtCode === null)).toBe(true);
    const core = ref.departments.filter((d) => d.helplineTier === 'core');
    const district = ref.offices.filter((o) => o.level === 'district');
    expect(district).toHaveLength(core.length * 33 - OFFICE_GAPS.length);
    expect(ref.officeGaps).toHaveLength(OFFICE_GAPS.length);
    for (const gap of ref.officeGaps) {
      const office = ref.officeFor(gap.departmentCode, gap.districtCode);
      expect(office.level).toBe('state');
      expect(office.departmentCode).toBe(gap.departmentCode);
    }
    expect(new Set(ref.offices.map((o) => o.id)).size).toBe(ref.offices.length);
  });

  it('has queues per language for general, FOOD and PRD', () => {
    expect(ref.queues.map((q) => q.code)).toEqual(['general-hi', 'general-cg', 'general-en', 'food-hi', 'food-cg', 'food-en', 'prd-hi', 'prd-cg', 'prd-en']);
  });

  it('gives each block an anchor and villages, and ties officer1 to the FOOD office of Raipur', async () => {
    for (const g of buildBlockGeo(ref, 1)) {
      expect(g.villages.length).toBeGreaterThan(0);
      expect(g.anchor.lat).toBeGreaterThan(17.5);
      expect(g.anchor.lat).toBeLessThan(24.5);
    }
    const users = await buildDemoUsers(ref, { seed: 1, password: 'pw', createdAt: 0 });
    const officer = users.find((u) => u.username === 'officer1');
    const office = ref.offices.find((o) => o.id === officer?.officeId);
    expect(office).toMatchObject({ departmentCode: OFFICER_DEPARTMENT, level: 'district', districtCode: 387 });
    expect(officer?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(users.map((u) => u.username)).toEqual(['agent1', 'agent2', 'supervisor1', 'officer1', 'admin1']);
  });
});
