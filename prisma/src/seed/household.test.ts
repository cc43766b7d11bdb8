import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aadhaarFromIndex, isValidVerhoeff } from './aadhaar.js';
import { APPLICATION_STATUSES } from './applications.js';
import { ageInYears, dayFromIso } from './calendar.js';
import { createContext, generateHousehold, personIndex, type HouseholdBundle } from './household.js';
import { newIdCursor } from './ids.js';
import { E164_INDIA_MOBILE, RELATION_GENDER } from './people.js';
import { loadReferenceData } from './reference.js';

const ref = loadReferenceData();
const AS_OF = dayFromIso('2026-11-01');
const SALT = 'unit-test-salt';
const ctx = createContext(ref, { seed: 11, asOfDay: AS_OF, aadhaarSalt: SALT });

function generate(count: number, context = ctx): HouseholdBundle[] {
  const ids = newIdCursor();
  const out: HouseholdBundle[] = [];
  for (let i = 0; i < count; i++) out.push(generateHousehold(context, i, ids));
  return out;
}

const bundles = generate(4000);
const residents = bundles.flatMap((b) => b.residents);

/** everything but the generator-assigned ids, to compare a household across runs */
function withoutIds(b: HouseholdBundle): unknown {
  return {
    household: b.household,
    residents: b.residents.map(({ id: _id, ...r }) => r),
    enrolments: b.enrolments.map(({ id: _id, residentId: _r, beneficiaryId: _b, ...e }) => e),
    payments: b.payments.map(({ id: _id, enrolmentId: _e, reference: _r, ...p }) => p),
    applications: b.applications.map(({ id: _id, residentId: _r, applicationNo: _n, status: _s, nextStep: _x, ...a }) => a),
  };
}

describe('household composition', () => {
  it('has 1 to 8 members with a mean near 4.5', () => {
    for (const b of bundles) {
      expect(b.residents.length).toBeGreaterThanOrEqual(1);
      expect(b.residents.length).toBeLessThanOrEqual(8);
    }
    const mean = residents.length / bundles.length;
    expect(mean).toBeGreaterThan(4.2);
    expect(mean).toBeLessThan(4.8);
  });

  it('has exactly one head, an adult, listed first, and at most one spouse', () => {
    for (const b of bundles) {
      expect(b.residents[0]?.relation).toBe('head');
      expect(b.residents.filter((r) => r.relation === 'head')).toHaveLength(1);
      expect(b.residents.filter((r) => r.relation === 'spouse').length).toBeLessThanOrEqual(1);
      expect(ageInYears(b.residents[0]?.birthDate ?? 0, AS_OF)).toBeGreaterThanOrEqual(18);
    }
  });

  // one expect() per member would take seconds: the rules collect problems instead
  it('gives birth dates that agree with the relations', () => {
    const problems: string[] = [];
    for (const b of bundles) {
      const head = b.residents[0];
      if (!head) throw new Error('no head');
      const spouse = b.residents.find((r) => r.relation === 'spouse');
      const sons = b.residents.filter((r) => r.relation === 'son');
      const bad = (r: { id: number; relation: string }, why: string): void => {
        problems.push(`resident ${r.id} (${r.relation}): ${why}`);
      };
      for (const r of b.residents) {
        if (r.birthDate >= AS_OF) bad(r, 'born on or after the as-of date');
        const age = ageInYears(r.birthDate, AS_OF);
        const yearsAfterHead = ageInYears(head.birthDate, r.birthDate); // negative if r is older
        const yearsBeforeHead = ageInYears(r.birthDate, head.birthDate);
        switch (r.relation) {
          case 'spouse':
          case 'daughter_in_law':
          case 'son_in_law':
            if (age < 18) bad(r, 'married under 18');
            break;
          case 'son':
          case 'daughter':
            if (yearsAfterHead < 18) bad(r, 'less than 18 years younger than the head');
            if (spouse && ageInYears(spouse.birthDate, r.birthDate) < 18) bad(r, "less than 18 years younger than the head's spouse");
            break;
          case 'father':
          case 'mother':
            if (yearsBeforeHead < 18) bad(r, 'less than 18 years older than the head');
            break;
          case 'grandson':
          case 'granddaughter':
            if (yearsAfterHead < 36) bad(r, 'less than 36 years younger than the head');
            // a parent of the grandchild (a son of the head) is at least 18 years older
            if (!sons.some((son) => ageInYears(son.birthDate, r.birthDate) >= 18)) bad(r, 'no son old enough to be the parent');
            break;
          case 'brother':
          case 'sister':
            if (Math.abs(ageInYears(head.birthDate, AS_OF) - age) > 13) bad(r, 'more than 13 years from the head');
            break;
          default:
            break;
        }
        const implied = RELATION_GENDER[r.relation];
        if (implied && r.gender !== implied) bad(r, `gender ${r.gender}`);
      }
      if (spouse && spouse.gender === head.gender) bad(spouse, 'same gender as the head');
    }
    expect(problems).toEqual([]);
  });

  it('names members in Latin and Devanagari, mostly with the family surname', () => {
    let sameSurname = 0;
    for (const r of residents) {
      expect(r.nameEn).toMatch(/^[A-Za-z]+( [A-Za-z]+)+$/);
      expect(r.nameHi).toMatch(/[\u0900-\u097F]/);
    }
    for (const b of bundles) {
      const family = b.residents[0]?.nameEn.split(' ').at(-1);
      sameSurname += b.residents.filter((r) => r.nameEn.split(' ').at(-1) === family).length;
    }
    expect(sameSurname / residents.length).toBeGreaterThan(0.9);
  });
});

