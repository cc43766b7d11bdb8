import { createHash } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { LanguageCode, ReferenceData } from './reference.js';

// The demo accounts. Passwords are hashed with argon2id (the library's default algorithm and
// parameters). The salt is derived from the seed and the username instead of being random, so
// that two loads with the same seed are identical row for row; these are demo accounts with a
// published password, so a predictable salt costs nothing.

export type Role = 'agent' | 'supervisor' | 'officer' | 'admin';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  departmentCode: string | null;
  districtCode: number | null;
  officeId: number | null;
  languages: LanguageCode[];
  active: boolean;
  createdAt: number;
}

export const DEFAULT_DEMO_PASSWORD = 'samvad-demo';

/** The demo officer works for FOOD in Raipur district. */
export const OFFICER_DEPARTMENT = 'FOOD';
export const OFFICER_DISTRICT_NAME = 'Raipur';

function demoSalt(seed: number, username: string): Uint8Array {
  return createHash('sha256').update(`samvad-demo-user:${seed}:${username}`).digest().subarray(0, 16);
}

export async function buildDemoUsers(ref: ReferenceData, options: { seed: number; password: string; createdAt: number }): Promise<UserRow[]> {
  const raipur = ref.districts.find((d) => d.name === OFFICER_DISTRICT_NAME);
  if (!raipur) throw new Error(`district ${OFFICER_DISTRICT_NAME} not in cg-districts.csv`);
  const office = ref.officeFor(OFFICER_DEPARTMENT, raipur.lgdCode);
  if (office.level !== 'district' || office.districtCode !== raipur.lgdCode) {
    throw new Error(`${OFFICER_DEPARTMENT} has no district office in ${OFFICER_DISTRICT_NAME}: check OFFICE_GAPS`);
  }

  const specs: Omit<UserRow, 'id' | 'passwordHash' | 'active' | 'createdAt'>[] = [
    { username: 'agent1', displayName: 'Priya Sahu', role: 'agent', departmentCode: null, districtCode: null, officeId: null, languages: ['hi', 'cg'] },
    { username: 'agent2', displayName: 'Rahul Verma', role: 'agent', departmentCode: null, districtCode: null, officeId: null, languages: ['hi', 'cg', 'en'] },
    { username: 'supervisor1', displayName: 'Sunita Chandrakar', role: 'supervisor', departmentCode: null, districtCode: null, officeId: null, languages: ['hi', 'cg', 'en'] },
    {
      username: 'officer1',
      displayName: 'Anil Dewangan (District Food Officer, Raipur)',
      role: 'officer',
      departmentCode: OFFICER_DEPARTMENT,
      districtCode: raipur.lgdCode,
      officeId: office.id,
      languages: ['hi'],
    },
    { username: 'admin1', displayName: 'Samvad Administrator', role: 'admin', departmentCode: null, districtCode: null, officeId: null, languages: ['hi', 'en'] },
  ];

  const users: UserRow[] = [];
  for (const [i, spec] of specs.entries()) {
    const passwordHash = await hash(options.password, { salt: demoSalt(options.seed, spec.username) });
    users.push({ id: i + 1, ...spec, passwordHash, active: true, createdAt: options.createdAt });
  }
  return users;
}
