import { Rng } from './rng.js';
import { GEONAMES_DISTRICTS, type Block, type Place, type ReferenceData } from './reference.js';

// Where synthetic things go: an anchor point per block (its HQ, or a point near the district
// HQ when the pack has no HQ point for the block) and the villages (PIN-code places) that
// households and facilities of the block are named after.

export interface LatLon {
  lat: number;
  lon: number;
}

export interface BlockGeo {
  block: Block;
  anchor: LatLon;
  /** true when the anchor is the block's own HQ point */
  anchorIsHq: boolean;
  villages: readonly Place[];
}

const KM_PER_DEG_LAT = 111.32;

export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = (a.lat - b.lat) * KM_PER_DEG_LAT;
  const dLon = (a.lon - b.lon) * KM_PER_DEG_LAT * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  return Math.sqrt(dLat * dLat + dLon * dLon);
}

/** a point uniformly distributed in the disc of radius maxKm (at least minKm away) around c */
export function pointNear(rng: Rng, c: LatLon, maxKm: number, minKm = 0): LatLon {
  const r = Math.sqrt(minKm * minKm + rng.float() * (maxKm * maxKm - minKm * minKm));
  const theta = rng.float() * 2 * Math.PI;
  const lat = c.lat + (r * Math.cos(theta)) / KM_PER_DEG_LAT;
  const lon = c.lon + (r * Math.sin(theta)) / (KM_PER_DEG_LAT * Math.cos(c.lat * (Math.PI / 180)));
  // five decimals (about a metre) keep COPY text short and the values exact in text form
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}

const VILLAGES_PER_BLOCK = 30;

function villagesFor(block: Block, anchor: LatLon, places: readonly Place[]): Place[] {
  const oldDistricts = new Set(GEONAMES_DISTRICTS[block.districtCode] ?? []);
  const inArea = places.filter((p) => oldDistricts.has(p.geonamesDistrict));
  const pool = inArea.length > 0 ? inArea : places;
  // GeoNames tehsil names often equal the block name: those places are the block's own villages
  const blockName = block.name.toLowerCase();
  const own = pool.filter((p) => p.subdistrict.toLowerCase() === blockName);
  const ranked = (own.length >= 5 ? own : pool)
    .map((p) => ({ p, d: distanceKm(anchor, p) }))
    .sort((x, y) => x.d - y.d || x.p.name.localeCompare(y.p.name) || x.p.pincode.localeCompare(y.p.pincode));
  const seen = new Set<string>();
  const out: Place[] = [];
  for (const { p } of ranked) {
    const key = p.name.toLowerCase();
    if (seen.has(key) || p.name === '') continue;
    seen.add(key);
    out.push(p);
    if (out.length === VILLAGES_PER_BLOCK) break;
  }
  return out;
}

export function buildBlockGeo(ref: ReferenceData, seed: number): BlockGeo[] {
  return ref.blocks.map((block) => {
    const district = ref.districtByCode.get(block.districtCode);
    if (!district || district.hqLat === null || district.hqLon === null) {
      throw new Error(`district ${block.districtCode} has no HQ point`);
    }
    let anchor: LatLon;
    let anchorIsHq = false;
    if (block.hqLat !== null && block.hqLon !== null) {
      anchor = { lat: block.hqLat, lon: block.hqLon };
      anchorIsHq = true;
    } else {
      anchor = pointNear(new Rng(seed, 'block-anchor', block.id), { lat: district.hqLat, lon: district.hqLon }, 25, 6);
    }
    const villages = villagesFor(block, anchor, ref.places);
    if (villages.length === 0) throw new Error(`no villages for block ${block.name}`);
    return { block, anchor, anchorIsHq, villages };
  });
}