describe('contacts and identity', () => {
  it('writes mobiles in E.164 with a first digit of 6 to 9, shared only within a household', () => {
    const owner = new Map<string, number>();
    for (const r of residents) {
      if (r.mobile === null) continue;
      expect(r.mobile).toMatch(E164_INDIA_MOBILE);
      const seen = owner.get(r.mobile);
      if (seen !== undefined) expect(seen).toBe(r.householdId);
      owner.set(r.mobile, r.householdId);
    }
    const adults = residents.filter((r) => ageInYears(r.birthDate, AS_OF) >= 18);
    const withPhone = adults.filter((r) => r.mobile !== null);
    expect(withPhone.length / adults.length).toBeGreaterThan(0.6);
    // some members share a number, some have none
    const shared = bundles.filter((b) => {
      const phones = b.residents.flatMap((r) => (r.mobile ? [r.mobile] : []));
      return new Set(phones).size < phones.length;
    });
    expect(shared.length).toBeGreaterThan(bundles.length * 0.1);
    expect(residents.some((r) => ageInYears(r.birthDate, AS_OF) >= 18 && r.mobile === null)).toBe(true);
  });

  it('marks about 3–5% of phones DND, consistently per number, and a few residents without consent', () => {
    const phones = new Map<string, boolean>();
    for (const r of residents) {
      if (r.mobile === null) {
        expect(r.dnd).toBe(false);
        continue;
      }
      const dnd = phones.get(r.mobile);
      if (dnd !== undefined) expect(r.dnd).toBe(dnd);
      phones.set(r.mobile, r.dnd);
    }
    const share = [...phones.values()].filter(Boolean).length / phones.size;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.05);
    const noConsent = residents.filter((r) => !r.contactConsent).length;
    expect(noConsent).toBeGreaterThan(0);
    expect(noConsent / residents.length).toBeLessThan(0.03);
  });

  it('never holds a clear Aadhaar number: only a salted SHA-256 and the last four digits', () => {
    const problems: string[] = [];
    for (const r of residents) {
      // no field but the phone number holds a run of 12 digits
      const { mobile: _mobile, aadhaarHash, ...rest } = r;
      if (/(?<!\d)\d{12}(?!\d)/.test(JSON.stringify(rest))) problems.push(`resident ${r.id} has a 12-digit value`);
      if (aadhaarHash === null) {
        if (r.aadhaarLast4 !== null) problems.push(`resident ${r.id}: last4 without a hash`);
      } else if (!/^[0-9a-f]{64}$/.test(aadhaarHash) || !/^\d{4}$/.test(r.aadhaarLast4 ?? '')) {
        problems.push(`resident ${r.id}: bad hash or last4`);
      }
    }
    expect(problems).toEqual([]);
    // the hash is sha256(salt + number) of a Verhoeff-valid 12-digit number ending in last4
    const b = bundles[1234];
    const position = b?.residents.findIndex((x) => x.aadhaarHash !== null) ?? -1;
    const r = b?.residents[position];
    if (!r) throw new Error('no resident with Aadhaar');
    const number = aadhaarFromIndex(ctx.aadhaar.apply(personIndex(1234, position)));
    expect(number).toMatch(/^[2-9]\d{11}$/);
    expect(isValidVerhoeff(number)).toBe(true);
    expect(number.endsWith(r.aadhaarLast4 ?? '')).toBe(true);
    expect(r.aadhaarHash).toBe(hash('sha256', SALT + number, 'hex'));
    const hashes = new Set(residents.flatMap((x) => (x.aadhaarHash ? [x.aadhaarHash] : [])));
    expect(hashes.size).toBe(residents.filter((x) => x.aadhaarHash !== null).length);
  });
});

