/**
 * The facility types a caller most often asks about, as the server's type codes
 * (prisma/seed-data/facility-types.csv), with a colour for the map. The server has no bank
 * branches; Lok Seva Kendra is its type for common service centres.
 */
export const NEARBY_TYPES = [
  'shc_aam',
  'phc',
  'chc',
  'hospital_district',
  'anganwadi',
  'school_primary',
  'school_high',
  'fps',
  'lok_seva_kendra',
  'railway_station',
] as const;

/** Distinct on white and for the common colour-vision deficiencies as far as ten colours can be. */
const COLOURS: Record<string, string> = {
  shc_aam: '#2e7d32',
  phc: '#00838f',
  chc: '#1565c0',
  hospital_district: '#c62828',
  anganwadi: '#ad1457',
  school_primary: '#6a1b9a',
  school_high: '#4527a0',
  fps: '#ef6c00',
  lok_seva_kendra: '#5d4037',
  railway_station: '#37474f',
};

export function colourFor(typeCode: string): string {
  return COLOURS[typeCode] ?? '#546e7a';
}
