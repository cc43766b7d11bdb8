/** Where a grievance goes. Pure: the rule is testable without a database. */
export interface TOfficeCandidate {
  id: number;
  departmentCode: string;
  level: 'state' | 'district' | 'block';
  districtCode: number | null;
}

/**
 * The category's department office in the grievance's district; the department's state office
 * when that district has none. Null when the department has no office at all (a data error).
 */
export function chooseOffice(offices: readonly TOfficeCandidate[], departmentCode: string, districtCode: number): TOfficeCandidate | null {
  const ofDepartment = offices.filter((o) => o.departmentCode === departmentCode);
  return (
    ofDepartment.find((o) => o.level === 'district' && o.districtCode === districtCode) ??
    ofDepartment.find((o) => o.level === 'state') ??
    null
  );
}

/** CG-2026-000123: state prefix, the year in India, a sequence that restarts each year. */
export function formatDocket(year: number, sequence: number): string {
  return `CG-${year}-${String(sequence).padStart(6, '0')}`;
}

export function dueDate(createdAt: Date, deadlineDays: number): Date {
  return new Date(createdAt.getTime() + deadlineDays * 86_400_000);
}