describe('households', () => {
  it('numbers cards 22 + district LGD code + 7 digits, all different', () => {
    const cards = new Set<string>();
    for (const { household } of bundles) {
      expect(household.cardNumber).toMatch(/^22\d{10}$/);
      expect(household.cardNumber.slice(2, 5)).toBe(String(household.districtCode));
      cards.add(household.cardNumber);
    }
    expect(cards.size).toBe(bundles.length);
  });

  it('places households within 15 km of their block and in their block', () => {
    for (const { household } of bundles) {
      const geo = ctx.geo.find((g) => g.block.id === household.blockId);
      if (!geo) throw new Error('unknown block');
      expect(geo.block.districtCode).toBe(household.districtCode);
      const dLat = (household.lat - geo.anchor.lat) * 111.32;
      const dLon = (household.lon - geo.anchor.lon) * 111.32 * Math.cos((geo.anchor.lat * Math.PI) / 180);
      expect(Math.hypot(dLat, dLon)).toBeLessThan(15.1);
      expect(household.pincode).toMatch(/^49\d{4}$/);
    }
  });
});

describe('enrolments and payments', () => {
  it('enrols every household in 1 to 4 schemes with beneficiary ids unique within a scheme', () => {
    const seen = new Set<string>();
    for (const b of bundles) {
      expect(b.enrolments.length).toBeGreaterThanOrEqual(1);
      expect(b.enrolments.length).toBeLessThanOrEqual(4);
      for (const e of b.enrolments) {
        const key = `${e.schemeCode}:${e.beneficiaryId}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        expect(b.residents.some((r) => r.id === e.residentId)).toBe(true);
      }
    }
  });

  it('picks schemes that fit the beneficiary', () => {
    for (const b of bundles) {
      const byId = new Map(b.residents.map((r) => [r.id, r]));
      for (const e of b.enrolments) {
        const r = byId.get(e.residentId);
        if (!r) throw new Error('enrolment of a stranger');
        const age = ageInYears(r.birthDate, AS_OF);
        if (e.schemeCode === 'IGNOAPS' || e.schemeCode === 'SSPY') expect(age).toBeGreaterThanOrEqual(60);
        if (e.schemeCode === 'MVY') expect(r.gender === 'female' && age >= 21).toBe(true);
        if (e.schemeCode === 'ICDS') expect(age).toBeLessThan(6);
        if (e.schemeCode === 'PRMS' || e.schemeCode === 'PMS') expect(age >= 11 && age <= 22).toBe(true);
        if (e.schemeCode === 'PDS') expect(b.household.rationCategory).not.toBe('none');
        expect(e.enrolledOn).toBeLessThan(AS_OF);
      }
    }
  });

  it('pays at most once a month in the 12 months before the as-of date, mostly credited', () => {
    const first = dayFromIso('2025-11-01');
    const latest = dayFromIso('2026-10-01');
    let failed = 0;
    let total = 0;
    const problems: string[] = [];
    const bad = (p: { id: number }, why: string): void => {
      problems.push(`payment ${p.id}: ${why}`);
    };
    for (const b of bundles) {
      const periods = new Set<string>();
      for (const p of b.payments) {
        total++;
        if (p.period < first || p.period > latest) bad(p, 'period outside the window');
        if (periods.has(`${p.enrolmentId}:${p.period}`)) bad(p, 'second payment in a month');
        periods.add(`${p.enrolmentId}:${p.period}`);
        if (p.amountPaise < 0) bad(p, 'negative amount');
        if (p.status === 'credited') {
          if (p.paidOn === null || p.paidOn < p.period || p.paidOn >= AS_OF) bad(p, 'credited without a plausible paid_on');
          if (p.failureReason !== null) bad(p, 'credited with a failure reason');
        } else if (p.paidOn !== null) {
          bad(p, 'paid_on on an unpaid payment');
        }
        if (p.status === 'failed') {
          failed++;
          if (!p.failureReason) bad(p, 'failed without a reason');
        }
        if (p.status === 'pending' && p.period !== latest) bad(p, 'pending before the latest month');
      }
    }
    expect(problems).toEqual([]);
    expect(failed / total).toBeGreaterThan(0.01);
    expect(failed / total).toBeLessThan(0.06);
  });
});

describe('service applications', () => {
  const applications = bundles.flatMap((b) => b.applications);
  const events = bundles.flatMap((b) => b.events);

  it('covers every status with a timeline that starts submitted, moves forward and ends in the status', () => {
    expect(new Set(applications.map((a) => a.status))).toEqual(new Set(APPLICATION_STATUSES));
    for (const a of applications) {
      const timeline = events.filter((e) => e.applicationId === a.id);
      expect(timeline[0]?.status).toBe('submitted');
      expect(timeline.at(-1)?.status).toBe(a.status);
      for (let i = 1; i < timeline.length; i++) expect(timeline[i]?.at ?? 0).toBeGreaterThan(timeline[i - 1]?.at ?? 0);
      expect(a.submittedAt).toBe(timeline[0]?.at);
      expect(a.updatedAt).toBe(timeline.at(-1)?.at);
      expect(a.updatedAt).toBeLessThan(AS_OF * 86_400_000);
      expect(a.applicationNo).toMatch(/^[1-9]\d{11}$/);
      expect(a.nextStep.length).toBeGreaterThan(10);
    }
    expect(new Set(applications.map((a) => a.applicationNo)).size).toBe(applications.length);
  });

  it('sets expected_by from the service SLA and routes to an office of the service department', () => {
    for (const a of applications) {
      const service = ref.serviceTypes.find((s) => s.code === a.serviceCode);
      const office = ref.offices.find((o) => o.id === a.officeId);
      if (!service || !office) throw new Error('unknown service or office');
      expect(office.departmentCode).toBe(service.departmentCode);
      const submittedDay = Math.floor((a.submittedAt + 330 * 60_000) / 86_400_000);
      expect(a.expectedBy - submittedDay).toBe(service.slaDays);
    }
  });
});

describe('determinism', () => {
  it('gives the same households for the same seed, whatever batch they are generated in', () => {
    const again = generate(50);
    expect(again).toEqual(bundles.slice(0, 50));
    // household 3000 alone, with fresh id counters, has the same content
    const inBatch = bundles[3000];
    if (!inBatch) throw new Error('too few households');
    expect(withoutIds(generateHousehold(ctx, 3000, newIdCursor()))).toEqual(withoutIds(inBatch));
  });

  it('gives different households for a different seed', () => {
    const other = generate(50, createContext(ref, { seed: 12, asOfDay: AS_OF, aadhaarSalt: SALT }));
    expect(other.map((b) => b.household.cardNumber)).not.toEqual(bundles.slice(0, 50).map((b) => b.household.cardNumber));
  });
});
