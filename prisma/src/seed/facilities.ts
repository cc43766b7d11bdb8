import { SYNTHETIC_FACILITIES } from './catalogue.js';
import { pointNear, type BlockGeo } from './geography.js';
import type { Facility, FacilityType } from './reference.js';
import { Rng } from './rng.js';

// Anganwadis, schools, fair price shops, Lok Seva Kendras (CSCs), panchayat bhawans and health
// sub-centres: no public source has their locations, so they are generated around each block's
// anchor and marked synthetic. The type vocabulary has no bank type, so no banks are generated.

export const SYNTHETIC_SOURCE = 'synthetic';

export function generateSyntheticFacilities(
  seed: number,
  geo: readonly BlockGeo[],
  facilityTypes: readonly FacilityType[],
  firstId: number,
): Facility[] {
  const known = new Set(facilityTypes.map((t) => t.code));
  for (const f of SYNTHETIC_FACILITIES) {
    if (!known.has(f.typeCode)) throw new Error(`synthetic facility type ${f.typeCode} is not in facility-types.csv`);
  }
  const out: Facility[] = [];
  let id = firstId;
  for (const g of geo) {
    const rng = new Rng(seed, 'facilities', g.block.id);
    for (const spec of SYNTHETIC_FACILITIES) {
      for (let k = 1; k <= spec.perBlock; k++) {
        const village = rng.pick(g.villages);
        // the English name carries the village (PIN-code place names exist only in Latin
        // script); the Hindi name numbers the facility within its block instead
        const numbered = spec.perBlock > 1 ? ` क्र. ${k}` : '';
        const point = pointNear(rng, g.anchor, 12);
        out.push({
          id: id++,
          typeCode: spec.typeCode,
          name: `${spec.en} ${village.name}`,
          nameLocal: `${spec.hi}${numbered}, ${g.block.nameHi}`,
          districtCode: g.block.districtCode,
          blockId: g.block.id,
          lat: point.lat,
          lon: point.lon,
          synthetic: true,
          source: SYNTHETIC_SOURCE,
          externalRef: null,
          coordQuality: g.anchorIsHq ? 'synthetic_near_block_hq' : 'synthetic_near_district_hq',
        });
      }
    }
  }
  return out;
}
