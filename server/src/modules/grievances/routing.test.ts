import { describe, expect, it } from 'vitest';
import { chooseOffice, dueDate, formatDocket, type TOfficeCandidate } from './routing.js';

const offices: TOfficeCandidate[] = [
  { id: 1, departmentCode: 'FOOD', level: 'state', districtCode: null },
  { id: 2, departmentCode: 'FOOD', level: 'district', districtCode: 411 },
  { id: 3, departmentCode: 'PRD', level: 'district', districtCode: 411 },
  { id: 4, departmentCode: 'PRD', level: 'state', districtCode: null },
];

describe('grievance routing', () => {
  it("goes to the department's office in the district", () => {
    expect(chooseOffice(offices, 'FOOD', 411)?.id).toBe(2);
    expect(chooseOffice(offices, 'PRD', 411)?.id).toBe(3);
  });

  it('falls back to the state office when the district has none', () => {
    expect(chooseOffice(offices, 'FOOD', 646)?.id).toBe(1);
  });

  it('finds nothing for a department without offices', () => {
    expect(chooseOffice(offices, 'HEALTH', 411)).toBeNull();
  });

  it('formats dockets and due dates', () => {
    expect(formatDocket(2026, 123)).toBe('CG-2026-000123');
    expect(formatDocket(2026, 1_234_567)).toBe('CG-2026-1234567');
    expect(dueDate(new Date('2026-03-01T10:00:00Z'), 15).toISOString()).toBe('2026-03-16T10:00:00.000Z');
  });
});
